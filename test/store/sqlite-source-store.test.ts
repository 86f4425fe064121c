import { afterEach, beforeEach, describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { SqliteSourceStore } from "../../src/io/store/sqlite-source-store.ts";
import { SqliteBulkWriter } from "../../src/io/store/sqlite-bulk-writer.ts";
import { tokenize, wordSequence } from "../../src/core/text/tokenize.ts";
import { protectText } from "../../src/core/boilerplate/protect.ts";
import type { NewSource } from "../../src/io/store/source-store.ts";
import { cli } from "../e2e/support.ts";

// Fictional text written for these tests.
const TEXT = [
  "Нацбанк сохранил базовую ставку на уровне 14,25% годовых. Решение совпало с ожиданиями аналитиков.",
  "При использовании материалов гиперссылка на источник обязательна.",
  "По словам председателя, инфляция замедлится до 8% к концу года.\nЧитайте также: курс тенге на неделе",
].join("\n\n");

/** A block key (16 hex digits, as `blockKey` gives them) above 2⁶³, so stored negative. */
const SHARED = "c0ffee0000000001";

function source(text: string, url = "https://vestnik.test/news/1"): NewSource {
  const { protectedText, removed } = protectText(text);
  return { url, title: "Ставка", published: "2024-03-01T09:00:00Z", reference: false, domain: "vestnik.test", text, protectedText, boilerplate: removed };
}

describe("SQLite source store", () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "copyquota-store-"));
    file = path.join(dir, "index.db");
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("gives back the protected text, boilerplate and words it was given", async () => {
    const store = SqliteSourceStore.open(file);
    const input = source(TEXT);
    const words = wordSequence(tokenize(input.protectedText));
    const { source: stored } = await store.putSource(input, { words, fingerprints: [1, 2 ** 32 - 1], blockKeys: [] });
    await store.close();

    const reopened = SqliteSourceStore.open(file);
    const back = await reopened.getSource(stored.id);
    expect(back?.protectedText).toBe(input.protectedText);
    expect(back?.boilerplate).toEqual(input.boilerplate);
    expect(input.boilerplate.length).toBeGreaterThan(0);
    const storedWords = (await reopened.getWords([stored.id])).get(stored.id)!;
    expect([...storedWords.codes]).toEqual([...words.codes]);
    expect([...storedWords.sentences]).toEqual([...words.sentences]);
    // Fingerprints above 2³¹ are found again although they are stored signed.
    expect(await reopened.candidates([2 ** 32 - 1], { maxDf: 10, minShared: 1, limit: 10 })).toEqual([{ sourceId: stored.id, shared: 1 }]);
    expect(await reopened.removeSource(input.url)).toBe(true);
    expect(await reopened.candidates([1, 2 ** 32 - 1], { maxDf: 10, minShared: 1, limit: 10 })).toEqual([]);
    await reopened.close();
  });

  it("moves recent postings and blocks into the large tables once there are enough, and finds, counts and removes them in either", async () => {
    for (const grouped of [false, true]) {
      const db = path.join(dir, `levels-${grouped}.db`);
      const store = SqliteSourceStore.open(db, { recentLimit: 25 });
      const writer = grouped ? new SqliteBulkWriter(store) : store;
      const words = wordSequence(tokenize(TEXT));
      // Source n holds fingerprints n*10 … n*10+9 and the shared fingerprint 7; 10 postings a source, so
      // adding the third reaches the limit and the following ones land in the recent table again.
      const ids: number[] = [];
      for (let n = 1; n <= 5; n++) {
        const fingerprints = [7, ...Array.from({ length: 9 }, (_, i) => n * 10 + i)];
        // Every source holds block SHARED and a block of its own.
        const blockKeys = [SHARED, n.toString(16).padStart(16, "0")];
        ids.push((await writer.putSource(source(TEXT, `https://vestnik.test/news/${n}`), { words, fingerprints, blockKeys })).source.id);
      }
      if (writer instanceof SqliteBulkWriter) await writer.close();
      await store.close();

      const raw = new Database(db, { readonly: true });
      const level = (table: string) => raw.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
      // Without grouping a merge follows the write that reached the limit; through a bulk writer, it waits for the commit (on close).
      expect([level("fingerprints"), level("recent_fingerprints")]).toEqual(grouped ? [50, 0] : [30, 20]);
      expect([level("blocks"), level("recent_blocks")]).toEqual(grouped ? [10, 0] : [6, 4]);
      raw.close();

      const reopened = SqliteSourceStore.open(db, { recentLimit: 25 });
      const all = await reopened.candidates([7, 10, 50], { maxDf: 10, minShared: 1, limit: 10 });
      expect(all).toEqual([
        { sourceId: ids[0], shared: 2 },
        { sourceId: ids[4], shared: 2 },
        ...[ids[1], ids[2], ids[3]].map((sourceId) => ({ sourceId, shared: 1 })),
      ]);
      // The per-hash cap counts both tables: 7 is held by 5 sources, more than maxDf = 4.
      expect(await reopened.candidates([7], { maxDf: 4, minShared: 1, limit: 10 })).toEqual([]);
      // Block counts also read both tables.
      const own = "000000000000000" + "3";
      const other = "https://vestnik.test/news/3";
      expect(await reopened.blockCounts("vestnik.test", [SHARED, own], other)).toEqual(new Map([[SHARED, 4], [own, 0]]));
      expect(await reopened.blockCounts("gazeta.test", [SHARED], other)).toEqual(new Map([[SHARED, 0]]));
      expect(await reopened.removeSource("https://vestnik.test/news/1")).toBe(true);
      expect(await reopened.removeSource("https://vestnik.test/news/5")).toBe(true);
      expect((await reopened.candidates([7, 10, 50], { maxDf: 10, minShared: 1, limit: 10 })).map((c) => c.sourceId)).toEqual([ids[1], ids[2], ids[3]]);
      expect(await reopened.blockCounts("vestnik.test", [SHARED], other)).toEqual(new Map([[SHARED, 2]]));
      expect(await reopened.sourcesWithBlock("vestnik.test", SHARED)).toEqual([2, 3, 4].map((n) => `https://vestnik.test/news/${n}`));
      await reopened.close();
    }
  });

  it("stores a protected text that is not made of the text's blocks as it is", async () => {
    const store = SqliteSourceStore.open(file);
    const input = { ...source(TEXT), protectedText: "Текст, которого нет в исходнике." };
    const { source: stored } = await store.putSource(input, { words: wordSequence(tokenize(input.protectedText)), fingerprints: [], blockKeys: [] });
    expect((await store.getSource(stored.id))?.protectedText).toBe(input.protectedText);
    await store.close();
  });

  it("opens a file that kept block counts in a table of their own, rebuilding its block rows", async () => {
    const store = SqliteSourceStore.open(file);
    const words = wordSequence(tokenize(TEXT));
    const keys = ["00000000000000a1", "f0000000000000b2", "00000000000000c3"];
    const holders = [[keys[0]!], [keys[0]!, keys[1]!], [keys[1]!]];
    for (const [i, blockKeys] of holders.entries()) await store.putSource(source(TEXT, `https://vestnik.test/news/${i + 1}`), { words, fingerprints: [], blockKeys });
    await store.close();
    // The earlier layout, from before numbered migrations: block rows under the bare keys, and a table of counts per domain.
    const old = new Database(file);
    old.pragma("user_version = 0");
    old.exec("DELETE FROM blocks; DELETE FROM recent_blocks; CREATE TABLE block_counts (domain TEXT, block_key INTEGER, sources INTEGER, PRIMARY KEY (domain, block_key)) WITHOUT ROWID");
    const insert = old.prepare("INSERT INTO blocks (block_key, source_id) VALUES (?, ?)");
    for (const [i, blockKeys] of holders.entries()) for (const key of blockKeys) insert.run(BigInt.asIntN(64, BigInt(`0x${key}`)), i + 1);
    old.close();

    const reopened = SqliteSourceStore.open(file);
    expect(await reopened.blockCounts("vestnik.test", keys, "https://vestnik.test/news/9")).toEqual(new Map([[keys[0], 2], [keys[1], 2], [keys[2], 0]]));
    expect(await reopened.sourcesWithBlock("vestnik.test", keys[1]!)).toEqual(["https://vestnik.test/news/2", "https://vestnik.test/news/3"]);
    expect(await reopened.removeSource("https://vestnik.test/news/2")).toBe(true);
    expect(await reopened.blockCounts("vestnik.test", keys, "https://vestnik.test/news/9")).toEqual(new Map([[keys[0], 1], [keys[1], 1], [keys[2], 0]]));
    await reopened.close();
    const check = new Database(file, { readonly: true });
    expect(check.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'block_counts'").pluck().get()).toBe(0);
    check.close();
  });

  it("refuses a file indexed in an older format, naming it, and leaves it unchanged", async () => {
    const old = new Database(file);
    old.exec("CREATE TABLE sources (id INTEGER PRIMARY KEY, url TEXT, protected_text TEXT); INSERT INTO sources (url, protected_text) VALUES ('https://vestnik.test/1', 'текст');");
    old.close();
    expect(() => SqliteSourceStore.open(file)).toThrow(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}.*format 1.*format 3`));
    const check = new Database(file);
    expect(check.prepare("SELECT count(*) FROM sources").pluck().get()).toBe(1);
    expect(check.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'meta'").pluck().get()).toBe(0);
    check.close();
  });

  it("makes the CLI exit 2 with the message alone, naming the file", async () => {
    const old = new Database(file);
    old.exec("CREATE TABLE sources (id INTEGER PRIMARY KEY, url TEXT, protected_text TEXT)");
    old.close();
    const run = await cli(["--db", file, "sources", "list"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`^copyquota: ${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: its sources were indexed in format 1`));
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});

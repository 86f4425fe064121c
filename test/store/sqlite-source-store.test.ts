import { afterEach, beforeEach, describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { SqliteSourceStore } from "../../src/io/store/sqlite-source-store.ts";
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

  it("moves recent postings into the large table once there are enough, and finds and removes them in either", async () => {
    for (const grouped of [false, true]) {
      const db = path.join(dir, `levels-${grouped}.db`);
      const store = SqliteSourceStore.open(db, { recentLimit: 25 });
      if (grouped) store.groupCommits();
      const words = wordSequence(tokenize(TEXT));
      // Source n holds fingerprints n*10 … n*10+9 and the shared fingerprint 7; 10 postings a source, so
      // adding the third reaches the limit and the following ones land in the recent table again.
      const ids: number[] = [];
      for (let n = 1; n <= 5; n++) {
        const fingerprints = [7, ...Array.from({ length: 9 }, (_, i) => n * 10 + i)];
        ids.push((await store.putSource(source(TEXT, `https://vestnik.test/news/${n}`), { words, fingerprints, blockKeys: [] })).source.id);
      }
      await store.close();

      const raw = new Database(db, { readonly: true });
      const level = (table: string) => raw.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
      // Without grouping a merge follows the write that reached the limit; grouped, it waits for the commit (on close).
      expect([level("fingerprints"), level("recent_fingerprints")]).toEqual(grouped ? [50, 0] : [30, 20]);
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
      expect(await reopened.removeSource("https://vestnik.test/news/1")).toBe(true);
      expect(await reopened.removeSource("https://vestnik.test/news/5")).toBe(true);
      expect((await reopened.candidates([7, 10, 50], { maxDf: 10, minShared: 1, limit: 10 })).map((c) => c.sourceId)).toEqual([ids[1], ids[2], ids[3]]);
      await reopened.close();
    }
  });

  it("grouped, finds, replaces and removes sources whose postings still wait for the commit", async () => {
    const store = SqliteSourceStore.open(file);
    store.groupCommits();
    const words = wordSequence(tokenize(TEXT));
    const put = async (n: number, fingerprints: number[]) => (await store.putSource(source(TEXT, `https://vestnik.test/news/${n}`), { words, fingerprints, blockKeys: [] })).source.id;
    const find = async (hashes: number[]) => (await store.candidates(hashes, { maxDf: 10, minShared: 1, limit: 10 })).map((c) => [c.sourceId, c.shared]);
    const first = await put(1, [5, 2 ** 32 - 1, 9]);
    const second = await put(2, [5, 6]);
    expect(await find([5, 2 ** 32 - 1, 6])).toEqual([[first, 2], [second, 2]]);

    // Source 1's postings were written by that check; source 3's wait when it is replaced, and source 4's when it is removed.
    const third = await put(3, [7]);
    const replaced = await put(1, [8]);
    const replacedThird = await put(3, [12]);
    const fourth = await put(4, [7, 11]);
    expect(await store.removeSource("https://vestnik.test/news/4")).toBe(true);
    expect(await find([5, 2 ** 32 - 1, 7, 8, 9, 11, 12])).toEqual([[second, 1], [replaced, 1], [replacedThird, 1]]);
    expect([third, fourth]).not.toContain(replacedThird);
    await store.close();

    const raw = new Database(file, { readonly: true });
    const postings = raw.prepare("SELECT hash, source_id FROM recent_fingerprints UNION ALL SELECT hash, source_id FROM fingerprints ORDER BY source_id, hash").raw().all();
    expect(postings).toEqual([[5, second], [6, second], [8, replaced], [12, replacedThird]]);
    raw.close();
  });

  it("stores a protected text that is not made of the text's blocks as it is", async () => {
    const store = SqliteSourceStore.open(file);
    const input = { ...source(TEXT), protectedText: "Текст, которого нет в исходнике." };
    const { source: stored } = await store.putSource(input, { words: wordSequence(tokenize(input.protectedText)), fingerprints: [], blockKeys: [] });
    expect((await store.getSource(stored.id))?.protectedText).toBe(input.protectedText);
    await store.close();
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

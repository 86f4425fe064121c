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

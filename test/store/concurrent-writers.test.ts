import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SqliteSourceStore } from "../../src/io/store/sqlite-source-store.ts";
import { cli, REPO } from "../e2e/support.ts";

/**
 * Documents per process: enough that each `sources add` commits several groups while the other writes (1,500
 * each made the second die with "database is locked" before writers took the lock first and waited for it).
 */
const DOCUMENTS = 1500;

const ARCHIVE = path.join(REPO, "test/fixtures/articles/vestnik-archive.jsonl");

/** Two CLI processes loading 3,000 documents: seconds on an idle machine, a minute or more on a busy one. */
const SPAWNING = { timeout: 300_000 };

/** An archive of `DOCUMENTS` distinct articles, made from the fixture archive's ten with a distinct URL and line each. */
function archive(dir: string, tag: string): string {
  const articles = readFileSync(ARCHIVE, "utf8").trim().split("\n").map((line) => JSON.parse(line) as { url: string; text: string });
  const lines = Array.from({ length: DOCUMENTS }, (_, i) => {
    const article = articles[i % articles.length]!;
    return JSON.stringify({ ...article, url: `${article.url}/${tag}${i}`, text: `${article.text}\n\nВыпуск ${tag} № ${i}` });
  });
  const file = path.join(dir, `${tag}.jsonl`);
  writeFileSync(file, `${lines.join("\n")}\n`);
  return file;
}

describe("two `sources add` on one SQLite file", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "copyquota-writers-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("take turns at the write lock: both succeed and every document is stored", SPAWNING, async () => {
    const db = path.join(dir, "shared.db");
    const [first, second] = await Promise.all([cli(["--db", db, "sources", "add", archive(dir, "a")]), cli(["--db", db, "sources", "add", archive(dir, "b")])]);
    expect([first.code, first.stderr.split("\n").at(-2)]).toEqual([0, `sources: ${DOCUMENTS} added, 0 replaced, 0 failed`]);
    expect([second.code, second.stderr.split("\n").at(-2)]).toEqual([0, `sources: ${DOCUMENTS} added, 0 replaced, 0 failed`]);
    const store = SqliteSourceStore.open(db);
    expect(await store.countSources()).toBe(2 * DOCUMENTS);
    await store.close();
  });
});

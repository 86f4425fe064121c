import { describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import { statSync } from "node:fs";
import path from "node:path";
import { SqliteSourceStore } from "../../src/io/store/sqlite-source-store.ts";
import { SqliteBulkWriter } from "../../src/io/store/sqlite-bulk-writer.ts";
import { tokenize, wordSequence } from "../../src/core/text/tokenize.ts";
import type { NewSource } from "../../src/io/store/source-store.ts";
import { until } from "../server/until.ts";
import { tempDirPerTest } from "../support/temp-dir.ts";

// What the SQLite bulk writer shares with PostgreSQL's is in bulk-writer-contract.test.ts; here, what only SQLite's
// does: index rows held until the group commits, and what it knows of the stored block rows.

const TEXT = "Нацбанк сохранил базовую ставку на уровне 14,25% годовых. Решение совпало с ожиданиями аналитиков.";
const words = wordSequence(tokenize(TEXT));
/** A block key (16 hex digits, as `blockKey` gives them) above 2⁶³, so stored negative. */
const SHARED = "c0ffee0000000001";
const OTHER = "https://vestnik.test/news/9";

function source(n: number): NewSource {
  return { url: `https://vestnik.test/news/${n}`, title: "Ставка", published: "2024-03-01T09:00:00Z", reference: false, domain: "vestnik.test", text: TEXT, protectedText: TEXT, boilerplate: [] };
}

describe("SQLite bulk writer", () => {
  const dir = tempDirPerTest("bulk");
  const file = () => path.join(dir(), "index.db");

  it("replaces sources whose postings still wait for the commit, leaving only the new postings", async () => {
    const store = SqliteSourceStore.open(file());
    const writer = new SqliteBulkWriter(store);
    const put = async (n: number, fingerprints: number[]) => (await writer.putSource(source(n), { words, fingerprints, blockKeys: [] })).source.id;
    const first = await put(1, [5, 2 ** 32 - 1, 9]);
    const second = await put(2, [5, 6]);
    const replaced = await put(1, [8]);
    await put(3, [7]);
    // Its id may be given again, to the source replacing it: only the new postings must be under it.
    const replacedThird = await put(3, [12]);
    await writer.close();
    expect(replaced).not.toBe(first);
    // The storage's store finds what the writer wrote once it is closed.
    expect((await store.candidates([5, 2 ** 32 - 1, 6, 7, 8, 9, 12], { maxDf: 10, minShared: 1, limit: 10 })).map((c) => [c.sourceId, c.shared])).toEqual([
      [second, 2],
      [replaced, 1],
      [replacedThird, 1],
    ]);
    await store.close();

    const raw = new Database(file(), { readonly: true });
    const postings = raw.prepare("SELECT hash, source_id FROM recent_fingerprints UNION ALL SELECT hash, source_id FROM fingerprints ORDER BY source_id, hash").raw().all();
    expect(postings).toEqual([[5, second], [6, second], [8, replaced], [12, replacedThird]]);
    raw.close();
  });

  it("commits every `group` writes, so that another connection sees them before the writer is closed", async () => {
    const store = SqliteSourceStore.open(file());
    const writer = new SqliteBulkWriter(store, { group: 2 });
    const reader = SqliteSourceStore.open(file());
    for (let n = 1; n <= 3; n++) await writer.putSource(source(n), { words, fingerprints: [n], blockKeys: [SHARED] });
    expect(await reader.countSources()).toBe(2);
    expect(await reader.blockCounts("vestnik.test", [SHARED], OTHER)).toEqual(new Map([[SHARED, 2]]));
    await writer.close();
    expect(await reader.countSources()).toBe(3);
    expect((await reader.candidates([1, 2, 3], { maxDf: 10, minShared: 1, limit: 10 })).length).toBe(3);
    await reader.close();
    await store.close();
  });

  it("holds postings until they are as many as the recent table takes, listing their sources as held by this process meanwhile", async () => {
    const store = SqliteSourceStore.open(file(), { recentLimit: 4 });
    const writer = new SqliteBulkWriter(store, { group: 1 });
    const reader = SqliteSourceStore.open(file());
    const held = () => store.db.prepare("SELECT source_id, writer_pid FROM held_sources ORDER BY source_id").raw().all();
    const first = (await writer.putSource(source(1), { words, fingerprints: [1, 2], blockKeys: [SHARED] })).source.id;
    // Committed: stored and counted, not yet found.
    expect(await reader.countSources()).toBe(1);
    expect(await reader.blockCounts("vestnik.test", [SHARED], OTHER)).toEqual(new Map([[SHARED, 1]]));
    expect(await reader.candidates([1, 2], { maxDf: 10, minShared: 1, limit: 10 })).toEqual([]);
    expect(held()).toEqual([[first, process.pid]]);
    // Four postings held: merged at this commit, into the large table.
    const second = (await writer.putSource(source(2), { words, fingerprints: [2, 3], blockKeys: [] })).source.id;
    expect(await reader.candidates([1, 2, 3], { maxDf: 10, minShared: 1, limit: 10 })).toEqual([
      { sourceId: first, shared: 2 },
      { sourceId: second, shared: 2 },
    ]);
    expect(held()).toEqual([]);
    const third = (await writer.putSource(source(3), { words, fingerprints: [4], blockKeys: [] })).source.id;
    expect(held()).toEqual([[third, process.pid]]);
    // The rest on close, however few.
    await writer.close();
    expect(await reader.candidates([4], { maxDf: 10, minShared: 1, limit: 10 })).toEqual([{ sourceId: third, shared: 1 }]);
    expect(held()).toEqual([]);
    expect(store.db.prepare("SELECT count(*) FROM recent_fingerprints").pluck().get()).toBe(0);
    await reader.close();
    await store.close();
  });

  it("counts blocks of the sources still waiting, stopping at atMost", async () => {
    const store = SqliteSourceStore.open(file());
    const writer = new SqliteBulkWriter(store);
    const lone = "000000000000beef";
    for (let n = 1; n <= 5; n++) await writer.putSource(source(n), { words, fingerprints: [], blockKeys: n === 1 ? [SHARED, lone] : [SHARED] });
    expect(await writer.blockCounts("vestnik.test", [SHARED, lone], OTHER, 3)).toEqual(new Map([[SHARED, 3], [lone, 1]]));
    expect(await writer.blockCounts("vestnik.test", [SHARED, lone], OTHER, 10)).toEqual(new Map([[SHARED, 5], [lone, 1]]));
    // A source's own blocks are not counted for it, nor another domain's.
    expect(await writer.blockCounts("vestnik.test", [SHARED, lone], source(1).url, 10)).toEqual(new Map([[SHARED, 4], [lone, 0]]));
    expect(await writer.blockCounts("gazeta.test", [SHARED], OTHER, 3)).toEqual(new Map([[SHARED, 0]]));
    expect(await writer.sourcesWithBlock("vestnik.test", lone)).toEqual([source(1).url]);
    await writer.close();
    await store.close();
  });

  it("counts the blocks another connection wrote after its first count", async () => {
    const first = SqliteSourceStore.open(file());
    await first.putSource(source(1), { words, fingerprints: [], blockKeys: [SHARED] });
    await first.close();

    const store = SqliteSourceStore.open(file());
    const writer = new SqliteBulkWriter(store);
    const lone = "000000000000beef";
    expect(await writer.blockCounts("vestnik.test", [SHARED, lone], OTHER, 3)).toEqual(new Map([[SHARED, 1], [lone, 0]]));
    const other = SqliteSourceStore.open(file());
    await other.putSource(source(2), { words, fingerprints: [], blockKeys: [SHARED, lone] });
    await other.close();
    expect(await writer.blockCounts("vestnik.test", [SHARED, lone], OTHER, 3)).toEqual(new Map([[SHARED, 2], [lone, 1]]));
    await writer.close();
    await store.close();
  });

  it("counts a block again once the sources holding it were replaced without it", async () => {
    const store = SqliteSourceStore.open(file());
    const writer = new SqliteBulkWriter(store);
    for (let n = 1; n <= 5; n++) await writer.putSource(source(n), { words, fingerprints: [n], blockKeys: [SHARED] });
    // A look-up of the block's sources writes the pending rows, so the counts below come from the tables.
    expect(await writer.sourcesWithBlock("vestnik.test", SHARED)).toHaveLength(5);
    expect(await writer.blockCounts("vestnik.test", [SHARED], OTHER, 3)).toEqual(new Map([[SHARED, 3]]));
    expect(await writer.blockCounts("vestnik.test", [SHARED], OTHER, 3)).toEqual(new Map([[SHARED, 3]]));
    for (let n = 1; n <= 3; n++) expect((await writer.putSource(source(n), { words, fingerprints: [n], blockKeys: [] })).replaced).toBe(true);
    expect(await writer.blockCounts("vestnik.test", [SHARED], OTHER, 3)).toEqual(new Map([[SHARED, 2]]));
    await writer.close();
    await store.close();
  });

  it("leaves the connection open, its checkpoint interval as it was, and a source that failed unwritten", async () => {
    const store = SqliteSourceStore.open(file());
    const before = store.db.pragma("wal_autocheckpoint", { simple: true });
    const writer = new SqliteBulkWriter(store);
    await writer.putSource(source(1), { words, fingerprints: [1], blockKeys: [SHARED] });
    // A NOT NULL column left empty: this source's savepoint rolls back, the one before stays.
    await expect(writer.putSource({ ...source(2), title: null as unknown as string }, { words, fingerprints: [2], blockKeys: [SHARED] })).rejects.toThrow(/NOT NULL/);
    await writer.close();
    expect(store.db.pragma("wal_autocheckpoint", { simple: true })).toBe(before);
    expect((await store.listSources({ limit: 10, offset: 0 })).map((s) => s.url)).toEqual([source(1).url]);
    expect((await store.candidates([1, 2], { maxDf: 10, minShared: 1, limit: 10 })).map((c) => c.shared)).toEqual([1]);
    expect(await store.blockCounts("vestnik.test", [SHARED], OTHER)).toEqual(new Map([[SHARED, 1]]));
    await store.close();
  });

  it("hands its checkpoints to a thread after the first commit, and starts the WAL over once it outgrows restartBytes", async () => {
    const walBytes = async (restartBytes: number) => {
      const db = path.join(dir(), `restart-${restartBytes}.db`);
      const store = SqliteSourceStore.open(db);
      const before = store.db.pragma("wal_autocheckpoint", { simple: true });
      const writer = new SqliteBulkWriter(store, { group: 2, restartBytes });
      const big = `${TEXT} ${"Ставка. ".repeat(8000)}`;
      const put = (n: number) => writer.putSource({ ...source(n), text: big, protectedText: big }, { words, fingerprints: [n], blockKeys: [SHARED] });
      for (let n = 1; n <= 2; n++) await put(n);
      // After the first commit the connection no longer checkpoints by itself, and what it committed reaches the
      // file all the same, copied by the thread (which takes a moment to start).
      expect(store.db.pragma("wal_autocheckpoint", { simple: true })).toBe(0);
      await until(async () => statSync(db).size, (size) => size > 2 * big.length, 20_000);
      // Back to back: the WAL is started over only when the writer waits for the checkpointer to catch up first.
      for (let n = 3; n <= 80; n++) await put(n);
      await writer.close();
      expect(store.db.pragma("wal_autocheckpoint", { simple: true })).toBe(before);
      const bytes = statSync(`${db}-wal`).size;
      expect(await store.countSources()).toBe(80);
      await store.close();
      return bytes;
    };
    // Started over at every group once the thread has checkpointed the first, the WAL's file stays the size of
    // the schema and a few groups; never started over, it holds them all (each source ~112 KB of text in UTF-8).
    const restarted = await walBytes(1);
    const grown = await walBytes(2 ** 40);
    expect(grown).toBeGreaterThan(78 * 112_000);
    expect(restarted).toBeLessThan(grown / 4);
  });
});

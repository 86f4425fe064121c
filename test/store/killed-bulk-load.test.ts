import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { SqliteSourceStore } from "../../src/io/store/sqlite-source-store.ts";
import { ownBuffer } from "../../src/io/store/blob.ts";
import { BIN, REPO } from "../e2e/support.ts";
import { until } from "../server/until.ts";
import { tempDirPerTest } from "../support/temp-dir.ts";

/**
 * A bulk load holds its sources' postings in memory between merges, listing the sources in `held_sources`: a load
 * killed there must not leave stored sources that no check can find.
 */

/** Enough documents that the load is still running, its first groups committed, a second or two after it starts. */
const DOCUMENTS = 20_000;

const ARCHIVE = path.join(REPO, "test/fixtures/articles/vestnik-archive.jsonl");

/** A CLI process started, loading, then killed: seconds on an idle machine, a minute on a busy one. */
const SPAWNING = { timeout: 180_000 };

/**
 * Documents of the fixture archive's words, each a different draw of them: repeated articles would make each
 * other boilerplate, leaving nothing to find.
 */
function archive(dir: string): string {
  const words = readFileSync(ARCHIVE, "utf8")
    .trim()
    .split("\n")
    .flatMap((line) => (JSON.parse(line) as { text: string }).text.split(/\s+/));
  let seed = 1;
  const draw = () => words[(seed = (seed * 48_271) % 2_147_483_647) % words.length]!;
  const paragraph = () => `${Array.from({ length: 40 }, draw).join(" ")}.`;
  const lines = Array.from({ length: DOCUMENTS }, (_, i) => JSON.stringify({ url: `https://vestnik.test/archive/${i}`, text: `${paragraph()}\n\n${paragraph()}` }));
  const file = path.join(dir, "archive.jsonl");
  writeFileSync(file, `${lines.join("\n")}\n`);
  return file;
}

function count(file: string, sql: string): number {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).pluck().get() as number;
  } finally {
    db.close();
  }
}

describe("a `sources add` killed midway", () => {
  const dir = tempDirPerTest("killed");

  it("leaves every source it stored findable once the file is next opened", SPAWNING, async () => {
    const db = path.join(dir(), "index.db");
    const child = spawn(process.execPath, [BIN, "--db", db, "sources", "add", archive(dir())], { stdio: "ignore" });
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    // Killed once a group is stored: sources committed, their postings still held by the process.
    await until(
      async () => {
        try {
          return count(db, "SELECT count(*) FROM held_sources");
        } catch {
          return 0;
        }
      },
      (held) => held > 0,
    );
    child.kill("SIGKILL");
    expect(await exited).toBeNull();

    const stored = count(db, "SELECT count(*) FROM sources");
    expect(stored).toBeLessThan(DOCUMENTS);
    expect(count(db, "SELECT count(*) FROM held_sources")).toBeGreaterThan(0);

    const store = SqliteSourceStore.open(db);
    const raw = new Database(db, { readonly: true });
    expect(raw.prepare("SELECT count(*) FROM held_sources").pluck().get()).toBe(0);
    const rows = raw.prepare("SELECT id, fingerprints FROM sources ORDER BY id").all() as Array<{ id: number; fingerprints: Buffer }>;
    const postings = raw.prepare("SELECT hash, source_id FROM fingerprints UNION ALL SELECT hash, source_id FROM recent_fingerprints").raw().all() as Array<[number, number]>;
    raw.close();
    expect(rows).toHaveLength(stored);
    // Each source's every fingerprint posted once, in one table or the other.
    const posted = new Set(postings.map(([hash, id]) => `${hash}:${id}`));
    expect(posted.size).toBe(postings.length);
    const lists = rows.map((row) => ({ id: row.id, hashes: [...new Int32Array(ownBuffer(row.fingerprints))] }));
    expect(lists.filter(({ id, hashes }) => hashes.some((hash) => !posted.has(`${hash}:${id}`))).map(({ id }) => id)).toEqual([]);
    expect(postings).toHaveLength(lists.reduce((sum, { hashes }) => sum + hashes.length, 0));
    expect(lists.filter(({ hashes }) => hashes.length === 0)).toEqual([]);
    // And found by a check: the last source stored, whose postings the killed process surely held.
    const last = lists.at(-1)!;
    const found = await store.candidates(last.hashes, { maxDf: DOCUMENTS, minShared: last.hashes.length, limit: DOCUMENTS });
    expect(found).toContainEqual({ sourceId: last.id, shared: last.hashes.length });
    await store.close();
  });
});

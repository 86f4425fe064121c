import { describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import { copyFileSync } from "node:fs";
import path from "node:path";
import { WalCheckpointer } from "../../src/io/store/wal-checkpointer.ts";
import { tempDirPerTest } from "../support/temp-dir.ts";

describe("WAL checkpointer thread", () => {
  const dir = tempDirPerTest("checkpointer");
  const file = () => path.join(dir(), "index.db");

  /** The rows of `t` in the database file alone, without its WAL: what checkpoints have copied into it. */
  function rowsInFile(): number {
    const copy = path.join(dir(), "file-alone.db");
    copyFileSync(file(), copy);
    const db = new Database(copy, { readonly: true });
    try {
      return db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 't'").pluck().get() === 1 ? (db.prepare("SELECT count(*) FROM t").pluck().get() as number) : 0;
    } finally {
      db.close();
    }
  }

  it("copies what a connection that never checkpoints committed into the file, and reports the WAL's frames", async () => {
    const db = new Database(file());
    db.pragma("journal_mode = WAL");
    db.pragma("wal_autocheckpoint = 0");
    db.exec("CREATE TABLE t (x)");
    const insert = db.prepare("INSERT INTO t VALUES (randomblob(1000))");
    const commit = (rows: number) =>
      db.transaction(() => {
        for (let i = 0; i < rows; i++) insert.run();
      })();
    commit(200);
    expect(rowsInFile()).toBe(0);

    const checkpointer = new WalCheckpointer(file());
    checkpointer.catchUp();
    expect(checkpointer.failed).toBe(false);
    expect(rowsInFile()).toBe(200);
    expect(checkpointer.frames).toBeGreaterThan(50);

    // Asked for while it may still run, a checkpoint covers the commit made meanwhile once caught up.
    checkpointer.request();
    commit(100);
    checkpointer.catchUp();
    expect(rowsInFile()).toBe(300);
    db.close();
    await checkpointer.close();
  });

  it("fails on a file it cannot open, and then is never waited for", async () => {
    const checkpointer = new WalCheckpointer(path.join(dir(), "missing.db"));
    checkpointer.catchUp();
    expect(checkpointer.failed).toBe(true);
    checkpointer.catchUp();
    await checkpointer.close();
  });
});

import { chmodSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/io/storage/sqlite-database.ts";
import { busyMessage, isDatabaseBusy } from "../../src/io/store/sqlite-busy.ts";

function mode(file: string): number {
  return statSync(file).mode & 0o777;
}

/** What `run` throws. */
function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error("expected an error");
}

describe("a SQLite database file", () => {
  let dir: string;
  let umask: number;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "copyquota-dbfile-"));
    umask = process.umask();
  });
  afterEach(() => {
    process.umask(umask);
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([0o000, 0o022, 0o277])("is created with its -wal and -shm readable and writable by the owner only under umask %o", (mask) => {
    process.umask(mask);
    const file = path.join(dir, "new.db");
    const db = openDatabase(file);
    db.exec("CREATE TABLE t (x); INSERT INTO t VALUES (1)");
    expect([mode(file), mode(`${file}-wal`), mode(`${file}-shm`)]).toEqual([0o600, 0o600, 0o600]);
    db.close();
  });

  it("keeps the mode of a file that exists", () => {
    const file = path.join(dir, "shared.db");
    openDatabase(file).close();
    chmodSync(file, 0o640);
    openDatabase(file).close();
    expect(mode(file)).toBe(0o640);
  });

  it("recognises the error of a file another connection keeps locked, and says so naming the file", () => {
    const file = path.join(dir, "locked.db");
    const holder = openDatabase(file);
    holder.exec("CREATE TABLE t (x); BEGIN IMMEDIATE; INSERT INTO t VALUES (1)");
    const impatient = new Database(file, { timeout: 0 });
    expect(isDatabaseBusy(thrownBy(() => impatient.exec("BEGIN IMMEDIATE")))).toBe(true);
    expect(busyMessage(file)).toBe(`another process is writing to ${file}; try again when it finishes (it held the write lock for more than 30 s)`);
    expect(isDatabaseBusy(thrownBy(() => impatient.exec("SELECT * FROM no_such_table")))).toBe(false);
    impatient.close();
    holder.exec("COMMIT");
    holder.close();
  });
});

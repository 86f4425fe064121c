import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openSqliteStorage, type SqliteStorage } from "../../src/io/storage/sqlite-storage.ts";
import { StatusRecorder } from "../../src/monitor/status-recorder.ts";

// On SQLite the monitor's repositories share one connection. A status written by a plain statement while a unit
// of work of the pass awaited would join that transaction and vanish with its rollback.
describe("a monitor's status, recorded beside a pass's units of work on one SQLite connection", () => {
  let dir: string;
  let storage: SqliteStorage;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "copyquota-status-"));
    storage = openSqliteStorage(path.join(dir, "db.sqlite"));
  });
  afterEach(async () => {
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("outlives a unit of work that fails meanwhile, and is forgotten when the monitor stops", async () => {
    const status = new StatusRecorder(storage, () => Date.parse("2026-03-02T10:00:00Z"));
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    const failing = storage.transaction(async () => {
      entered();
      await held;
      throw new Error("the page could not be recorded");
    });
    await inside;
    status.passStarted("2026-03-02T10:00:00.000Z", []);
    release();
    await expect(failing).rejects.toThrow("could not be recorded");
    // The status write took its turn after the failed unit of work; one more unit of work waits for it.
    await storage.transaction(async () => undefined);
    expect((await storage.monitors.list()).map((s) => s.state)).toEqual(["running"]);
    await status.forget();
    expect(await storage.monitors.list()).toEqual([]);
  });
});

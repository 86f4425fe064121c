import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { License } from "../../src/core/policy/policy.ts";
import { openSqliteStorage } from "../../src/io/storage/sqlite-storage.ts";

const license = (domain: string): License => ({ domain, from: null, until: null, articles: [], lifts: ["cap", "link"] });

// Two storages on one file in one process, as the server and its monitor are. SQLite makes a connection wait for
// another's write lock by blocking the thread: had the second unit of work begun while the first awaited, it
// would have frozen the process for the busy timeout (30 s) and then failed with "database is locked".
describe("units of work of one process on one SQLite file, through different connections", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "copyquota-turns-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("take turns, even when one awaits the event loop inside its transaction", async () => {
    const file = path.join(dir, "db.sqlite");
    const server = openSqliteStorage(file);
    // Opened by another path to the same file: turns are per file, not per name.
    const monitor = openSqliteStorage(path.join(dir, ".", "db.sqlite"));
    const order: string[] = [];
    try {
      const first = server.transaction(async (tx) => {
        await tx.licenses.add(license("first.example"), "");
        order.push("first wrote");
        await sleep(50);
        order.push("first ends");
      });
      const second = monitor.transaction(async (tx) => {
        order.push("second begins");
        await tx.licenses.add(license("second.example"), "");
      });
      await Promise.all([first, second]);
      expect(order).toEqual(["first wrote", "first ends", "second begins"]);
      expect((await server.licenses.list()).map((l) => l.domain)).toEqual(["first.example", "second.example"]);
    } finally {
      await monitor.close();
      await server.close();
    }
  });

  it("still run when an earlier one failed", async () => {
    const server = openSqliteStorage(path.join(dir, "db.sqlite"));
    const monitor = openSqliteStorage(path.join(dir, "db.sqlite"));
    try {
      const failed = server.transaction(async (tx) => {
        await tx.licenses.add(license("rolled-back.example"), "");
        await sleep(10);
        throw new Error("the page could not be recorded");
      });
      const next = monitor.transaction((tx) => tx.licenses.add(license("kept.example"), ""));
      await expect(failed).rejects.toThrow("could not be recorded");
      await next;
      expect((await monitor.licenses.list()).map((l) => l.domain)).toEqual(["kept.example"]);
    } finally {
      await monitor.close();
      await server.close();
    }
  });
});

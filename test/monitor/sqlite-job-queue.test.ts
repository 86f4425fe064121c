import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type Database from "better-sqlite3";
import { openDatabase } from "../../src/io/storage/sqlite-database.ts";
import { SqliteJobQueue } from "../../src/monitor/sqlite-job-queue.ts";
import { isDeadLocalOwner, leaseOwners } from "../../src/monitor/lease-owner.ts";
import { serialTransactions } from "../../src/io/storage/sqlite-transactions.ts";
import type { NewJob } from "../../src/monitor/job-queue.ts";

const page = (n: number, siteId: number | null = 1): NewJob => ({ kind: "page", url: `https://stepnews.example/news/${n}`, key: `https://stepnews.example/news/${n}`, siteId });

describe("SqliteJobQueue", () => {
  let dir: string;
  let file: string;
  let db: Database.Database;
  let clock: number;
  let queue: SqliteJobQueue;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "copyquota-queue-"));
    file = path.join(dir, "db.sqlite");
    db = openDatabase(file);
    clock = 1_000_000;
    queue = new SqliteJobQueue(db, () => clock);
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  // Dedupe, claim order, leases, retries and owner release are in job-queue-contract.test.ts, run on SQLite too.
  it("keeps queued jobs across a reopened database and sees another connection's claims", async () => {
    await queue.enqueue([page(1), page(2)]);
    const other = new SqliteJobQueue(openDatabase(file), () => clock);
    const mine = (await queue.claim("a", 1000))!;
    const theirs = (await other.claim("b", 1000))!;
    expect(mine.id).not.toBe(theirs.id);
    expect(await other.claim("b", 1000)).toBeNull();
  });

  it("commits a unit of work whole or not at all, one at a time", async () => {
    const atomically = serialTransactions(db, { queue });
    await queue.enqueue([page(1)]);
    const job = (await atomically(() => queue.claim("w", 1000)))!;
    await expect(
      atomically(async () => {
        await queue.complete(job.id, "w");
        await queue.enqueue([page(2)]);
        throw new Error("crash mid-way");
      }),
    ).rejects.toThrow("crash mid-way");
    expect(await queue.counts()).toEqual({ ready: 0, leased: 1, done: 0, failed: 0 });
    const results = await Promise.all([1, 2, 3].map((n) => atomically(async () => queue.enqueue([page(10 + n)]))));
    expect(results).toEqual([1, 1, 1]);
  });
});

describe("lease owners", () => {
  it("are unique per worker and name this machine and process", () => {
    const owners = leaseOwners(3);
    expect(new Set(owners).size).toBe(3);
    for (const owner of owners) expect(owner.startsWith(`${hostname()}/${process.pid}/`)).toBe(true);
  });

  it("are dead only when a process of this machine has exited", () => {
    const exited = spawnSync(process.execPath, ["-e", ""]).pid!;
    expect(isDeadLocalOwner(`${hostname()}/${exited}/abcd/0`)).toBe(true);
    expect(isDeadLocalOwner(`${hostname()}/${process.pid}/abcd/0`)).toBe(false);
    expect(isDeadLocalOwner(`${hostname()}/${process.ppid}/abcd/0`)).toBe(false);
    expect(isDeadLocalOwner(`another-machine.example/${exited}/abcd/0`)).toBe(false);
  });
});

import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type Database from "better-sqlite3";
import { openDatabase } from "../../src/io/store/sqlite-source-store.ts";
import { SqliteJobQueue } from "../../src/monitor/sqlite-job-queue.ts";
import { isDeadLocalOwner, leaseOwners } from "../../src/monitor/lease-owner.ts";
import { serialTransactions } from "../../src/monitor/transactions.ts";
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

  it("dedupes by kind and key; a finished job comes back only when asked again", async () => {
    expect(await queue.enqueue([page(1), page(2), page(1)])).toBe(2);
    expect(await queue.enqueue([page(1), { ...page(1), kind: "recheck" }])).toBe(1);
    const recheck = (await queue.claim("w", 1000))!;
    expect(recheck).toMatchObject({ kind: "recheck", url: page(1).url });
    const job = (await queue.claim("w", 1000))!;
    expect(job).toMatchObject({ kind: "page", url: page(1).url, attempts: 0, claims: 1 });
    expect(await queue.complete(job.id, "w")).toBe(true);
    expect(await queue.enqueue([page(1)])).toBe(0);
    expect(await queue.enqueue([page(1)], { again: true })).toBe(1);
    // A ready or leased job is never duplicated, even when asked again.
    expect(await queue.enqueue([page(1), page(2)], { again: true })).toBe(0);
  });

  it("hands out discovery and listings before re-checks and pages, then oldest first", async () => {
    await queue.enqueue([page(1), { ...page(9), kind: "recheck" }, page(2), { kind: "listing", url: "https://x/rss", key: "https://x/rss", siteId: 1 }, { kind: "discover", url: "https://x/", key: "https://x/", siteId: 1 }]);
    const order: string[] = [];
    for (let job = await queue.claim("w", 1000); job; job = await queue.claim("w", 1000)) order.push(`${job.kind} ${job.url}`);
    expect(order).toEqual(["discover https://x/", "listing https://x/rss", `recheck ${page(9).url}`, `page ${page(1).url}`, `page ${page(2).url}`]);
  });

  it("gives an expired lease to the next worker and refuses the old holder's completion", async () => {
    await queue.enqueue([page(1)]);
    const first = (await queue.claim("a", 1000))!;
    expect(await queue.claim("b", 1000)).toBeNull();
    clock += 999;
    expect(await queue.renew(first.id, "a", 1000)).toBe(true);
    clock += 1500;
    const second = (await queue.claim("b", 1000))!;
    expect(second).toMatchObject({ id: first.id, claims: 2 });
    expect(await queue.complete(first.id, "a")).toBe(false);
    expect(await queue.renew(first.id, "a", 1000)).toBe(false);
    expect(await queue.complete(second.id, "b")).toBe(true);
    expect(await queue.counts()).toEqual({ ready: 0, leased: 0, done: 1, failed: 0 });
  });

  it("reschedules a failed attempt at its retry time, or fails it for good", async () => {
    await queue.enqueue([page(1)]);
    let job = (await queue.claim("w", 1000))!;
    expect(await queue.fail(job.id, "w", { reason: "timeout: slow", retryAt: clock + 60_000 })).toBe(true);
    expect(await queue.nextDueAt()).toBe(clock + 60_000);
    expect(await queue.claim("w", 1000)).toBeNull();
    clock += 60_000;
    job = (await queue.claim("w", 1000))!;
    expect(job).toMatchObject({ attempts: 1, reason: "timeout: slow" });
    expect(await queue.fail(job.id, "w", { reason: "robots_disallowed: no", retryAt: null })).toBe(true);
    expect(await queue.counts()).toMatchObject({ failed: 1, ready: 0 });
    expect(await queue.nextDueAt()).toBeNull();
  });

  it("releases the leases of an owner at once, and drops a removed site's ready jobs", async () => {
    await queue.enqueue([page(1, 1), page(2, 1), page(3, 2)]);
    const held = (await queue.claim("dead", 60_000))!;
    expect(await queue.owners()).toEqual(["dead"]);
    expect(await queue.release("dead")).toBe(1);
    expect(await queue.owners()).toEqual([]);
    expect((await queue.claim("w", 1000))!.id).toBe(held.id);
    // The leased job of site 1 stays with its worker; its ready one goes.
    expect(await queue.cancelSite(1)).toBe(1);
    expect(await queue.counts()).toEqual({ ready: 1, leased: 1, done: 0, failed: 0 });
  });

  it("keeps queued jobs across a reopened database and sees another connection's claims", async () => {
    await queue.enqueue([page(1), page(2)]);
    const other = new SqliteJobQueue(openDatabase(file), () => clock);
    const mine = (await queue.claim("a", 1000))!;
    const theirs = (await other.claim("b", 1000))!;
    expect(mine.id).not.toBe(theirs.id);
    expect(await other.claim("b", 1000)).toBeNull();
  });

  it("commits a unit of work whole or not at all, one at a time", async () => {
    const atomically = serialTransactions(db);
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

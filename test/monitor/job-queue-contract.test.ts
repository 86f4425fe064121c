import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JobQueue, NewJob } from "../../src/monitor/job-queue.ts";
import { openDatabase } from "../../src/io/storage/sqlite-database.ts";
import { SqliteJobQueue } from "../../src/monitor/sqlite-job-queue.ts";
import { PostgresJobQueue } from "../../src/monitor/postgres-job-queue.ts";
import { QUEUE_TABLES } from "../../src/io/storage/postgres-tables/queue.ts";
import { storableText } from "../../src/io/storage/postgres-text.ts";
import { isDeadLocalOwner } from "../../src/monitor/lease-owner.ts";
import { findPostgresBin, POSTGRES_MISSING, startPostgres, type PostgresServer } from "../support/postgres-server.ts";
import { schemaWith, TestPools } from "../support/postgres-pools.ts";

const WORKER = path.join(path.dirname(fileURLToPath(import.meta.url)), "postgres-claim-worker.ts");

const pgBin = findPostgresBin();
if (!pgBin) console.warn(`job-queue-contract.test: ${POSTGRES_MISSING}`);

let dir: string;
let server: PostgresServer | undefined;
let schemas = 0;
const pools = new TestPools();

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "copyquota-pgqueue-"));
  if (pgBin) server = await startPostgres(pgBin);
});
afterAll(async () => {
  await pools.end();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** A fresh schema holding the queue's table; its URL. */
const queueSchema = (name: string) => schemaWith(server!, name, QUEUE_TABLES);

/** The queue at `url` on a pool of connections of its own: what one worker process holds. */
const workerQueue = (url: string, max = 10, options: { now?: () => number } = {}) => new PostgresJobQueue(pools.executor(url, max), options);

const page = (n: number, siteId: number | null = 1): NewJob => ({ kind: "page", url: `https://gorportal.example/news/${n}`, key: `https://gorportal.example/news/${n}`, siteId });

interface Backend {
  name: string;
  /** A new, empty queue whose clock the test moves. */
  open(clock: () => number): Promise<JobQueue>;
}

const backends: Backend[] = [
  { name: "SQLite", open: async (clock) => new SqliteJobQueue(openDatabase(path.join(dir, `queue-${++schemas}.db`)), clock) },
  ...(pgBin ? [{ name: "PostgreSQL", open: async (clock: () => number) => workerQueue(await queueSchema(`queue_${++schemas}`), 10, { now: clock }) }] : []),
];

describe.each(backends.map((b) => [b.name, b] as const))("%s job queue: the same semantics", (_name, backend) => {
  let clock = 1_000_000;
  const open = () => backend.open(() => clock);

  it("dedupes by kind and key; a finished job comes back only when asked again", async () => {
    const queue = await open();
    expect(await queue.enqueue([page(1), page(2), page(1)])).toBe(2);
    expect(await queue.enqueue([page(1), { ...page(1), kind: "recheck" }])).toBe(1);
    expect(await queue.claim("w", 1000)).toMatchObject({ kind: "recheck", url: page(1).url, siteId: 1 });
    const job = (await queue.claim("w", 1000))!;
    expect(job).toMatchObject({ kind: "page", url: page(1).url, attempts: 0, claims: 1, reason: null });
    expect(await queue.complete(job.id, "w")).toBe(true);
    expect(await queue.enqueue([page(1)])).toBe(0);
    expect(await queue.enqueue([page(1), page(1)], { again: true })).toBe(1);
    expect(await queue.enqueue([page(1), page(2)], { again: true })).toBe(0);
    expect(await queue.counts()).toEqual({ ready: 2, leased: 1, done: 0, failed: 0 });
  });

  it("hands out discovery and listings before re-checks and pages, then oldest first", async () => {
    const queue = await open();
    await queue.enqueue([page(1), { ...page(9), kind: "recheck" }, page(2), { kind: "listing", url: "https://x/rss", key: "https://x/rss", siteId: 1 }, { kind: "discover", url: "https://x/", key: "https://x/", siteId: null }]);
    const order: string[] = [];
    for (let job = await queue.claim("w", 1000); job; job = await queue.claim("w", 1000)) order.push(`${job.kind} ${job.url}`);
    expect(order).toEqual(["discover https://x/", "listing https://x/rss", `recheck ${page(9).url}`, `page ${page(1).url}`, `page ${page(2).url}`]);
  });

  it("claims jobs of one kind in the order they were queued, whatever their URLs", async () => {
    const queue = await open();
    await queue.enqueue([page(3), page(1), page(2)]);
    await queue.enqueue([page(0)]);
    const order: string[] = [];
    for (let job = await queue.claim("w", 1000); job; job = await queue.claim("w", 1000)) order.push(job.url);
    expect(order).toEqual([page(3).url, page(1).url, page(2).url, page(0).url]);
  });

  it("gives an expired lease to the next worker and refuses the old holder's completion", async () => {
    const queue = await open();
    await queue.enqueue([page(1)]);
    const first = (await queue.claim("a", 1000))!;
    expect(await queue.claim("b", 1000)).toBeNull();
    expect(await queue.nextDueAt()).toBe(clock + 1000);
    clock += 999;
    expect(await queue.renew(first.id, "a", 1000)).toBe(true);
    clock += 1500;
    const second = (await queue.claim("b", 1000))!;
    expect(second).toMatchObject({ id: first.id, claims: 2 });
    expect(await queue.complete(first.id, "a")).toBe(false);
    expect(await queue.renew(first.id, "a", 1000)).toBe(false);
    expect(await queue.fail(first.id, "a", { reason: "late", retryAt: null })).toBe(false);
    expect(await queue.complete(second.id, "b")).toBe(true);
    expect(await queue.counts()).toEqual({ ready: 0, leased: 0, done: 1, failed: 0 });
  });

  it("reschedules a failed attempt at its retry time, or fails it for good", async () => {
    const queue = await open();
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

  it("records a failure whose reason quotes a NUL a hostile page sent, as it was or with U+FFFD for the NUL where the database cannot hold one", async () => {
    const queue = await open();
    await queue.enqueue([page(1)]);
    const reason = "internal_error: unexpected \u0000 in <channel>";
    expect(await queue.fail((await queue.claim("w", 1000))!.id, "w", { reason, retryAt: clock })).toBe(true);
    expect([reason, storableText(reason)]).toContain((await queue.claim("w", 1000))!.reason);
  });

  it("releases an owner's leases at once, drops a removed site's ready jobs, and counts what each site has waiting", async () => {
    const queue = await open();
    await queue.enqueue([page(1, 1), page(2, 1), page(3, 2), page(4, null)]);
    const held = (await queue.claim("dead", 60_000))!;
    await queue.claim("alive", 60_000);
    expect((await queue.owners()).sort()).toEqual(["alive", "dead"]);
    expect(await queue.queuedPerSite()).toEqual(new Map([[1, 2], [2, 1]]));
    expect(await queue.release("dead")).toBe(1);
    expect(await queue.owners()).toEqual(["alive"]);
    expect((await queue.claim("w", 1000))!.id).toBe(held.id);
    // Only ready jobs go with their site: site 1's two are leased, site 2's one is waiting.
    expect(await queue.cancelSite(1)).toBe(0);
    expect(await queue.cancelSite(2)).toBe(1);
    await queue.enqueue([page(5, 1)]);
    expect(await queue.cancelSite(1)).toBe(1);
    expect(await queue.counts()).toEqual({ ready: 1, leased: 2, done: 0, failed: 0 });
  });
});

describe.skipIf(!pgBin)("PostgreSQL job queue shared by several workers", () => {
  it("never hands one job to two workers claiming at the same time", async () => {
    const url = await queueSchema("shared_claims");
    // Two worker processes' worth of connections, each with several claim loops running at once.
    const [a, b] = [workerQueue(url, 4), workerQueue(url, 4)];
    const jobs = Array.from({ length: 300 }, (_, n) => page(n, (n % 3) + 1));
    expect(await a.enqueue(jobs)).toBe(300);
    const claimedBy = new Map<number, string[]>();
    const loop = async (queue: JobQueue, owner: string) => {
      for (let job = await queue.claim(owner, 60_000); job; job = await queue.claim(owner, 60_000)) {
        claimedBy.set(job.id, [...(claimedBy.get(job.id) ?? []), owner]);
        expect(await queue.complete(job.id, owner)).toBe(true);
      }
    };
    await Promise.all([0, 1, 2, 3].flatMap((i) => [loop(a, `host-a/1/x/${i}`), loop(b, `host-b/1/x/${i}`)]));
    expect(claimedBy.size).toBe(300);
    expect([...claimedBy.values()].every((owners) => owners.length === 1)).toBe(true);
    // Both workers did part of the work.
    const owners = [...claimedBy.values()].map(([owner]) => owner!.slice(0, 6));
    expect(new Set(owners)).toEqual(new Set(["host-a", "host-b"]));
    expect(await b.counts()).toEqual({ ready: 0, leased: 0, done: 300, failed: 0 });
  });

  it("lets two workers queue the same jobs in opposite orders at once, and release or cancel them meanwhile, without a deadlock", async () => {
    const url = await queueSchema("crossed_writes");
    const [a, b] = [workerQueue(url, 4), workerQueue(url, 4)];
    // A site's feed and its sitemap name the same pages in their own orders; two workers read them at once.
    const jobs = Array.from({ length: 2000 }, (_, n) => page(n, n % 2));
    const [byA, byB] = await Promise.all([a.enqueue(jobs), b.enqueue([...jobs].reverse())]);
    expect(byA + byB).toBe(2000);
    for (let n = 0; n < 500; n++) await a.claim(`owner-${n % 2}`, 60_000);
    for (let round = 0; round < 3; round++) {
      const [, , released, cancelled] = await Promise.all([
        a.enqueue(jobs),
        b.enqueue([...jobs].reverse()),
        a.release(`owner-${round % 2}`),
        b.cancelSite(round % 2),
      ]);
      expect(released + cancelled).toBeGreaterThan(0);
    }
    const counts = await a.counts();
    expect(counts.ready + counts.leased).toBeLessThanOrEqual(2000);
  });

  it("lets a lease expire on the database's clock and gives the job to the next worker", async () => {
    const url = await queueSchema("expiry");
    const [a, b] = [workerQueue(url, 2), workerQueue(url, 2)];
    await a.enqueue([page(1)]);
    const first = (await a.claim("a", 400))!;
    expect(await b.claim("b", 400)).toBeNull();
    const due = (await b.nextDueAt())!;
    expect(Math.abs(due - (Date.now() + 400))).toBeLessThan(2000);
    await new Promise((resolve) => setTimeout(resolve, 600));
    const second = (await b.claim("b", 60_000))!;
    expect(second).toMatchObject({ id: first.id, claims: 2 });
    expect(await a.complete(first.id, "a")).toBe(false);
    expect(await b.complete(second.id, "b")).toBe(true);
  });

  it("keeps a job leased by a worker killed mid-job, and hands it on once that worker is known dead or its lease ends", async () => {
    const url = await queueSchema("dying_worker");
    const queue = workerQueue(url, 2);
    await queue.enqueue([page(1), page(2)]);

    // Two workers each claim a job and are killed (kill -9) while they hold it: one with a long lease, one
    // with a short one. Neither job is lost, nor given away while its lease runs.
    const [killed, lost] = await Promise.all([claimInChild(url, 600_000), claimInChild(url, 4000)]);
    expect(killed.id).not.toBe(lost.id);
    expect(await queue.counts()).toMatchObject({ ready: 0, leased: 2 });
    expect(await queue.claim("survivor", 60_000)).toBeNull();

    // A dead worker of this machine is seen dead at once, and its job freed without waiting for its lease.
    expect(await queue.owners()).toContain(killed.owner);
    expect(isDeadLocalOwner(killed.owner)).toBe(true);
    expect(await queue.release(killed.owner)).toBe(1);
    const first = (await queue.claim("survivor", 60_000))!;
    expect(first).toMatchObject({ id: killed.id, claims: 2 });
    expect(await queue.complete(first.id, "survivor")).toBe(true);

    // One lost on another machine is known only by its lease ending: then its job goes to the next worker.
    expect(await queue.claim("survivor", 60_000)).toBeNull();
    const due = (await queue.nextDueAt())!;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - Date.now()) + 200));
    const second = (await queue.claim("survivor", 60_000))!;
    expect(second).toMatchObject({ id: lost.id, claims: 2 });
    expect(await queue.complete(second.id, "survivor")).toBe(true);
    expect(await queue.counts()).toEqual({ ready: 0, leased: 0, done: 2, failed: 0 });
  });
});

/** Runs a worker process that claims a job with the given lease, then kills it (SIGKILL) while it holds the lease. */
async function claimInChild(url: string, leaseMs: number): Promise<{ id: number; owner: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", WORKER, url, String(leaseMs)], { stdio: ["ignore", "pipe", "inherit"] });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  try {
    const [line] = await Promise.race([
      createInterface({ input: child.stdout })[Symbol.asyncIterator]().next().then((r) => [r.value as string | undefined]),
      exited.then(() => [undefined]),
    ]);
    if (line === undefined) throw new Error("the worker process exited before it claimed a job");
    const claimed = JSON.parse(line) as { id: number | null; owner: string };
    if (claimed.id === null) throw new Error("the worker process found no job to claim");
    return { id: claimed.id, owner: claimed.owner };
  } finally {
    child.kill("SIGKILL");
    await exited;
  }
}

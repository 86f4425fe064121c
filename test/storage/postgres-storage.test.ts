import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Storage } from "../../src/io/storage/storage.ts";
import type { NewJob } from "../../src/monitor/job-queue.ts";
import { openPostgresStorage } from "../../src/io/storage/postgres-storage.ts";
import { POSTGRES_MIGRATIONS } from "../../src/io/storage/postgres-migrations.ts";
import { cli } from "../monitor/cli.ts";
import { findPostgresBin, POSTGRES_MISSING, startPostgres, type PostgresServer } from "../support/postgres-server.ts";
import { queryOnce } from "../support/postgres-pools.ts";

const pgBin = findPostgresBin();
if (!pgBin) console.warn(`postgres-storage.test: ${POSTGRES_MISSING}`);

const LATEST = POSTGRES_MIGRATIONS.at(-1)!.version;

describe.skipIf(!pgBin)("PostgreSQL storage: schema versions, units of work, and a database that cannot be used", () => {
  let server: PostgresServer;
  let schemas = 0;
  const opened: Storage[] = [];
  const open = async (url: string) => {
    const storage = await openPostgresStorage(url);
    opened.push(storage);
    return storage;
  };
  const fresh = () => server.createSchema(`storage_${++schemas}`);

  beforeAll(async () => {
    server = await startPostgres(pgBin!);
  });
  afterAll(async () => {
    await Promise.all(opened.map((s) => s.close()));
    await server?.stop();
  });

  it("brings a new database to the latest schema once, however many processes open it together", async () => {
    const url = await fresh();
    await Promise.all([open(url), open(url), open(url)]);
    const versions = await queryOnce<{ version: number }>(url, "SELECT version FROM schema_versions ORDER BY version");
    expect(versions.map((v) => v.version)).toEqual(POSTGRES_MIGRATIONS.map((m) => m.version));
    expect(versions.at(-1)!.version).toBe(LATEST);
  });

  it("adopts a database of sources and queue written before schema versions existed, keeping its rows", async () => {
    const url = await fresh();
    const [{ SOURCE_TABLES }, { QUEUE_TABLES }] = await Promise.all([import("../../src/io/storage/postgres-tables/sources.ts"), import("../../src/io/storage/postgres-tables/queue.ts")]);
    await queryOnce(url, SOURCE_TABLES);
    await queryOnce(url, QUEUE_TABLES);
    await queryOnce(url, "INSERT INTO monitor_jobs (kind, key, url, priority, state, not_before, enqueued_at) VALUES ('page', 'k', 'https://a.example/1', 3, 'ready', 0, 0)");
    const storage = await open(url);
    expect((await storage.queue.counts()).ready).toBe(1);
    expect(await storage.cases.listCases({}, { limit: 1, offset: 0 })).toEqual({ total: 0, items: [] });
  });

  it("refuses a database of a newer schema through the command line, in one line naming it, and leaves it as it was", async () => {
    const url = await fresh();
    await (await openPostgresStorage(url)).close();
    await queryOnce(url, `INSERT INTO schema_versions (version, name, applied_at) VALUES (${LATEST + 1}, 'from the future', '2030-01-01T00:00:00Z')`);
    const tablesBefore = await queryOnce<{ n: string }>(url, "SELECT count(*) AS n FROM pg_tables WHERE schemaname = current_schema()");
    const run = await cli(["--db", url, "cases", "list"]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split("\n")).toEqual([`copyquota: ${url} was written by a newer CopyQuota (schema ${LATEST + 1}; this one knows up to ${LATEST}): upgrade CopyQuota to open it`]);
    expect(await queryOnce(url, "SELECT count(*) AS n FROM pg_tables WHERE schemaname = current_schema()")).toEqual(tablesBefore);
  });

  it("names a database that refuses the login in one line, password hidden", async () => {
    const login = new URL(server.url);
    login.username = "nobody";
    login.password = "s3cret";
    for (const command of [["cases", "list"], ["watch", "list"], ["monitor", "--once"], ["serve", "--port", "0", "--no-demo"], ["sources", "list"]]) {
      const run = await cli(["--db", login.href, ...command]);
      expect(run.code, command.join(" ")).toBe(2);
      expect(run.stderr.trim().split("\n")).toHaveLength(1);
      expect(run.stderr).toMatch(/^copyquota: postgres:\/\/nobody:\*\*\*@127\.0\.0\.1:\d+\/postgres: cannot connect to PostgreSQL: .*nobody/);
      expect(run.stderr).not.toContain("s3cret");
    }
  });

  it("commits a unit of work whole or not at all", async () => {
    const storage = await open(await fresh());
    const job: NewJob = { kind: "page", url: "https://a.example/1", key: "https://a.example/1", siteId: null };
    await expect(
      storage.transaction(async (tx) => {
        await tx.queue.enqueue([job]);
        await tx.watchlist.add({ url: "https://a.example/rss.xml", kind: "feed", listings: ["https://a.example/rss.xml"], intervalMs: 3_600_000, since: null }, "2024-03-20T10:00:00.000Z");
        throw new Error("crash mid-way");
      }),
    ).rejects.toThrow("crash mid-way");
    expect((await storage.queue.counts()).ready).toBe(0);
    expect(await storage.watchlist.list()).toEqual([]);
  });

  it("runs again a unit of work PostgreSQL aborted as a deadlock, so crossed writers both succeed", async () => {
    const url = await fresh();
    const [a, b] = await Promise.all([open(url), open(url)]);
    const jobs = ["x", "y"].map((key): NewJob => ({ kind: "page", url: `https://a.example/${key}`, key, siteId: null }));
    for (let round = 0; round < 5; round++) {
      // Each unit queues one job, waits for the other to hold its row, then queues the job the other holds.
      let held = 0;
      const bothHold = new Promise<void>((resolve) => {
        const check = setInterval(() => held >= 2 && (clearInterval(check), resolve()), 5);
        setTimeout(() => (clearInterval(check), resolve()), 2_000);
      });
      const crossed = (storage: Storage, first: NewJob, second: NewJob) =>
        storage.transaction(async (tx) => {
          await tx.queue.enqueue([first], { again: true });
          held++;
          await bothHold;
          await tx.queue.enqueue([second], { again: true });
        });
      await Promise.all([crossed(a, jobs[0]!, jobs[1]!), crossed(b, jobs[1]!, jobs[0]!)]);
    }
    expect((await a.queue.counts()).ready).toBe(2);
  });

  it("fails a unit of work whose connection the server cuts between its statements, and goes on with a new one", async () => {
    const url = await fresh();
    const storage = await open(url);
    let held!: () => void;
    const holding = new Promise<void>((resolve) => (held = resolve));
    let cut!: () => void;
    const cutDone = new Promise<void>((resolve) => (cut = resolve));
    const unit = storage.transaction(async (tx) => {
      await tx.queue.counts();
      held();
      await cutDone;
      return tx.queue.counts();
    });
    await holding;
    const terminated = await queryOnce<{ n: number }>(server.url, "SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE state = 'idle in transaction'");
    expect(terminated).toEqual([{ n: 1 }]);
    // Let the server's termination reach the connection first: its error event comes while no statement runs.
    await new Promise((resolve) => setTimeout(resolve, 200));
    cut();
    await expect(unit).rejects.toThrow();
    expect(await storage.queue.counts()).toEqual({ ready: 0, leased: 0, done: 0, failed: 0 });
  });

  it("lets one process at a time run once-only work", async () => {
    const url = await fresh();
    const [a, b] = await Promise.all([open(url), open(url)]);
    const log: string[] = [];
    const work = (name: string) => async () => {
      log.push(`${name} in`);
      await new Promise((resolve) => setTimeout(resolve, 200));
      log.push(`${name} out`);
    };
    await Promise.all([a.exclusively("first-start", work("a")), b.exclusively("first-start", work("b"))]);
    expect([log[0]!.split(" ")[0], log[1]!.split(" ")[0]]).toEqual([log[0]!.split(" ")[0], log[0]!.split(" ")[0]]);
    expect(log.map((l) => l.split(" ")[1])).toEqual(["in", "out", "in", "out"]);
  });
});

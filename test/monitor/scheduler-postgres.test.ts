import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startScheduler } from "../../src/monitor/scheduler.ts";
import { findPostgresBin, POSTGRES_MISSING, startPostgres, type PostgresServer } from "../support/postgres-server.ts";

const pgBin = findPostgresBin();
if (!pgBin) console.warn(`scheduler-postgres.test: ${POSTGRES_MISSING}`);

describe.skipIf(!pgBin)("the background scheduler on PostgreSQL", () => {
  let server: PostgresServer;

  beforeAll(async () => {
    server = await startPostgres(pgBin!);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("records its status through the monitor's one pool, not a second one, and forgets it when stopped", async () => {
    const url = await server.createDatabase("scheduler");
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    // Pools of one connection each: the database then sees one connection per pool the scheduler holds.
    const poolSize = process.env.COPYQUOTA_PG_POOL_SIZE;
    process.env.COPYQUOTA_PG_POOL_SIZE = "1";
    try {
      let passed!: () => void;
      const firstPass = new Promise<void>((resolve) => (passed = resolve));
      // No analyzer threads: each would hold a pool of its own to read the index.
      const scheduler = await startScheduler({ database: url, workers: 0, idleMs: 3_600_000, onPass: () => passed() });
      await firstPass;
      const connections = await admin.query<{ n: number }>(
        "SELECT count(*)::int4 AS n FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend' AND pid <> pg_backend_pid()",
      );
      expect(connections.rows[0]!.n).toBe(1);
      await scheduler.stop();
      expect((await admin.query("SELECT process FROM monitor_processes")).rows).toEqual([]);
    } finally {
      if (poolSize === undefined) delete process.env.COPYQUOTA_PG_POOL_SIZE;
      else process.env.COPYQUOTA_PG_POOL_SIZE = poolSize;
      await admin.end();
    }
  });
});

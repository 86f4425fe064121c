import pg from "pg";
import { poolExecutor, type PgExecutor } from "../../src/io/storage/postgres-executor.ts";
import type { PostgresServer } from "./postgres-server.ts";

/**
 * The connection pools one test file opens, each what one process (a server, a monitor worker) would hold,
 * ended together when the file is done.
 */
export class TestPools {
  private readonly pools: pg.Pool[] = [];

  open(url: string, max = 10): pg.Pool {
    const pool = new pg.Pool({ connectionString: url, max });
    this.pools.push(pool);
    return pool;
  }

  /** Statements on a new pool to `url`, as a repository takes them. */
  executor(url: string, max = 10): PgExecutor {
    return poolExecutor(this.open(url, max));
  }

  async end(): Promise<void> {
    await Promise.all(this.pools.splice(0).map((pool) => pool.end()));
  }
}

/** A fresh schema on `server` with `tables` (a `postgres-tables` constant) created in it; its URL. */
export async function schemaWith(server: Pick<PostgresServer, "createSchema">, name: string, tables: string): Promise<string> {
  const url = await server.createSchema(name);
  await queryOnce(url, tables);
  return url;
}

/** The rows of `sql` (one statement or several) run on a connection of its own to `url`, as another process would. */
export async function queryOnce<R extends pg.QueryResultRow>(url: string, sql: string): Promise<R[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<R>(sql)).rows;
  } finally {
    await client.end();
  }
}

import pg from "pg";
import type { Pool, PoolClient } from "pg";
import { redactPostgresUrl } from "./postgres-url.ts";
import { PostgresConnectError } from "./postgres-connect-error.ts";

/**
 * How long opening a connection may take before it fails. Without a limit, a command pointed at an unreachable
 * host hangs until the operating system gives up on the TCP connect (minutes); 10 s covers a TLS handshake
 * across a slow network.
 */
const CONNECT_TIMEOUT_MS = 10_000;

/**
 * Connections a pool may hold at most, unless COPYQUOTA_PG_POOL_SIZE says otherwise: node-postgres's default.
 * A pool opens them only as its queries overlap, so an idle process holds one or two; a server's busiest moments
 * (an API request per connection, a monitor pass's units of work) seldom need more. See docs/DEPLOY.md for the
 * sum a database must allow.
 */
export const DEFAULT_POOL_SIZE = 10;

/** The pool size from COPYQUOTA_PG_POOL_SIZE, or the default; a bad value is an error naming the variable. */
export function poolSize(value: string | undefined = process.env.COPYQUOTA_PG_POOL_SIZE): number {
  if (value === undefined || value === "") return DEFAULT_POOL_SIZE;
  const size = Number(value);
  if (!Number.isInteger(size) || size < 1 || size > 1000) throw new Error(`COPYQUOTA_PG_POOL_SIZE=${JSON.stringify(value)}: must be a whole number from 1 to 1000`);
  return size;
}

/**
 * A connection pool to the database at `url`, tried once so that a wrong URL, an unreachable server or a refused
 * login fails here, with a message naming the database (password hidden), rather than at the first query.
 */
export async function openPostgresPool(url: string): Promise<Pool> {
  const pool = new pg.Pool({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, max: poolSize() });
  // An idle connection the server drops (restart, idle timeout) is reported here; the pool replaces it on the
  // next query, which is the one that can fail usefully. Unlistened, the event would end the process.
  pool.on("error", () => undefined);
  try {
    await pool.query("SELECT 1");
  } catch (error) {
    await pool.end();
    throw new PostgresConnectError(`${redactPostgresUrl(url)}: cannot connect to PostgreSQL: ${(error as Error).message || String(error)}`, { cause: error });
  }
  return pool;
}

/**
 * Runs `work` on one connection of the pool, held for its duration. A connection the server cuts while it is
 * held between statements (a restart, `pg_terminate_backend`) emits an error event, which would end the
 * process unlistened: it is listened to here, the next statement fails with it, and the connection is dropped
 * from the pool rather than handed out again. `work` may mark it broken itself (`broken`).
 */
export async function holdConnection<T>(pool: Pool, work: (client: PoolClient, broken: (error: Error) => void) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  const onError = (error: Error) => (broken ??= error);
  client.on("error", onError);
  try {
    return await work(client, onError);
  } finally {
    client.off("error", onError);
    client.release(broken);
  }
}

/**
 * Runs `work` on one connection inside BEGIN … COMMIT; any error rolls everything back and is rethrown. A
 * connection whose rollback fails too is broken, and is dropped from the pool rather than handed out again.
 */
export async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  return holdConnection(pool, async (client, broken) => {
    try {
      await client.query("BEGIN");
      const result = await work(client);
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch(broken);
      throw error;
    }
  });
}

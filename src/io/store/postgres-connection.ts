import pg from "pg";
import type { Pool, PoolClient } from "pg";
import { redactPostgresUrl } from "./postgres-url.ts";

/**
 * How long opening a connection may take before it fails. Without a limit, a command pointed at an unreachable
 * host hangs until the operating system gives up on the TCP connect (minutes); 10 s covers a TLS handshake
 * across a slow network.
 */
const CONNECT_TIMEOUT_MS = 10_000;

/**
 * A connection pool to the database at `url`, tried once so that a wrong URL, an unreachable server or a refused
 * login fails here, with a message naming the database (password hidden), rather than at the first query.
 */
export async function openPostgresPool(url: string): Promise<Pool> {
  const pool = new pg.Pool({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  // An idle connection the server drops (restart, idle timeout) is reported here; the pool replaces it on the
  // next query, which is the one that can fail usefully. Unlistened, the event would end the process.
  pool.on("error", () => undefined);
  try {
    await pool.query("SELECT 1");
  } catch (error) {
    await pool.end();
    throw new Error(`${redactPostgresUrl(url)}: cannot connect to PostgreSQL: ${(error as Error).message || String(error)}`, { cause: error });
  }
  return pool;
}

/**
 * Runs `work` on one connection inside BEGIN … COMMIT; any error rolls everything back and is rethrown. A
 * connection whose rollback fails too is broken, and is dropped from the pool rather than handed out again.
 */
export async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch((rollbackError: Error) => (broken = rollbackError));
    throw error;
  } finally {
    client.release(broken);
  }
}

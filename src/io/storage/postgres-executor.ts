import type { Pool, PoolClient, QueryResult, QueryResultRow } from "pg";
import { inTransaction } from "../store/postgres-connection.ts";

/**
 * Where a PostgreSQL repository sends its statements: the pool (each statement on any connection) or the one
 * connection of a unit of work. Repositories never know which; a method that writes several rows asks for
 * `atomically`, which opens a transaction on the pool, or, inside a unit of work, joins the one already open —
 * so the same repository code is right in both places.
 */
export interface PgExecutor {
  query<R extends QueryResultRow = QueryResultRow>(text: string, values?: readonly unknown[]): Promise<QueryResult<R>>;
  atomically<T>(work: (db: PgExecutor) => Promise<T>): Promise<T>;
}

/** Statements on the pool; `atomically` takes a connection and runs BEGIN … COMMIT on it. */
export function poolExecutor(pool: Pool): PgExecutor {
  return {
    query: (text, values) => pool.query(text, values as unknown[] | undefined),
    atomically: (work) => inTransaction(pool, (client) => work(clientExecutor(client))),
  };
}

/**
 * Statements on a connection already inside a transaction (a unit of work's). `atomically` adds nothing: the
 * work commits or rolls back with the transaction around it.
 */
export function clientExecutor(client: PoolClient): PgExecutor {
  const executor: PgExecutor = {
    query: (text, values) => client.query(text, values as unknown[] | undefined),
    atomically: (work) => work(executor),
  };
  return executor;
}

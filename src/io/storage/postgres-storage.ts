import type { Storage } from "./storage.ts";
import { asTransactionRepositories, type Repositories } from "./repositories.ts";
import type { PgExecutor } from "./postgres-executor.ts";
import { clientExecutor, poolExecutor } from "./postgres-executor.ts";
import { openMigratedPool } from "./postgres-migrations.ts";
import { holdConnection, inTransaction } from "../store/postgres-connection.ts";
import { redactPostgresUrl } from "../store/postgres-url.ts";
import { PostgresSourceStore } from "../store/postgres-source-store.ts";
import { PostgresBulkWriter } from "../store/postgres-bulk-writer.ts";
import { PostgresCaseStore } from "../../cases/postgres-case-store.ts";
import { PostgresEvidenceStore } from "../../cases/postgres-evidence-store.ts";
import { PostgresLicenseStore } from "../../cases/postgres-license-store.ts";
import { PostgresPolicyStore } from "../../cases/postgres-policy-store.ts";
import { PostgresAuthStore } from "../../server/auth/postgres-auth-store.ts";
import { PostgresWatchlist } from "../../monitor/postgres-watchlist.ts";
import { PostgresUrlStateStore } from "../../monitor/postgres-url-states.ts";
import { PostgresJobQueue } from "../../monitor/postgres-job-queue.ts";
import { PostgresMonitorStatus } from "../../monitor/postgres-monitor-status.ts";

/** The repositories on `db`: the pool's, or a unit of work's connection. */
function repositoriesOn(db: PgExecutor, now: (() => number) | undefined): Repositories {
  return {
    cases: new PostgresCaseStore(db),
    evidence: new PostgresEvidenceStore(db),
    licenses: new PostgresLicenseStore(db),
    policies: new PostgresPolicyStore(db),
    auth: new PostgresAuthStore(db),
    watchlist: new PostgresWatchlist(db),
    urls: new PostgresUrlStateStore(db),
    queue: new PostgresJobQueue(db, { now }),
    monitors: new PostgresMonitorStatus(db),
  };
}

/**
 * SQLSTATEs of a transaction PostgreSQL aborted to let another through: a deadlock (two units of work queueing
 * the same jobs in crossed order, say) or a serialization failure. Nothing of it was written, and running it
 * again, after the other committed, succeeds.
 */
const CONFLICTS: ReadonlySet<string> = new Set(["40P01", "40001"]);

/** Tries beyond the first: each conflict needs another transaction to be in the way, so a few suffice. */
const CONFLICT_RETRIES = 3;

async function retryingConflicts<T>(attempt: () => Promise<T>): Promise<T> {
  for (let retry = 0; ; retry++) {
    try {
      return await attempt();
    } catch (error) {
      if (retry >= CONFLICT_RETRIES || !CONFLICTS.has((error as { code?: string }).code ?? "")) throw error;
    }
  }
}

/**
 * Connects to the database at `url` and brings its schema up to date (see `migratePostgres`). Every process —
 * API servers, monitor workers, the command line — keeps all its state here, so any number of them can share
 * one database: sessions and keys included, a server holds nothing another could not answer.
 * @param now epoch milliseconds for the job queue's leases (tests move it); the database's clock by default.
 * @throws naming the database (password hidden) when it cannot be reached, refuses the login, or is newer.
 */
export async function openPostgresStorage(url: string, options: { now?: () => number } = {}): Promise<Storage> {
  const name = redactPostgresUrl(url);
  const pool = await openMigratedPool(url);
  const sources = new PostgresSourceStore(pool);
  return {
    ...repositoriesOn(poolExecutor(pool), options.now),
    name,
    sources,
    bulkWriter: (bulk) => new PostgresBulkWriter(pool, bulk),
    transaction: (work) => retryingConflicts(() => inTransaction(pool, (client) => work(asTransactionRepositories(repositoriesOn(clientExecutor(client), options.now))))),
    // A session-level lock held by one pooled connection for the work's duration: released by the work's end,
    // or by the server when the process dies with it.
    exclusively: (lockName, work) =>
      holdConnection(pool, async (client) => {
        await client.query("SELECT pg_advisory_lock(hashtextextended($1, 0))", [`copyquota.${lockName}`]);
        try {
          return await work();
        } finally {
          await client.query("SELECT pg_advisory_unlock(hashtextextended($1, 0))", [`copyquota.${lockName}`]);
        }
      }),
    async ping() {
      await pool.query("SELECT 1");
    },
    close: () => sources.close(),
  };
}

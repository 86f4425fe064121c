import type Database from "better-sqlite3";
import type { Storage } from "./storage.ts";
import { asTransactionRepositories, type Repositories } from "./repositories.ts";
import { openDatabase } from "./sqlite-database.ts";
import { SqliteSourceStore } from "../store/sqlite-source-store.ts";
import { SqliteBulkWriter } from "../store/sqlite-bulk-writer.ts";
import { SqliteCaseStore } from "../../cases/sqlite-case-store.ts";
import { SqliteEvidenceStore } from "../../cases/sqlite-evidence-store.ts";
import { SqliteLicenseStore } from "../../cases/sqlite-license-store.ts";
import { SqlitePolicyStore } from "../../cases/sqlite-policy-store.ts";
import { SqliteAuthStore } from "../../server/auth/sqlite-auth-store.ts";
import { SqliteWatchlist } from "../../monitor/sqlite-watchlist.ts";
import { SqliteUrlStateStore } from "../../monitor/sqlite-url-states.ts";
import { SqliteJobQueue } from "../../monitor/sqlite-job-queue.ts";
import { SqliteMonitorStatus } from "../../monitor/sqlite-monitor-status.ts";
import { serialTransactions } from "./sqlite-transactions.ts";

/** A SQLite database as `Storage`, with its connection for what only SQLite has (a file threads can open). */
export interface SqliteStorage extends Storage {
  readonly db: Database.Database;
  readonly sources: SqliteSourceStore;
}

/**
 * Opens (creating when needed) the database file and every repository on one connection. SQLite's statements
 * are synchronous on that connection, so a transaction's repositories are the same objects: `transaction`
 * takes its turn among this connection's transactions (see `serialTransactions`), and SQLite serializes it
 * with other connections' writes.
 * @param now epoch milliseconds for the job queue's leases (tests move it); the system clock by default.
 */
export function openSqliteStorage(file: string, options: { now?: () => number } = {}): SqliteStorage {
  const db = openDatabase(file);
  const repositories: Repositories = {
    cases: new SqliteCaseStore(db),
    evidence: new SqliteEvidenceStore(db),
    licenses: new SqliteLicenseStore(db),
    policies: new SqlitePolicyStore(db),
    auth: new SqliteAuthStore(db),
    watchlist: new SqliteWatchlist(db),
    urls: new SqliteUrlStateStore(db),
    queue: new SqliteJobQueue(db, options.now),
    monitors: new SqliteMonitorStatus(db),
  };
  const sources = new SqliteSourceStore(db);
  let exclusive: Promise<unknown> = Promise.resolve();
  return {
    ...repositories,
    name: file,
    db,
    sources,
    bulkWriter: (bulk) => new SqliteBulkWriter(sources, bulk),
    transaction: serialTransactions(db, asTransactionRepositories(repositories)),
    // Once-only work need only not interleave with itself in this process: several servers starting together
    // on one file is what PostgreSQL is for, and a second server on a SQLite file starts after the first.
    exclusively<T>(_name: string, work: () => Promise<T>): Promise<T> {
      const next = exclusive.then(work, work);
      exclusive = next.catch(() => undefined);
      return next;
    },
    async ping() {
      db.prepare("SELECT 1").get();
    },
    close: () => sources.close(),
  };
}

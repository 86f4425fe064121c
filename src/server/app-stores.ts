import type Database from "better-sqlite3";
import type { Engine } from "../engine/engine.ts";
import type { CaseService } from "../cases/case-service.ts";
import type { MonitorDeps, MonitorFetcher } from "../monitor/monitor-deps.ts";
import { SqliteSourceStore } from "../io/store/sqlite-source-store.ts";
import { openDatabase } from "../io/storage/sqlite-database.ts";
import { createEngine } from "../engine/create-engine.ts";
import { SqliteCaseStore } from "../cases/sqlite-case-store.ts";
import { SqliteEvidenceStore } from "../cases/sqlite-evidence-store.ts";
import { SqliteLicenseStore } from "../cases/sqlite-license-store.ts";
import { SqlitePolicyStore } from "../cases/sqlite-policy-store.ts";
import { createCaseService } from "../cases/case-service.ts";
import { SqliteAuthStore } from "./auth/sqlite-auth-store.ts";
import { SqliteWatchlist } from "../monitor/sqlite-watchlist.ts";
import { SqliteUrlStateStore } from "../monitor/sqlite-url-states.ts";
import { SqliteJobQueue } from "../monitor/sqlite-job-queue.ts";
import { serialTransactions } from "../monitor/transactions.ts";

/**
 * The monitor's stores the API reads and writes to manage the watchlist: the watched sites, what became of
 * their URLs, and their queued jobs, with the monitor's own transactions (adding and removing a site write
 * more than one store). The monitor itself runs on a connection of its own (see `startScheduler`).
 */
export type WatchStores = Pick<MonitorDeps, "watchlist" | "urls" | "queue" | "atomically">;

/** Everything the server keeps, on one SQLite database handle, with the engine and case service over it. */
export interface AppStores {
  db: Database.Database;
  sources: SqliteSourceStore;
  cases: SqliteCaseStore;
  evidence: SqliteEvidenceStore;
  licenses: SqliteLicenseStore;
  policies: SqlitePolicyStore;
  auth: SqliteAuthStore;
  engine: Engine;
  service: CaseService;
  watch: WatchStores;
  /** Fetches candidate pages for URL checks and re-checks, feed items, and sites to watch; null when the server may not fetch. */
  fetcher: MonitorFetcher | null;
  close(): Promise<void>;
}

/** Opens (creating when needed) the database file and every store on it. */
export function openAppStores(file: string, options: { fetcher: MonitorFetcher | null }): AppStores {
  const db = openDatabase(file);
  const sources = new SqliteSourceStore(db);
  const cases = new SqliteCaseStore(db);
  const evidence = new SqliteEvidenceStore(db);
  const licenses = new SqliteLicenseStore(db);
  const policies = new SqlitePolicyStore(db);
  const auth = new SqliteAuthStore(db);
  const engine = createEngine(sources);
  const service = createCaseService({ engine, cases, evidence, licenses, policies, fetcher: options.fetcher });
  const watch = { watchlist: new SqliteWatchlist(db), urls: new SqliteUrlStateStore(db), queue: new SqliteJobQueue(db), atomically: serialTransactions(db) };
  return { db, sources, cases, evidence, licenses, policies, auth, engine, service, watch, fetcher: options.fetcher, close: () => sources.close() };
}

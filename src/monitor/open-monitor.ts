import type { Policy } from "../core/policy/policy.ts";
import type { FetcherOptions } from "../io/fetch/options.ts";
import type { MonitorDeps } from "./monitor-deps.ts";
import type { Engine } from "../engine/engine.ts";
import { SqliteSourceStore } from "../io/store/sqlite-source-store.ts";
import { openDatabase } from "../io/storage/sqlite-database.ts";
import { createEngine } from "../engine/create-engine.ts";
import { createFetcher } from "../io/fetch/http-fetcher.ts";
import { SqliteCaseStore } from "../cases/sqlite-case-store.ts";
import { SqliteEvidenceStore } from "../cases/sqlite-evidence-store.ts";
import { SqliteLicenseStore } from "../cases/sqlite-license-store.ts";
import { SqlitePolicyStore } from "../cases/sqlite-policy-store.ts";
import { createCaseService } from "../cases/case-service.ts";
import { SqliteJobQueue } from "./sqlite-job-queue.ts";
import { SqliteUrlStateStore } from "./sqlite-url-states.ts";
import { SqliteWatchlist } from "./sqlite-watchlist.ts";
import { serialTransactions } from "./transactions.ts";
import { analyzeWith } from "./analyze-page.ts";
import { startAnalyzerPool } from "./analyzer-pool.ts";

export interface MonitorOptions {
  /** The fetcher's settings (`allowPrivate`, `perHostDelayMs`, timeouts…); defaults are the polite ones. */
  fetcher?: FetcherOptions;
  /** The policy to judge by; by default the one the server keeps (stored rules, or the default, with the stored licenses). */
  policy?: Policy;
  /** Epoch milliseconds; tests move it to make schedules come due. */
  now?: () => number;
  /**
   * Threads that read and check pages (see `analyzer-pool.ts`); 0 (the default) does it in this thread. A
   * process with several cores gets one page checked per core at once; a server keeps its event loop free.
   */
  workers?: number;
}

/** The monitor's dependencies over one database connection of its own, and a `close` that releases them. */
export interface OpenMonitor extends MonitorDeps {
  /** The engine on the monitor's connection (to index sources in the same database). */
  engine: Engine;
  close(): Promise<void>;
}

/**
 * Opens (creating when needed) the database file with every store the monitor reads and writes, on a
 * connection of its own: its transactions then never sweep in another component's writes (the server's,
 * when the scheduler runs inside it), and SQLite serializes the two connections' writes.
 * @throws on invalid fetcher options, naming them.
 */
export function openMonitor(file: string, options: MonitorOptions = {}): OpenMonitor {
  const fetcher = createFetcher(options.fetcher);
  const db = openDatabase(file);
  const now = options.now ?? Date.now;
  const engine = createEngine(new SqliteSourceStore(db));
  const cases = new SqliteCaseStore(db);
  const evidence = new SqliteEvidenceStore(db);
  const service = createCaseService({ engine, cases, evidence, licenses: new SqliteLicenseStore(db), policies: new SqlitePolicyStore(db), fetcher: null });
  const fixed = options.policy;
  const pool = (options.workers ?? 0) > 0 ? startAnalyzerPool(file, options.workers!) : null;
  return {
    watchlist: new SqliteWatchlist(db),
    queue: new SqliteJobQueue(db, now),
    urls: new SqliteUrlStateStore(db),
    engine,
    analyze: pool?.analyze ?? analyzeWith(engine),
    cases,
    evidence,
    policy: fixed ? async () => fixed : () => service.policy(),
    atomically: serialTransactions(db),
    fetcher,
    now,
    async close() {
      await pool?.close();
      await fetcher.close();
      db.close();
    },
  };
}

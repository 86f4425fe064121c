import type { Policy } from "../core/policy/policy.ts";
import type { FetcherOptions } from "../io/fetch/options.ts";
import type { MonitorDeps } from "./monitor-deps.ts";
import type { Engine } from "../engine/engine.ts";
import type { Storage } from "../io/storage/storage.ts";
import { createEngine } from "../engine/create-engine.ts";
import { createFetcher, type HttpFetcher } from "../io/fetch/http-fetcher.ts";
import { createCaseService } from "../cases/case-service.ts";
import { openSqliteStorage } from "../io/storage/sqlite-storage.ts";
import { openStorage } from "../io/storage/open-storage.ts";
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

/** The monitor's dependencies over a database connection of its own, and a `close` that releases them. */
export interface OpenMonitor extends MonitorDeps {
  /** The engine on the monitor's connection (to index sources in the same database). */
  engine: Engine;
  /** The database the monitor works on, on its own connection or pool. */
  storage: Storage;
  close(): Promise<void>;
}

/**
 * Opens (creating when needed) the SQLite database file with every store the monitor reads and writes, on a
 * connection of its own: its transactions then never sweep in another component's writes (the server's,
 * when the scheduler runs inside it), and SQLite serializes the two connections' writes.
 * @throws on invalid fetcher options, naming them.
 */
export function openMonitor(file: string, options: MonitorOptions = {}): OpenMonitor {
  const fetcher = createFetcher(options.fetcher);
  try {
    return monitorOn(openSqliteStorage(file, { now: options.now }), fetcher, file, options);
  } catch (error) {
    void fetcher.close();
    throw error;
  }
}

/**
 * `openMonitor` for any database: a SQLite file or a PostgreSQL URL (a pool of its own, shared with nothing
 * else in the process; several monitor processes on one database share its job queue).
 * @throws naming the database when it cannot be opened, or the fetcher options when they are invalid.
 */
export async function openMonitorAt(database: string, options: MonitorOptions = {}): Promise<OpenMonitor> {
  const fetcher = createFetcher(options.fetcher);
  const storage = await openStorage(database, { now: options.now }).catch(async (error: unknown) => {
    await fetcher.close();
    throw error;
  });
  return monitorOn(storage, fetcher, database, options);
}

/** The monitor over `storage`; `database` names it for analyzer threads, which open it themselves. */
function monitorOn(storage: Storage, fetcher: HttpFetcher, database: string, options: MonitorOptions): OpenMonitor {
  const now = options.now ?? Date.now;
  const engine = createEngine(storage.sources);
  const service = createCaseService({ engine, storage, fetcher: null });
  const fixed = options.policy;
  const pool = (options.workers ?? 0) > 0 ? startAnalyzerPool(database, options.workers!) : null;
  return {
    watchlist: storage.watchlist,
    queue: storage.queue,
    urls: storage.urls,
    engine,
    storage,
    analyze: pool?.analyze ?? analyzeWith(engine),
    cases: storage.cases,
    evidence: storage.evidence,
    policy: fixed ? async () => fixed : () => service.policy(),
    atomically: (work) => storage.transaction(work),
    fetcher,
    now,
    async close() {
      await pool?.close();
      await fetcher.close();
      await storage.close();
    },
  };
}

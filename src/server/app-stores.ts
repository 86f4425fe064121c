import type { Engine } from "../engine/engine.ts";
import type { CaseService } from "../cases/case-service.ts";
import type { MonitorDeps, MonitorFetcher } from "../monitor/monitor-deps.ts";
import type { Storage } from "../io/storage/storage.ts";
import type { Repositories } from "../io/storage/repositories.ts";
import type { SourceStore } from "../io/store/source-store.ts";
import { createEngine } from "../engine/create-engine.ts";
import { createCaseService } from "../cases/case-service.ts";
import { openSqliteStorage } from "../io/storage/sqlite-storage.ts";

/**
 * The monitor's stores the API reads and writes to manage the watchlist: the watched sites, what became of
 * their URLs, and their queued jobs, with the database's units of work (adding and removing a site write
 * more than one store). The monitor itself runs on a connection of its own (see `startScheduler`).
 */
export type WatchStores = Pick<MonitorDeps, "watchlist" | "urls" | "queue" | "atomically">;

/** Everything the server keeps, in one database, with the engine and case service over it. */
export interface AppStores extends Repositories {
  storage: Storage;
  sources: SourceStore;
  engine: Engine;
  service: CaseService;
  watch: WatchStores;
  /** Fetches candidate pages for URL checks and re-checks, feed items, and sites to watch; null when the server may not fetch. */
  fetcher: MonitorFetcher | null;
  close(): Promise<void>;
}

/** The server's stores over `storage` (SQLite or PostgreSQL); `close` closes the storage. */
export function appStoresOn(storage: Storage, options: { fetcher: MonitorFetcher | null }): AppStores {
  const engine = createEngine(storage.sources);
  const service = createCaseService({ engine, storage, fetcher: options.fetcher });
  const watch: WatchStores = { watchlist: storage.watchlist, urls: storage.urls, queue: storage.queue, atomically: (work) => storage.transaction(work) };
  return {
    storage,
    cases: storage.cases,
    evidence: storage.evidence,
    licenses: storage.licenses,
    policies: storage.policies,
    auth: storage.auth,
    watchlist: storage.watchlist,
    urls: storage.urls,
    queue: storage.queue,
    monitors: storage.monitors,
    sources: storage.sources,
    engine,
    service,
    watch,
    fetcher: options.fetcher,
    close: () => storage.close(),
  };
}

/** Opens (creating when needed) a SQLite database file and the server's stores on it. */
export function openAppStores(file: string, options: { fetcher: MonitorFetcher | null }): AppStores {
  return appStoresOn(openSqliteStorage(file), options);
}

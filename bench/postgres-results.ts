import type { PostgresIndexResult } from "./phases/postgres-index-phase.ts";
import type { ReuseScore } from "./phases/reuse-score.ts";

/** Client processes checking at once: the two figures, one client and four. */
export const CHECK_CLIENTS = [1, 4] as const;
/** Monitor worker processes on one database: one, and two sharing its queue. */
export const MONITOR_PROCESSES = [1, 2] as const;

/** Text checks from several client processes at once, each with its own pool, against the PostgreSQL index. */
export interface ClientChecks {
  clients: number;
  checks: number;
  /** From the first client's first timed check to the last one's last. */
  seconds: number;
  rate: number;
  p50Ms: number;
  p95Ms: number;
  /** Median of the clients' tokenize-only rates over their own texts, measured after their checks. */
  baselineRate: number;
  score: ReuseScore;
  /** The largest client's. */
  peakRss: number;
}

/** One monitor pass by several worker processes sharing one database's queue. */
export interface WorkerPass {
  workers: number;
  pagesDone: number;
  failed: number;
  casesOpened: number;
  /** From the first worker's start to the last one's end. */
  seconds: number;
  rate: number;
  /** CPU time of the worker processes per page (the server's not included), in ms. */
  cpuMsPerPage: number;
}

/** A measurement by `count` processes (clients or workers): its figures, or why there are none. */
export interface ProcessesRun<R> {
  count: number;
  result: R | null;
  failure: string | null;
}

/** The PostgreSQL phase (`--postgres`, issue 11). */
export interface PostgresResults {
  /** Why it did not run (no server binaries on this machine), or null. */
  skipped: string | null;
  sources: number;
  /** The server's version, as it reports it. */
  server: string;
  /** Size of the database before anything was stored in it (what PostgreSQL's template database holds). */
  emptyDatabaseBytes: number;
  /** The machine's 1-minute load average when the phase started and when it ended. */
  load: [number, number];
  index: PostgresIndexResult | null;
  indexFailure: string | null;
  checks: Array<ProcessesRun<ClientChecks>>;
  monitor: Array<ProcessesRun<WorkerPass>>;
  /** Pages of the fixture site, and the monitor's settings in each worker process. */
  monitorPages: number;
  monitorConcurrency: number;
  monitorThreads: number;
}

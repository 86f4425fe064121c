import { peakRssBytes } from "../measure/process-stats.ts";
import type { PassSummary } from "./app-under-test.ts";
import { addWatch, DEFAULT_LEASE_MS, DEFAULT_RECHECK_AFTER_MS, openMonitorAt, runPass } from "./app-under-test.ts";
import { readyThenWait } from "./start-barrier.ts";

/**
 * A monitor worker process on a PostgreSQL database, as `copyquota --db postgres://… monitor --once` runs one.
 * `discover` (untimed, alone): adds the fixture site to the watchlist and reads its feed and sitemaps, stopping
 * at its first page, so that the timed workers all start on a queue of pages (a worker that starts on an
 * empty queue while another reads the sitemaps ends its pass at once). `pass`: one timed pass, started with
 * the other workers (start-barrier.ts).
 */
export interface PostgresMonitorTask {
  phase: "postgres-monitor";
  repoRoot: string;
  url: string;
  /** The fixture site's origin (fixture-site.ts, started by the orchestrator). */
  siteUrl: string;
  role: "discover" | "pass";
  name: string;
  barrierDir: string;
  /** Jobs at once, and analyzer threads, of this worker. */
  concurrency: number;
  workers: number;
}

export interface PostgresMonitorResult {
  events: PassSummary["events"];
  casesOpened: number;
  /** Pages through the whole pipeline: checked, or found a duplicate or unchanged. */
  pagesDone: number;
  /** Epoch milliseconds the pass started and ended. */
  startedAt: number;
  endedAt: number;
  /** CPU time of this process (main thread and analyzer threads) per page, in ms; the server's is not in it. */
  cpuMsPerPage: number;
  peakRss: number;
}

const PAGE_EVENTS = new Set(["checked", "duplicate", "unchanged"]);

/** The timed pass's figures; null for `discover`, which is not timed. */
export async function runPostgresMonitorPhase(task: PostgresMonitorTask): Promise<PostgresMonitorResult | null> {
  const monitor = await openMonitorAt(task.url, { fetcher: { allowPrivate: true, perHostDelayMs: 0 }, workers: task.workers });
  try {
    const settings = { concurrency: task.concurrency, leaseMs: DEFAULT_LEASE_MS, recheckAfterMs: DEFAULT_RECHECK_AFTER_MS };
    if (task.role === "discover") {
      await addWatch(monitor, `${task.siteUrl}/`);
      const stop = new AbortController();
      await runPass(monitor, { ...settings, concurrency: 1, signal: stop.signal, onEvent: (event) => PAGE_EVENTS.has(event.type) && stop.abort() });
      return null;
    }
    await readyThenWait(task.barrierDir, task.name);
    const cpuBefore = process.cpuUsage();
    const startedAt = Date.now();
    const pass = await runPass(monitor, settings);
    const endedAt = Date.now();
    const cpu = process.cpuUsage(cpuBefore);
    const pagesDone = pass.events.checked + pass.events.duplicate + pass.events.unchanged;
    return { events: pass.events, casesOpened: pass.casesOpened, pagesDone, startedAt, endedAt, cpuMsPerPage: (cpu.user + cpu.system) / 1000 / Math.max(1, pagesDone), peakRss: peakRssBytes() };
  } finally {
    await monitor.close();
  }
}

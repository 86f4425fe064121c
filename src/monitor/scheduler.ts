import { setTimeout as sleep } from "node:timers/promises";
import type { PassSummary } from "./events.ts";
import type { MonitorDeps } from "./monitor-deps.ts";
import type { MonitorOptions } from "./open-monitor.ts";
import type { PassSettings } from "./run-pass.ts";
import { openMonitorAt } from "./open-monitor.ts";
import { DEFAULT_CONCURRENCY, DEFAULT_LEASE_MS, runPass } from "./run-pass.ts";
import { StatusRecorder } from "./status-recorder.ts";

/**
 * Open cases are re-checked daily: a republisher fixing a page (adding the link, trimming the text) usually
 * does so within days of a notice, and a daily look resolves the case soon after without refetching every
 * page with an open case more than once a day.
 */
export const DEFAULT_RECHECK_AFTER_MS = 86_400_000;

/**
 * Longest sleep between two looks at the schedule. The scheduler wakes when the next site or retry is due,
 * but a site added or a case opened meanwhile (by the CLI or the API, in another process) is noticed only at
 * a look; a minute keeps that delay short for the cost of one cheap query.
 */
export const DEFAULT_IDLE_MS = 60_000;

/** Shortest pause between passes, so that a schedule always due (a clock gone wrong) cannot spin the CPU. */
const MIN_PAUSE_MS = 1_000;

export interface LoopSettings extends Omit<PassSettings, "signal"> {
  idleMs: number;
  /** A pass finished; the loop looks at the schedule again at `nextLookAt` (or when woken). */
  onPass?(summary: PassSummary, nextLookAt: Date): void;
  /** A pass that failed as a whole (the database unreachable, say); the loop goes on after the idle time. */
  onError?(error: unknown, nextLookAt: Date): void;
}

/** A running scheduler. */
export interface Scheduler {
  /**
   * Looks at the schedule now instead of at the end of its sleep (a site was added or made due in this
   * process). During a pass it does nothing: the schedule is looked at after each pass, and a site made due
   * meanwhile is due then.
   */
  wake(): void;
  /** Stops claiming new jobs, lets the jobs in hand finish, closes what it opened; resolves when done. */
  stop(): Promise<void>;
  /** Resolves when the loop has ended (after `stop`). */
  readonly done: Promise<void>;
}

/**
 * Runs passes until stopped: a pass, then a sleep until the next site pass or job retry is due (at most
 * `idleMs`, cut short by `wake`), and again.
 */
export function runLoop(deps: MonitorDeps, settings: LoopSettings): Scheduler {
  const controller = new AbortController();
  let sleeping = new AbortController();
  const done = (async () => {
    while (!controller.signal.aborted) {
      let wakeAt = deps.now() + settings.idleMs;
      try {
        const summary = await runPass(deps, { ...settings, signal: controller.signal });
        const nextSite = await deps.watchlist.nextDue();
        const nextJob = await deps.queue.nextDueAt();
        if (nextSite !== null) wakeAt = Math.min(wakeAt, Date.parse(nextSite));
        if (nextJob !== null) wakeAt = Math.min(wakeAt, nextJob);
        settings.onPass?.(summary, new Date(Math.max(wakeAt, deps.now() + MIN_PAUSE_MS)));
      } catch (error) {
        settings.onError?.(error, new Date(wakeAt));
      }
      sleeping = new AbortController();
      const signal = AbortSignal.any([controller.signal, sleeping.signal]);
      await sleep(Math.max(MIN_PAUSE_MS, wakeAt - deps.now()), undefined, { signal }).catch(() => undefined);
    }
  })();
  return {
    done,
    wake: () => sleeping.abort(),
    async stop() {
      controller.abort();
      await done;
    },
  };
}

/**
 * Analyzer threads of the background scheduler: one keeps the server's event loop free of extraction and
 * alignment while leaving the other cores to the API.
 */
export const DEFAULT_SCHEDULER_WORKERS = 1;

export interface SchedulerOptions extends MonitorOptions, Partial<LoopSettings> {
  /** The CopyQuota database: a SQLite file or a PostgreSQL URL. */
  database: string;
}

/**
 * Starts the monitor in the background of a running process (the server): it opens its own connection to
 * the database and its own fetcher, runs passes on the watchlist's schedule, and re-checks open cases. It
 * records its status in the database (see `MonitorStatus`), each write a unit of work of its own (see
 * `StatusRecorder`). `stop()` ends it, forgets its status and closes what it opened.
 * @throws on invalid fetcher options, naming them, or naming the database when it cannot be opened.
 */
export async function startScheduler(options: SchedulerOptions): Promise<Scheduler> {
  const monitor = await openMonitorAt(options.database, { ...options, workers: options.workers ?? DEFAULT_SCHEDULER_WORKERS });
  const status = new StatusRecorder(monitor.storage, monitor.now);
  const loop = runLoop(monitor, {
    concurrency: options.concurrency ?? DEFAULT_CONCURRENCY,
    leaseMs: options.leaseMs ?? DEFAULT_LEASE_MS,
    recheckAfterMs: options.recheckAfterMs ?? DEFAULT_RECHECK_AFTER_MS,
    idleMs: options.idleMs ?? DEFAULT_IDLE_MS,
    onScheduled(startedAt, sites) {
      status.passStarted(startedAt, sites);
      options.onScheduled?.(startedAt, sites);
    },
    onEvent(event) {
      status.noteEvent(event);
      options.onEvent?.(event);
    },
    onPass(summary, nextLookAt) {
      status.passFinished(summary, nextLookAt);
      options.onPass?.(summary, nextLookAt);
    },
    onError(error, nextLookAt) {
      status.passFailed(error, nextLookAt);
      options.onError?.(error, nextLookAt);
    },
  });
  const done = loop.done.finally(async () => {
    await status.forget();
    await monitor.close();
  });
  return {
    done,
    wake: () => loop.wake(),
    async stop() {
      await loop.stop();
      await done;
    },
  };
}

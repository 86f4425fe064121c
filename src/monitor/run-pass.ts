import type { MonitorEvent, PassSummary } from "./events.ts";
import type { Job } from "./job-queue.ts";
import type { JobContext } from "./job-context.ts";
import type { MonitorDeps } from "./monitor-deps.ts";
import type { WatchedSite } from "./watchlist.ts";
import { countEvent, emptySummary } from "./events.ts";
import { LeaseLostError, recordFailure } from "./job-context.ts";
import { handleDiscover } from "./handle-discover.ts";
import { handleListing } from "./handle-listing.ts";
import { handlePage } from "./handle-page.ts";
import { ListingBudget } from "./listing-budget.ts";
import { isDeadLocalOwner, leaseOwners } from "./lease-owner.ts";
import { scheduleDue } from "./schedule.ts";

export interface PassSettings {
  /** Jobs worked on at once. The fetcher still sends one request at a time per host. */
  concurrency: number;
  /** How long a claimed job stays with its worker without a renewal. */
  leaseMs: number;
  /** Open cases whose page was last seen longer ago than this are re-checked. */
  recheckAfterMs: number;
  /** Aborting stops claiming new jobs; the jobs in hand finish. */
  signal?: AbortSignal;
  onEvent?(event: MonitorEvent): void;
  /** The pass started (at `startedAt`) reading these sites, whose jobs are queued. */
  onScheduled?(startedAt: string, sites: readonly WatchedSite[]): void;
}

/** Concurrent jobs: several hosts fetched at once while one page is extracted and checked. */
export const DEFAULT_CONCURRENCY = 4;

/**
 * A job's lease. Long enough that a healthy worker renews it many times over (every third of it), short
 * enough that a job of a worker on another machine that died is picked up within a minute.
 */
export const DEFAULT_LEASE_MS = 60_000;

/**
 * A job claimed this many times without finishing has killed or hung every worker that took it (a page that
 * crashes the process, say): it is failed instead of taking the next worker down too.
 */
const MAX_CLAIMS = 3;

/**
 * One pass: queue what is due (see `scheduleDue`), then work the queue until nothing is claimable — jobs
 * created during the pass (a listing's items) included, retries scheduled for later excluded. Leases of
 * processes of this machine that died (a `kill -9` mid-pass) are released first, and again when the queue runs
 * dry, so a dead neighbour's jobs are done in this pass rather than after their leases expire.
 */
export async function runPass(deps: MonitorDeps, settings: PassSettings): Promise<PassSummary> {
  const startedAt = new Date(deps.now()).toISOString();
  const summary = emptySummary(startedAt);
  await releaseDeadLocalOwners(deps);
  const policy = await deps.policy();
  const listings = new ListingBudget();
  const { sites, rechecksQueued } = await scheduleDue(deps, { recheckAfterMs: settings.recheckAfterMs });
  summary.sitesDue = sites.length;
  summary.rechecksQueued = rechecksQueued;
  settings.onScheduled?.(startedAt, sites);

  let busy = 0;
  let wake: (() => void) | null = null;
  let changed = new Promise<void>((resolve) => (wake = resolve));
  const notify = () => {
    wake?.();
    changed = new Promise<void>((resolve) => (wake = resolve));
  };

  const worker = async (owner: string): Promise<void> => {
    const context: JobContext = {
      deps,
      policy,
      passStartedAt: startedAt,
      listings,
      owner,
      emit(event) {
        countEvent(summary, event);
        settings.onEvent?.(event);
      },
    };
    while (!settings.signal?.aborted) {
      const job = await deps.atomically((tx) => tx.queue.claim(owner, settings.leaseMs));
      if (job === null) {
        if (busy === 0 && (await releaseDeadLocalOwners(deps)) === 0) return;
        if (busy === 0) continue;
        // Another worker's job may queue more (a listing's items): wait for it, then look again.
        await changed;
        continue;
      }
      busy++;
      try {
        await runJob(context, job, settings.leaseMs);
      } finally {
        busy--;
        notify();
      }
    }
  };
  await Promise.all(leaseOwners(settings.concurrency).map(worker));
  summary.finishedAt = new Date(deps.now()).toISOString();
  return summary;
}

/** Runs one job, renewing its lease meanwhile; a failure of the handler itself is recorded against the URL. */
async function runJob(context: JobContext, job: Job, leaseMs: number): Promise<void> {
  const { deps, owner } = context;
  const heartbeat = setInterval(() => void deps.atomically((tx) => tx.queue.renew(job.id, owner, leaseMs)).catch(() => undefined), leaseMs / 3);
  try {
    if (job.claims > MAX_CLAIMS) {
      const failure = { reason: "abandoned", message: `${job.url} was claimed ${job.claims} times and never finished: its workers died or hung on it`, transient: false };
      await recordFailure(context, job, await deps.urls.get(job.key), failure, null);
      return;
    }
    switch (job.kind) {
      case "discover":
        return await handleDiscover(context, job);
      case "listing":
        return await handleListing(context, job);
      case "page":
      case "recheck":
        return await handlePage(context, job);
    }
  } catch (error) {
    // The lease went to another worker, who records the result; anything else is a bug, kept off the pass.
    if (error instanceof LeaseLostError) return;
    const failure = { reason: "internal_error", message: error instanceof Error ? error.message : String(error), transient: false };
    await recordFailure(context, job, await deps.urls.get(job.key), failure, null).catch(() => undefined);
  } finally {
    clearInterval(heartbeat);
  }
}

/** Releases the leases of this machine's dead monitor processes; how many jobs that freed. */
async function releaseDeadLocalOwners(deps: MonitorDeps): Promise<number> {
  let released = 0;
  for (const owner of await deps.queue.owners()) {
    if (isDeadLocalOwner(owner)) released += await deps.atomically((tx) => tx.queue.release(owner));
  }
  return released;
}

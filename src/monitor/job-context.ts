import type { Policy } from "../core/policy/policy.ts";
import type { MonitorEvent } from "./events.ts";
import type { Job, JobKind, NewJob } from "./job-queue.ts";
import type { ListingBudget } from "./listing-budget.ts";
import type { MonitorDeps } from "./monitor-deps.ts";
import type { UrlState } from "./url-states.ts";
import type { Failure } from "./failure.ts";
import type { UnitOfWork } from "./transactions.ts";
import { retryAt } from "./failure.ts";

/** What a job handler works with during one pass. */
export interface JobContext {
  deps: MonitorDeps;
  /** The policy in force for the whole pass. */
  policy: Policy;
  /** ISO time the pass started: a listing already read since then is not read again in the same pass. */
  passStartedAt: string;
  /** How many more sitemaps, and how deep, the pass's sitemap indexes may have read; shared by its workers. */
  listings: ListingBudget;
  /** The lease holder the handler completes or fails its job as. */
  owner: string;
  emit(event: MonitorEvent): void;
}

/**
 * The job's lease passed to another worker while this one worked (it was too slow, or presumed dead):
 * whatever this worker was about to record is rolled back, and the new holder records its own result.
 */
export class LeaseLostError extends Error {
  override readonly name = "LeaseLostError";
  constructor(job: Job) {
    super(`the lease on job ${job.id} (${job.kind} ${job.url}) was lost to another worker`);
  }
}

/** Marks the job done, inside the unit of work `tx` that records its result. */
export async function completeJob(tx: UnitOfWork, context: JobContext, job: Job): Promise<void> {
  if (!(await tx.queue.complete(job.id, context.owner))) throw new LeaseLostError(job);
}

/** What a job's URL is to the monitor. */
export function roleOf(kind: JobKind): UrlState["role"] {
  return kind === "discover" ? "site" : kind === "listing" ? "listing" : "page";
}

/** A URL's state as it starts out, before anything is known of it. */
export function freshState(job: NewJob, at: string): UrlState {
  return {
    key: job.key,
    url: job.url,
    role: roleOf(job.kind),
    siteId: job.siteId,
    status: "failed",
    reason: null,
    httpStatus: null,
    validators: {},
    contentSha256: null,
    canonicalKey: null,
    verdict: null,
    fetchedAt: null,
    updatedAt: at,
  };
}

/**
 * Records a failed attempt, atomically: the job is rescheduled (transient failure with retries left) or
 * failed for good, and the URL's state says why — keeping what was known before (validators, hash), so a
 * passing outage does not cost the next conditional GET.
 */
export async function recordFailure(context: JobContext, job: Job, previous: UrlState | null, failure: Failure, httpStatus: number | null): Promise<void> {
  const now = context.deps.now();
  const at = new Date(now).toISOString();
  const retry = retryAt(failure, job.attempts + 1, now);
  await context.deps.atomically(async (tx) => {
    if (!(await tx.queue.fail(job.id, context.owner, { reason: `${failure.reason}: ${failure.message}`, retryAt: retry }))) throw new LeaseLostError(job);
    await tx.urls.put({
      ...(previous ?? freshState(job, at)),
      url: job.url,
      status: retry === null ? "failed" : "retrying",
      reason: `${failure.reason}: ${failure.message}`,
      httpStatus,
      updatedAt: at,
    });
  });
  context.emit({ type: "failed", url: job.url, job: job.kind, reason: failure.reason, message: failure.message, retryAt: retry === null ? null : new Date(retry).toISOString() });
}

import type { NewEvidence } from "../cases/evidence.ts";
import { evidenceOf } from "../cases/evidence.ts";
import { SYSTEM_ACTOR } from "../cases/case.ts";
import { sha256Hex } from "../cases/evidence.ts";
import { recordCheck as recordCheckOnCases, recordGone as recordGoneOnCases } from "../cases/record-check.ts";
import { FetchError } from "../io/fetch/errors.ts";
import type { Job } from "./job-queue.ts";
import type { JobContext } from "./job-context.ts";
import type { Analysis } from "./analyze-page.ts";
import type { UrlState, UrlStateStore } from "./url-states.ts";
import type { UnitOfWork } from "./transactions.ts";
import { completeJob, freshState, recordFailure } from "./job-context.ts";
import { describeFailure } from "./failure.ts";
import { canonicalKeyOf } from "./url-key.ts";

/** Statuses that say a page was taken down: its open cases resolve as gone. */
const GONE_STATUSES: ReadonlySet<number> = new Set([404, 410]);

/**
 * Handles a `page` job (an item a listing named) or a `recheck` job (the page of an open case):
 * conditional GET → dedupe → extract → check → record. A page is recorded as a check (with its evidence,
 * opening cases) only when it reuses some source; a re-check always is, so its cases get their observation
 * and resolve when the page now complies. Every outcome ends in the URL's state and the job's completion,
 * committed together with the check.
 */
export async function handlePage(context: JobContext, job: Job): Promise<void> {
  const { deps } = context;
  const previous = await deps.urls.get(job.key);
  let fetched;
  try {
    fetched = await deps.fetcher.fetchConditional(job.url, previous?.validators ?? {});
  } catch (error) {
    const status = error instanceof FetchError ? error.status : null;
    if (status !== null && GONE_STATUSES.has(status)) return recordGone(context, job, previous, status);
    return recordFailure(context, job, previous, describeFailure(error), status);
  }
  if (fetched.notModified) {
    if (previous !== null) return recordNotModified(context, job, previous);
    const failure = { reason: "http_status", message: `${job.url} answered 304 Not Modified to a request that was not conditional`, transient: false };
    return recordFailure(context, job, previous, failure, 304);
  }

  const resource = fetched.resource;
  const state: UrlState = {
    ...freshState(job, new Date(deps.now()).toISOString()),
    status: "checked",
    httpStatus: resource.status,
    validators: fetched.validators,
    contentSha256: sha256Hex(resource.body),
    fetchedAt: resource.fetchedAt,
  };
  if (job.kind === "page" && previous?.status === "checked" && previous.contentSha256 === state.contentSha256) {
    return recordUnchanged(context, job, { ...previous, validators: state.validators, httpStatus: state.httpStatus, fetchedAt: state.fetchedAt, updatedAt: state.updatedAt });
  }
  // Same bytes as a page already checked: no need to read them. `recordCheck` looks again (for the canonical
  // URL too) when it commits, for twins checked meanwhile.
  const early = job.kind === "page" ? await findTwin(context.deps.urls, job, state) : null;
  if (early !== null) return recordDuplicate(context, job, state, early);
  let analysis: Analysis;
  try {
    analysis = await deps.analyze({ body: resource.body, contentType: resource.headers["content-type"], url: job.url, finalUrl: resource.url }, context.policy);
  } catch (error) {
    return recordFailure(context, job, previous, describeFailure(error), resource.status);
  }
  state.canonicalKey = canonicalKeyOf(analysis.canonicalUrl, resource.url);
  await recordCheck(context, job, { ...state, verdict: analysis.result.verdict }, analysis, evidenceOf(resource));
}

/** A twin of the page: one reached by another URL and already checked. */
interface Twin {
  state: UrlState;
  why: "same_content" | "same_canonical";
}

/** Another checked URL with the same bytes, or the same canonical URL (when the page names a usable one). */
async function findTwin(urls: UrlStateStore, job: Job, state: UrlState): Promise<Twin | null> {
  const sameBytes = state.contentSha256 === null ? null : await urls.findByContent(state.contentSha256, job.key);
  if (sameBytes !== null) return { state: sameBytes, why: "same_content" };
  const sameCanonical = state.canonicalKey === null ? null : await urls.findByCanonical(state.canonicalKey, job.key);
  return sameCanonical === null ? null : { state: sameCanonical, why: "same_canonical" };
}

/**
 * Commits a check: evidence and cases when there is something to record, then the URL's state and the job.
 * A new page that turns out, at commit, to have a twin committed meanwhile (two workers on two spellings of
 * one page) is recorded as its duplicate instead, so the page is judged once whatever the interleaving.
 */
async function recordCheck(context: JobContext, job: Job, state: UrlState, analysis: Analysis, evidence: NewEvidence | { sha256: string }): Promise<void> {
  const { deps, policy } = context;
  const { result } = analysis;
  const outcome = await deps.atomically(async (tx) => {
    const twin = job.kind === "page" ? await findTwin(tx.urls, job, state) : null;
    if (twin !== null) {
      await putDuplicate(tx, context, job, state, twin);
      return { twin, recorded: null };
    }
    let recorded = null;
    if (result.matches.length > 0 || job.kind === "recheck") {
      const sha256 = "sha256" in evidence ? evidence.sha256 : (await tx.evidence.capture(evidence)).sha256;
      recorded = await recordCheckOnCases(tx.cases, {
        result,
        candidateText: analysis.doc.text,
        evidenceSha256: sha256,
        caps: { maxShare: policy.maxShare, maxChars: policy.maxChars },
        actor: SYSTEM_ACTOR,
        at: state.updatedAt,
      });
    }
    await tx.urls.put(state);
    await completeJob(tx, context, job);
    return { twin: null, recorded };
  });
  if (outcome.twin !== null) {
    context.emit({ type: "duplicate", url: job.url, of: outcome.twin.state.url });
    return;
  }
  const { recorded } = outcome;
  context.emit({
    type: "checked",
    url: job.url,
    verdict: result.verdict,
    opened: recorded?.opened.length ?? 0,
    resolved: recorded?.resolved.length ?? 0,
    reopened: recorded?.reopened.length ?? 0,
  });
}

/**
 * 304: the page is as it was. A new item needs nothing more. A re-check judges the stored bytes again under
 * today's policy (a license granted since, a changed cap), recording the observation against the same evidence.
 */
async function recordNotModified(context: JobContext, job: Job, previous: UrlState): Promise<void> {
  const { deps } = context;
  const at = new Date(deps.now()).toISOString();
  const sha256 = previous.contentSha256;
  const bytes = job.kind === "recheck" && sha256 !== null ? await deps.evidence.body(sha256) : null;
  if (bytes === null || sha256 === null) return recordUnchanged(context, job, { ...previous, httpStatus: 304, updatedAt: at });
  const capture = (await deps.evidence.capturesOf(sha256))[0];
  let analysis: Analysis;
  try {
    analysis = await deps.analyze({ body: bytes, contentType: capture?.contentType ?? undefined, url: job.url, finalUrl: capture?.finalUrl ?? job.url }, context.policy);
  } catch (error) {
    return recordFailure(context, job, previous, describeFailure(error), 304);
  }
  const verdict = analysis.result.verdict;
  await recordCheck(context, job, { ...previous, status: "checked", reason: null, httpStatus: 304, verdict, updatedAt: at }, analysis, { sha256 });
}

async function recordUnchanged(context: JobContext, job: Job, state: UrlState): Promise<void> {
  await context.deps.atomically(async (tx) => {
    await tx.urls.put({ ...state, status: "checked", reason: null });
    await completeJob(tx, context, job);
  });
  context.emit({ type: "unchanged", url: job.url });
}

async function recordDuplicate(context: JobContext, job: Job, state: UrlState, twin: Twin): Promise<void> {
  await context.deps.atomically((tx) => putDuplicate(tx, context, job, state, twin));
  context.emit({ type: "duplicate", url: job.url, of: twin.state.url });
}

/** Writes a duplicate's state and completes its job; runs inside the caller's unit of work. */
async function putDuplicate(tx: UnitOfWork, context: JobContext, job: Job, state: UrlState, twin: Twin): Promise<void> {
  const why = twin.why === "same_content" ? "the same bytes as" : "the same canonical URL as";
  await tx.urls.put({ ...state, status: "duplicate", verdict: null, reason: `${twin.why}: ${why} ${twin.state.url}` });
  await completeJob(tx, context, job);
}

/** 404/410: the page is gone. A re-check records it (an empty capture with the status) and resolves the page's open cases. */
async function recordGone(context: JobContext, job: Job, previous: UrlState | null, status: number): Promise<void> {
  const { deps } = context;
  const at = new Date(deps.now()).toISOString();
  const resolved = await deps.atomically(async (tx) => {
    let count = 0;
    if (job.kind === "recheck") {
      const capture = await tx.evidence.capture({ body: new Uint8Array(0), url: job.url, finalUrl: job.url, origin: "fetched", fetchedAt: at, status, headers: {}, contentType: null });
      count = (await recordGoneOnCases(tx.cases, { candidateUrl: job.url, status, evidenceSha256: capture.sha256, actor: SYSTEM_ACTOR, at })).resolved.length;
    }
    await tx.urls.put({ ...(previous ?? freshState(job, at)), url: job.url, status: "gone", reason: `http_status: HTTP ${status}`, httpStatus: status, updatedAt: at });
    await completeJob(tx, context, job);
    return count;
  });
  context.emit({ type: "gone", url: job.url, status, resolved });
}

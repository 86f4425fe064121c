import { decodePage } from "./decode-page.ts";
import { FetchError } from "../io/fetch/errors.ts";
import type { Job, NewJob } from "./job-queue.ts";
import type { JobContext } from "./job-context.ts";
import type { Listing } from "./listing.ts";
import type { ListingRefusal } from "./listing-budget.ts";
import type { UrlState } from "./url-states.ts";
import { completeJob, freshState, recordFailure } from "./job-context.ts";
import { describeFailure } from "./failure.ts";
import { parseListing } from "./listing.ts";
import { urlKey } from "./url-key.ts";

/**
 * Entries taken from one listing: the sitemap protocol's limit for a single file (50,000 URLs). A hostile
 * or broken listing cannot flood the queue past it.
 */
export const MAX_LISTING_ENTRIES = 50_000;

/**
 * Handles a `listing` job: reads a feed or sitemap (conditionally: an unchanged one costs a 304) and queues
 * what it names. Items not seen before become `page` jobs — on a site's first pass that is every item listed,
 * however old, unless the site has a `since` cut-off; an item already checked is queued again only when the
 * listing dates it after our last fetch (an updated article). A sitemap index queues its sitemaps, each read
 * at most once per pass (indexes that list each other cannot loop), within the pass's `ListingBudget`; a
 * sitemap past it is recorded as failed with the reason, so the watchlist shows what was left unread.
 */
export async function handleListing(context: JobContext, job: Job): Promise<void> {
  const { deps } = context;
  const previous = await deps.urls.get(job.key);
  const at = new Date(deps.now()).toISOString();
  let listing: Listing;
  let state: UrlState;
  try {
    const fetched = await deps.fetcher.fetchConditional(job.url, previous?.validators ?? {});
    if (fetched.notModified) {
      await deps.atomically(async (tx) => {
        await tx.urls.put({ ...(previous ?? freshState(job, at)), status: "listed", reason: null, httpStatus: 304, updatedAt: at });
        await completeJob(tx, context, job);
      });
      context.emit({ type: "unchanged", url: job.url });
      return;
    }
    const { resource } = fetched;
    listing = parseListing(decodePage(resource.body, resource.headers["content-type"]), resource.url);
    state = {
      ...freshState(job, at),
      status: "listed",
      reason: listing.malformed === null ? null : `malformed_xml: ${listing.malformed} (entries recovered)`,
      httpStatus: resource.status,
      validators: fetched.validators,
      fetchedAt: resource.fetchedAt,
    };
  } catch (error) {
    return recordFailure(context, job, previous, describeFailure(error), error instanceof FetchError ? error.status : null);
  }

  const since = job.siteId === null ? null : ((await deps.watchlist.get(job.siteId))?.since ?? null);
  const fresh: NewJob[] = [];
  const again: NewJob[] = [];
  const refused: { state: UrlState; refusal: ListingRefusal }[] = [];
  let skipped = 0;
  for (const entry of listing.entries.slice(0, MAX_LISTING_ENTRIES)) {
    const key = urlKey(entry.url);
    const known = await deps.urls.get(key);
    if (listing.kind === "sitemap_index") {
      if (known !== null && known.updatedAt >= context.passStartedAt) continue;
      const child: NewJob = { kind: "listing", url: entry.url, key, siteId: job.siteId };
      const refusal = context.listings.admit(job.siteId, job.key, entry.url, key);
      if (refusal === null) again.push(child);
      else refused.push({ refusal, state: { ...(known ?? freshState(child, at)), url: entry.url, status: "failed", reason: `${refusal.reason}: ${refusal.message}`, httpStatus: null, updatedAt: at } });
      continue;
    }
    if (since !== null && entry.date !== null && entry.date < since) {
      skipped++;
      continue;
    }
    const page: NewJob = { kind: "page", url: entry.url, key, siteId: job.siteId };
    const updated = known?.fetchedAt != null && entry.date !== null && entry.date > known.fetchedAt;
    (updated ? again : fresh).push(page);
  }
  const queued = await deps.atomically(async (tx) => {
    const count = (await tx.queue.enqueue(fresh)) + (await tx.queue.enqueue(again, { again: true }));
    await tx.urls.put(state);
    for (const { state: refusedState } of refused) await tx.urls.put(refusedState);
    await completeJob(tx, context, job);
    return count;
  });
  context.emit({ type: "listed", url: job.url, kind: listing.kind, entries: listing.entries.length, queued, skipped, malformed: listing.malformed });
  for (const { state: refusedState, refusal } of refused) {
    context.emit({ type: "failed", url: refusedState.url, job: "listing", reason: refusal.reason, message: refusal.message, retryAt: null });
  }
}

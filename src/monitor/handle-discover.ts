import { decodePage } from "./decode-page.ts";
import { FetchError } from "../io/fetch/errors.ts";
import type { Job, NewJob } from "./job-queue.ts";
import type { JobContext } from "./job-context.ts";
import type { UrlState } from "./url-states.ts";
import type { WatchedSite } from "./watchlist.ts";
import { completeJob, freshState } from "./job-context.ts";
import { describeFailure } from "./failure.ts";
import { siteListings } from "./examine.ts";
import { urlKey } from "./url-key.ts";

/**
 * Handles a `discover` job: reads a watched site's page again for the feeds and sitemaps it announces now
 * (sites add and rename feeds), stores them, and queues each for reading. When the page cannot be read, or
 * announces nothing, the listings found before are read instead, so one bad answer from the home page does
 * not stop the site's pass.
 */
export async function handleDiscover(context: JobContext, job: Job): Promise<void> {
  const { deps } = context;
  const site = job.siteId === null ? null : await deps.watchlist.get(job.siteId);
  if (site === null) {
    // The site was removed after the job was queued: nothing to do.
    await deps.atomically((tx) => completeJob(tx, context, job));
    return;
  }
  const previous = await deps.urls.get(job.key);
  const at = new Date(deps.now()).toISOString();
  let found: string[];
  let httpStatus: number;
  try {
    const resource = await deps.fetcher(site.url);
    httpStatus = resource.status;
    found = await siteListings(deps.fetcher, resource.url, decodePage(resource.body, resource.headers["content-type"]));
  } catch (error) {
    const failure = describeFailure(error);
    context.emit({ type: "failed", url: job.url, job: job.kind, reason: failure.reason, message: `${failure.message}; reading the listings found before`, retryAt: null });
    await queueListings(context, job, site, site.listings, {
      ...(previous ?? freshState(job, at)),
      status: "failed",
      reason: `${failure.reason}: ${failure.message}`,
      httpStatus: error instanceof FetchError ? error.status : null,
      updatedAt: at,
    });
    return;
  }
  const listings = found.length > 0 ? found : site.listings;
  await queueListings(context, job, site, listings, { ...freshState(job, at), status: "listed", httpStatus, fetchedAt: at });
  context.emit({ type: "discovered", url: job.url, listings });
}

async function queueListings(context: JobContext, job: Job, site: WatchedSite, listings: readonly string[], state: UrlState): Promise<void> {
  const { deps } = context;
  const jobs: NewJob[] = [];
  for (const url of listings) {
    const key = urlKey(url);
    const known = await deps.urls.get(key);
    if (known !== null && known.updatedAt >= context.passStartedAt) continue;
    jobs.push({ kind: "listing", url, key, siteId: site.id });
  }
  await deps.atomically(async (tx) => {
    if (listings !== site.listings) await tx.watchlist.setListings(site.id, listings);
    await tx.queue.enqueue(jobs, { again: true });
    await tx.urls.put(state);
    await completeJob(tx, context, job);
  });
}

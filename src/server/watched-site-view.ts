import type { UrlState, UrlStatus } from "../monitor/url-states.ts";
import type { WatchedSite } from "../monitor/watchlist.ts";
import type { WatchStores } from "./app-stores.ts";
import { formatDuration } from "../monitor/duration.ts";

/** URL states of a site the monitor is finished with for now: read, checked, or known to need no fetch. */
const DONE: readonly UrlStatus[] = Object.freeze(["checked", "listed", "unchanged", "duplicate", "gone"]);

/** URL states whose last attempt failed: for good, or with a retry scheduled. */
export const FAILED: readonly UrlStatus[] = Object.freeze(["failed", "retrying"]);

/** A watched site as the API shows it: the watchlist's record, its interval in words, and how its URLs fared. */
export interface WatchedSiteView extends WatchedSite {
  /** `intervalMs` as `watch add --interval` takes it: `1h`, `30m`. */
  interval: string;
  /** The site's URLs (its home page, listings and pages) per status, as `copyquota watch list --json` gives them. */
  urls: Record<UrlStatus, number>;
  counts: {
    /** URLs the monitor is done with: checked, listed, unchanged, duplicates, gone. */
    done: number;
    /** URLs whose last attempt failed (`urls.retrying` of them will be tried again). */
    failed: number;
    /** The site's jobs waiting in the queue or in a worker's hands. */
    queued: number;
  };
}

/** A URL that failed, as the API shows it: where, why (a reason word, then detail), and when. */
export interface WatchFailureView {
  url: string;
  role: UrlState["role"];
  status: UrlStatus;
  reason: string | null;
  httpStatus: number | null;
  updatedAt: string;
}

/**
 * Views of the given sites. The queue is read once for all of them (its per-site counts come from one
 * statement), the URL states once per site (an indexed count).
 */
export async function watchedSiteViews(stores: WatchStores, sites: readonly WatchedSite[]): Promise<WatchedSiteView[]> {
  const queued = await stores.queue.queuedPerSite();
  return Promise.all(
    sites.map(async (site) => {
      const urls = await stores.urls.counts(site.id);
      const sum = (statuses: readonly UrlStatus[]) => statuses.reduce((total, status) => total + urls[status], 0);
      return {
        ...site,
        interval: formatDuration(site.intervalMs),
        urls,
        counts: { done: sum(DONE), failed: sum(FAILED), queued: queued.get(site.id) ?? 0 },
      };
    }),
  );
}

export function failureView(state: UrlState): WatchFailureView {
  return { url: state.url, role: state.role, status: state.status, reason: state.reason, httpStatus: state.httpStatus, updatedAt: state.updatedAt };
}

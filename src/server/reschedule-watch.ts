import type { WatchedSite } from "../monitor/watchlist.ts";
import type { WatchStores } from "./app-stores.ts";

/**
 * Changes how often a watched site is read, without fetching it again: the site keeps its URL, kind,
 * listings, date cut-off and last pass, and is next due one new interval after its last pass (at once when
 * that is past, or when it was never read).
 *
 * The watchlist has no method for the interval alone, so this is two of its writes in one transaction:
 * `add` with the site as it is but the new interval (which also makes it due now), then `markPassed` with
 * its own last pass, which dates the next pass from it. A worker that read the site before and marks its pass
 * after finds the schedule changed and leaves it (see `Watchlist.markPassed`).
 * @returns the site as rescheduled, or null when no site has this id.
 */
export async function rescheduleWatch(stores: WatchStores, id: number, intervalMs: number, now: number): Promise<WatchedSite | null> {
  return stores.atomically(async (tx) => {
    const site = await tx.watchlist.get(id);
    if (site === null) return null;
    const at = new Date(now).toISOString();
    // The site as `add` left it, not as read: a worker may have passed it in between, and its last pass stays.
    const { site: added } = await tx.watchlist.add({ url: site.url, kind: site.kind, listings: site.listings, intervalMs, since: site.since }, at);
    if (added.lastPassAt !== null) {
      // A next pass dated in the past is due at once: the watchlist's `due` takes every site due by now. The
      // compare-and-set cannot fail: `add` wrote the row in this unit of work, which holds it until it commits.
      await tx.watchlist.markPassed(added, added.lastPassAt, new Date(Date.parse(added.lastPassAt) + intervalMs).toISOString());
    }
    return tx.watchlist.get(id);
  });
}

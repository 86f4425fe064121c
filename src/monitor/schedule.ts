import { OPEN_STATUSES } from "../cases/case.ts";
import type { NewJob } from "./job-queue.ts";
import type { MonitorDeps } from "./monitor-deps.ts";
import type { WatchedSite } from "./watchlist.ts";
import { urlKey } from "./url-key.ts";
import { isNeverResolvable } from "../core/links/reserved-host.ts";

/** Open cases read per page while looking for those due: bounded memory however many are open. */
const CASES_PAGE = 500;

/**
 * Queues what is due at `deps.now()`: for each site whose pass is due, its discovery (a site) or its listing
 * (a feed or sitemap), moving the site's next pass one interval on in the same transaction (unless its schedule
 * changed since it was read as due); and a re-check
 * of each open case's page last seen — and last tried — more than `recheckAfterMs` ago (one job per page,
 * however many of its cases are open).
 * @returns the sites whose pass this call started, and how many re-checks were queued.
 */
export async function scheduleDue(deps: MonitorDeps, options: { recheckAfterMs: number }): Promise<{ sites: WatchedSite[]; rechecksQueued: number }> {
  const now = deps.now();
  const at = new Date(now).toISOString();
  const sites: WatchedSite[] = [];
  for (const site of await deps.watchlist.due(at)) {
    const jobs: NewJob[] =
      site.kind === "site"
        ? [{ kind: "discover", url: site.url, key: urlKey(site.url), siteId: site.id }]
        : site.listings.map((url) => ({ kind: "listing", url, key: urlKey(url), siteId: site.id }));
    const passed = await deps.atomically(async (tx) => {
      // The site was read outside this unit of work: if its schedule changed since (another worker passed it, a
      // person rescheduled it or made it due now), that decision stands and this pass leaves the site alone;
      // a site made due is due at the next look.
      if (!(await tx.watchlist.markPassed(site, at, new Date(now + site.intervalMs).toISOString()))) return false;
      await tx.queue.enqueue(jobs, { again: true });
      return true;
    });
    if (passed) sites.push(site);
  }

  const stale = new Date(now - options.recheckAfterMs).toISOString();
  const rechecks = new Map<string, NewJob>();
  for (let offset = 0; ; offset += CASES_PAGE) {
    // A case first seen after `stale` was seen since; only older ones can be due.
    const { items } = await deps.cases.listCases({ status: [...OPEN_STATUSES], until: stale }, { limit: CASES_PAGE, offset });
    for (const openCase of items) {
      const url = openCase.candidate.url;
      if (openCase.lastSeen > stale || !/^https?:\/\//i.test(url) || isNeverResolvable(url)) continue;
      const key = urlKey(url);
      if (rechecks.has(key)) continue;
      const tried = await deps.urls.get(key);
      if (tried !== null && tried.updatedAt > stale) continue;
      rechecks.set(key, { kind: "recheck", url, key, siteId: tried?.siteId ?? null });
    }
    if (items.length < CASES_PAGE) break;
  }
  const rechecksQueued = await deps.atomically((tx) => tx.queue.enqueue([...rechecks.values()], { again: true }));
  return { sites, rechecksQueued };
}

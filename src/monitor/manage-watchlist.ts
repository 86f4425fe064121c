import type { IsoDate } from "../core/types.ts";
import type { MonitorDeps } from "./monitor-deps.ts";
import type { WatchedSite } from "./watchlist.ts";
import { examineWatchTarget } from "./examine.ts";

/**
 * A new site is read every hour: news sites publish many items a day and feeds keep only the last 20–50, so
 * hourly passes do not miss items of a busy site, while a conditional GET of an unchanged feed costs a 304.
 */
export const DEFAULT_INTERVAL_MS = 3_600_000;

/**
 * The longest time between passes: feeds keep only their latest items, so a site read less often than
 * monthly loses items between passes; and a schedule far in the future (a typo like 99999999d) would not
 * even be a valid date.
 */
export const MAX_INTERVAL_MS = 30 * 86_400_000;

/** A watch request that cannot be carried out; the message names the URL and the problem. */
export class WatchError extends Error {
  override readonly name = "WatchError";
}

/**
 * Starts watching a site, feed or sitemap: fetches it, tells which it is, discovers a site's feeds and
 * sitemaps, and stores it, due at once. Watching a URL again updates its schedule and listings.
 * @throws WatchError for a URL that is not http(s) or a site announcing no feed or sitemap; FetchError when
 *   it cannot be fetched (refused as private, disallowed by robots.txt…); ListingError for a non-listing.
 */
export async function addWatch(
  deps: Pick<MonitorDeps, "fetcher" | "now" | "atomically">,
  url: string,
  options: { intervalMs?: number; since?: IsoDate } = {},
): Promise<{ site: WatchedSite; replaced: boolean }> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new WatchError(`${url}: not an absolute URL (write e.g. https://news.example/)`);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw new WatchError(`${url}: only http and https URLs can be watched`);
  const intervalMs = options.intervalMs ?? DEFAULT_INTERVAL_MS;
  if (!(intervalMs >= 1000 && intervalMs <= MAX_INTERVAL_MS)) {
    throw new WatchError(`${url}: the interval between passes must be from 1 s to 30 days, got ${intervalMs} ms`);
  }
  const target = await examineWatchTarget(parsed.href, deps.fetcher);
  if (target.listings.length === 0) {
    throw new WatchError(`${url}: the site announces no feed (<link rel="alternate">) and its robots.txt names no sitemap; watch a feed or sitemap URL instead`);
  }
  const at = new Date(deps.now()).toISOString();
  const watch = { url: parsed.href, kind: target.kind, listings: target.listings, intervalMs, since: options.since ?? null };
  return deps.atomically((tx) => tx.watchlist.add(watch, at));
}

/** Stops watching a site (by id or URL) and drops its queued jobs; null when no site matched. */
export async function removeWatch(deps: Pick<MonitorDeps, "atomically">, idOrUrl: number | string): Promise<WatchedSite | null> {
  return deps.atomically(async (tx) => {
    const site = await tx.watchlist.remove(idOrUrl);
    if (site !== null) await tx.queue.cancelSite(site.id);
    return site;
  });
}

/**
 * Makes a watched site due now ("check now"): its next pass moves to `now`; its URL, listings, interval and
 * last pass stay. The watchlist's `add` of the site as it is does exactly that.
 * @returns the site, or null when no site has this id.
 */
export async function makeDueNow(deps: Pick<MonitorDeps, "now" | "atomically">, id: number): Promise<WatchedSite | null> {
  return deps.atomically(async (tx) => {
    const site = await tx.watchlist.get(id);
    if (site === null) return null;
    const { url, kind, listings, intervalMs, since } = site;
    return (await tx.watchlist.add({ url, kind, listings, intervalMs, since }, new Date(deps.now()).toISOString())).site;
  });
}

import { looksLikeHtml } from "../core/extract/html.ts";
import { decodePage } from "./decode-page.ts";
import type { Fetcher } from "../io/fetch/fetcher.ts";
import type { WatchKind } from "./watchlist.ts";
import { feedLinks, robotsSitemaps } from "./discover.ts";
import { parseListing } from "./listing.ts";
import { xmlRootName } from "../io/inputs/sniff-kind.ts";

/** What a URL given to `watch add` turned out to be, and the listings to read for it. */
export interface WatchTarget {
  kind: WatchKind;
  /** For a site: the feeds and sitemaps it announces; for a feed or sitemap: itself. */
  listings: string[];
}

/**
 * Fetches a URL and tells what it is by its content: an HTML page is a site (its feeds and sitemaps are
 * discovered), an RSS/Atom/JSON feed a feed, a urlset or sitemap index a sitemap.
 * @throws FetchError when it cannot be fetched; ListingError when it is neither a page nor a listing.
 */
export async function examineWatchTarget(url: string, fetch: Fetcher): Promise<WatchTarget> {
  const resource = await fetch(url);
  const text = decodePage(resource.body, resource.headers["content-type"]);
  if (looksLikeHtml(text)) return { kind: "site", listings: await siteListings(fetch, resource.url, text) };
  // Judged by the root element alone: a feed that is malformed today is still the feed to watch, and each
  // pass records whether it could be read.
  const root = xmlRootName(text.replace(/^\uFEFF/, "").trimStart())?.toLowerCase();
  if (root === "rss" || root === "rdf:rdf" || root === "feed") return { kind: "feed", listings: [url] };
  if (root === "urlset" || root === "sitemapindex") return { kind: "sitemap", listings: [url] };
  const listing = parseListing(text, resource.url);
  return { kind: listing.kind === "feed" ? "feed" : "sitemap", listings: [url] };
}

/**
 * The feeds a site's page announces (`<link rel="alternate">`) and the sitemaps its robots.txt names
 * (`Sitemap:` lines); a robots.txt that cannot be read names none.
 */
export async function siteListings(fetch: Fetcher, pageUrl: string, html: string): Promise<string[]> {
  const robotsUrl = new URL("/robots.txt", pageUrl).href;
  let sitemaps: string[] = [];
  try {
    const robots = await fetch(robotsUrl);
    sitemaps = robotsSitemaps(decodePage(robots.body, robots.headers["content-type"]), robots.url);
  } catch {
    // No robots.txt (404), or one we may not read: the site names no sitemaps; its feeds may still do.
  }
  return [...new Set([...feedLinks(html, pageUrl), ...sitemaps])];
}

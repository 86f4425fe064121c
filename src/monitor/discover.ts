import { parseDocument } from "../core/extract/parse-document.ts";

/**
 * Where a site lists its items: feeds announced in its home page, sitemaps announced in its robots.txt.
 * Both are the conventions sites use to tell crawlers what they publish, so following them finds new
 * articles without crawling the site's link graph.
 */

/** Media types of `<link rel="alternate">` that announce a feed (RSS, Atom, JSON Feed, and RDF for RSS 1.0). */
const FEED_TYPES: ReadonlySet<string> = new Set([
  "application/rss+xml",
  "application/atom+xml",
  "application/rdf+xml",
  "application/feed+json",
  "application/json",
  "text/xml",
  "application/xml",
]);

/** Absolute http(s) URLs of the feeds a page announces with `<link rel="alternate" type="…">`, in page order. */
export function feedLinks(html: string, pageUrl: string): string[] {
  const doc = parseDocument(html);
  const base = doc.querySelector("base[href]")?.getAttribute("href") ?? null;
  const baseUrl = absolute(base ?? pageUrl, pageUrl) ?? pageUrl;
  const found: string[] = [];
  for (const link of doc.querySelectorAll("link[rel][href]")) {
    const rel = (link.getAttribute("rel") ?? "").toLowerCase().split(/\s+/);
    const type = (link.getAttribute("type") ?? "").toLowerCase().split(";")[0]!.trim();
    if (!rel.includes("alternate") || !FEED_TYPES.has(type)) continue;
    const url = absolute(link.getAttribute("href") ?? "", baseUrl);
    if (url !== null && !found.includes(url)) found.push(url);
  }
  return found;
}

/** Absolute http(s) URLs of the `Sitemap:` lines of a robots.txt (the field name is case-insensitive). */
export function robotsSitemaps(robotsTxt: string, robotsUrl: string): string[] {
  const found: string[] = [];
  for (const line of robotsTxt.split(/\r\n|\r|\n/)) {
    const match = /^\s*sitemap\s*:\s*(\S+)/i.exec(line);
    const url = match ? absolute(match[1]!, robotsUrl) : null;
    if (url !== null && !found.includes(url)) found.push(url);
  }
  return found;
}

function absolute(href: string, base: string): string | null {
  try {
    const url = new URL(href.trim(), base);
    if (url.protocol !== "http:" && url.protocol !== "https:") return null;
    url.hash = "";
    return url.href;
  } catch {
    return null;
  }
}

import { normalizeUrl, registrableDomain } from "../core/links/normalize-url.ts";

/**
 * The key the monitor files a URL under: its normalized form, so `?utm_source=rss`, `www.`, `m.`, AMP hosts
 * and `http:` versus `https:` spellings of one page share a queue job and a state (and, since the case store
 * keys candidates the same way, its cases).
 */
export function urlKey(url: string): string {
  return normalizeUrl(url) ?? url;
}

/**
 * The key of a page's canonical URL when it can stand for the page: on the page's own registrable domain (a
 * page naming another site's article as canonical — a republisher pointing at the original — is not that
 * article) and not the site's root (CMSs misconfigured to name the home page as every page's canonical
 * would otherwise make every article a duplicate of one). Null when it cannot.
 */
export function canonicalKeyOf(canonicalUrl: string | null, pageUrl: string): string | null {
  if (canonicalUrl === null) return null;
  const key = normalizeUrl(canonicalUrl);
  if (key === null || new URL(key).pathname === "/") return null;
  const domain = registrableDomain(pageUrl);
  return domain !== null && registrableDomain(key) === domain ? key : null;
}

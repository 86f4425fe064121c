import { normalizeHost, normalizeUrl, registrableDomain } from "../core/links/normalize-url.ts";

/**
 * How a candidate page is identified across checks: its normalized URL (so `?utm_source=…`, `www.` or an AMP
 * variant of the same page do not open a second case) and the domain its cases are grouped under.
 */
export function candidateKey(url: string): { url: string; domain: string } {
  const normalized = normalizeUrl(url) ?? url;
  return { url: normalized, domain: registrableDomain(normalized) ?? normalizeHost(normalized) ?? normalized };
}

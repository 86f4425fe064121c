import { registrableDomain } from "../core/links/normalize-url.ts";

/**
 * What a case listing's domain filter asks for. Cases are grouped under the candidate's registrable domain, so
 * a domain, a host on it or a URL (`www.reposter.kz`, `news.reposter.kz`, `https://reposter.kz/a`) asks for
 * that domain's cases; text that names no domain (`reposter`, `kz`) asks for the domains containing it, as
 * one types part of a name into a search box.
 */
export type DomainFilter = { domain: string } | { part: string };

export function domainFilter(text: string): DomainFilter {
  const domain = registrableDomain(text);
  return domain !== null ? { domain } : { part: text.trim().toLowerCase() };
}

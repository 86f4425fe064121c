import { isWithinDomain, registrableDomain } from "../links/normalize-url.ts";

/**
 * The registrable domains that are the publisher's own: those the policy names (`publisherDomains`: mirrors,
 * old domains, another edition) and those of the publisher's own sources. A domain the policy names at a
 * subdomain (`news.kapital.kz`) stands for its registrable domain: a site is owned at that level, and the
 * publisher's `www.`, `m.` and regional hosts are all its pages. Reference sources (press releases, agency
 * wires) are not the publisher's, so their domains are left out by the caller.
 */
export function publisherDomains(policyDomains: readonly string[], ownSourceUrls: Iterable<string>): ReadonlySet<string> {
  const domains = new Set<string>();
  for (const urlOrHost of [...policyDomains, ...ownSourceUrls]) {
    const domain = registrableDomain(urlOrHost);
    if (domain !== null) domains.add(domain);
  }
  return domains;
}

/** Whether a page is on one of the publisher's domains or their subdomains (`www.` included). */
export function isPublisherPage(url: string, domains: ReadonlySet<string>): boolean {
  for (const domain of domains) if (isWithinDomain(url, domain)) return true;
  return false;
}

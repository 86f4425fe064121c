import type { LinkFinding, PageLink, Violation } from "../types.ts";
import type { Policy } from "../policy/policy.ts";
import { isWithinDomain, normalizeUrl, registrableDomain } from "./normalize-url.ts";

/** The part of a policy that says what link back a reuser owes. */
export type LinkRule = Policy["link"];

type Target = NonNullable<LinkFinding["target"]>;

interface Attribution {
  link: PageLink;
  target: Target;
}

/**
 * The candidate page's best link back to the source: to the article itself (`article`) or to any page of the
 * source's registrable domain or of `publisherDomains` (`domain`). Only links in the main content count:
 * a publisher's name in a site-wide "partners" footer attributes no particular article.
 *
 * Best means, in order: visible over hidden (a hidden link attributes nothing to a reader, so a visible
 * link to the domain beats a hidden one to the article); to the article over to the domain; indexable (no
 * nofollow, not in `<noindex>`) over not; then the first in the page. When `rule` is given, links that
 * satisfy it come first of all: with a rule asking for any indexable link, a nofollow link to the article
 * must not hide an indexable link to the domain.
 */
export function findAttribution(
  links: readonly PageLink[],
  sourceUrl: string,
  publisherDomains: readonly string[],
  rule?: LinkRule,
): LinkFinding {
  const article = normalizeUrl(sourceUrl);
  const sourceDomain = registrableDomain(sourceUrl);
  const targetOf = (href: string): Target | null => {
    const url = normalizeUrl(href);
    if (url === null) return null;
    if (url === article) return "article";
    if (sourceDomain !== null && registrableDomain(url) === sourceDomain) return "domain";
    return publisherDomains.some((domain) => isWithinDomain(url, domain)) ? "domain" : null;
  };

  let best: { attribution: Attribution; rank: number[] } | null = null;
  for (const link of links) {
    if (!link.mainContent) continue;
    const target = targetOf(link.href);
    if (target === null) continue;
    const attribution = { link, target };
    const rank = rankOf(attribution, rule);
    if (best === null || outranks(rank, best.rank)) best = { attribution, rank };
  }
  return best === null ? noLink() : toFinding(best.attribution);
}

/**
 * Why a finding fails a link rule; empty when it satisfies it. The rule binds only when a link is required:
 * a policy that asks for no link cannot be broken by a weak one. A hidden link is no link (`missing_link`).
 */
export function linkRuleViolations(finding: LinkFinding, rule: LinkRule): Violation[] {
  if (!rule.required) return [];
  if (!finding.present || finding.hidden) return ["missing_link"];
  const violations: Violation[] = [];
  if (rule.target === "article" && finding.target !== "article") violations.push("link_not_to_article");
  if (rule.indexable && (finding.nofollow || finding.noindex)) violations.push("link_not_indexable");
  return violations;
}

/** Ranking key, compared element by element, higher first. */
function rankOf(attribution: Attribution, rule: LinkRule | undefined): number[] {
  const { link, target } = attribution;
  const rank = [Number(!link.hidden), Number(target === "article"), Number(!link.nofollow && !link.noindex)];
  return rule === undefined ? rank : [Number(linkRuleViolations(toFinding(attribution), rule).length === 0), ...rank];
}

function outranks(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) return a[i]! > b[i]!;
  }
  return false;
}

function toFinding({ link, target }: Attribution): LinkFinding {
  return { present: true, href: link.href, target, nofollow: link.nofollow, noindex: link.noindex, hidden: link.hidden };
}

function noLink(): LinkFinding {
  return { present: false, href: null, target: null, nofollow: false, noindex: false, hidden: false };
}

import type { LinkVariant } from "./page.ts";

/**
 * What a correct engine must report for a page, derived from how the page was built and from the suite's
 * policy (see `SUITE_POLICY_JSON`), written independently of the engine's policy code.
 */

/** The suite's policy: the seed outlet's 30% cap and article link, plus an indexable link and two licenses. */
export const SUITE_POLICY_JSON = {
  maxShare: "30%",
  link: { required: true, target: "article", indexable: true },
  licenses: [
    { domain: "partner-media.example", lifts: ["cap"] },
    { domain: "old-partner.example", until: "2005-12-31", lifts: ["cap", "link"] },
  ],
} as const;

const MAX_SHARE = 0.3;

/**
 * The verdict for the source article alone (`no_reuse` when nothing of it counts). The suite's pages are on
 * reusers' domains, so `own_page` is never expected; it is here because the engine can answer it.
 */
export type SourceVerdict = "violation" | "compliant" | "licensed" | "predates_source" | "own_page" | "no_reuse";

export interface ExpectedLink {
  present: boolean;
  target: "article" | "domain" | null;
  nofollow: boolean;
  noindex: boolean;
}

/** Only links in the article's main content attribute it; the footer's partner list does not. */
export function expectedLink(variant: LinkVariant): ExpectedLink {
  switch (variant) {
    case "none":
    case "footer":
      return { present: false, target: null, nofollow: false, noindex: false };
    case "domain":
      return { present: true, target: "domain", nofollow: false, noindex: false };
    case "nofollow":
      return { present: true, target: "article", nofollow: true, noindex: false };
    case "noindex":
      return { present: true, target: "article", nofollow: false, noindex: true };
    case "article":
    case "utm":
      // Tracking parameters do not change which article a link points to.
      return { present: true, target: "article", nofollow: false, noindex: false };
  }
}

export interface VerdictFacts {
  share: number;
  reusedChars: number;
  link: ExpectedLink;
  predates: boolean;
  /** The page's site holds a license lifting the cap. */
  capLicensed: boolean;
}

export function expectedVerdict(f: VerdictFacts): SourceVerdict {
  if (f.reusedChars <= 0) return "no_reuse";
  if (f.predates) return "predates_source";
  const overCap = f.share > MAX_SHARE;
  const linkBroken = !f.link.present || f.link.target !== "article" || f.link.nofollow || f.link.noindex;
  if (!overCap && !linkBroken) return "compliant";
  if (linkBroken || !f.capLicensed) return "violation";
  return "licensed";
}

import type { IsoDate, LinkTarget, ReuseCap } from "../types.ts";

/** What a license lifts for the licensee: the share/character cap, the link rule. */
export const LICENSE_LIFTS = ["cap", "link"] as const;
export type LicenseLift = (typeof LICENSE_LIFTS)[number];

/** Permission the publisher granted one reuser's domain. */
export interface License {
  /** The reuser's registrable domain; subdomains are covered too. */
  domain: string;
  /** First day the license holds (inclusive); null = since always. */
  from: IsoDate;
  /** Last day the license holds (inclusive); null = no end. */
  until: IsoDate;
  /** URL prefixes of the publisher's articles it covers; empty = all articles. */
  articles: string[];
  /** What it lifts: the share/character cap, the link rule, or both. */
  lifts: LicenseLift[];
}

/** A publisher's reuse policy, validated (see `schema.ts` for the JSON form and defaults). */
export interface Policy extends ReuseCap {
  /**
   * Source characters a passage must span to count: a shorter one (a sentence quoted in passing) is ignored,
   * as if not found, so it neither adds to the share nor opens a case for a missing link. 0 counts every one.
   */
  minPassageChars: number;
  link: {
    required: boolean;
    /** `article`: the link must point to the reused article; `domain`: any page of the publisher will do. */
    target: LinkTarget;
    /** A nofollow/ugc/sponsored link or one inside `<noindex>` does not count. */
    indexable: boolean;
  };
  licenses: License[];
  /** Third parties' words the source quotes (in «…» or "…") do not count as reuse of the publisher's text. */
  excludeQuotations: boolean;
  /** Extra domains that belong to the publisher (mirrors, old domains); the sources' own domains always do. */
  publisherDomains: string[];
  /** Days the notice gives the violator to fix the reuse. */
  fixDeadlineDays: number;
}

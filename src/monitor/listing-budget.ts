import { MAX_INDEX_DEPTH, MAX_SITEMAPS } from "../io/sitemap-limits.ts";

/** Why a sitemap named in a sitemap index is not read in this pass: a word for the URL's state, and the detail. */
export interface ListingRefusal {
  reason: "sitemap_too_deep" | "sitemap_cap";
  message: string;
}

/**
 * What one pass may still read through sitemap indexes, with the limits `sources add` applies to one input:
 * indexes nested at most `MAX_INDEX_DEPTH` deep below the site's own listings, and at most `MAX_SITEMAPS`
 * sitemaps queued from indexes per site. Without them an index that names a new index on every read
 * (`/idx/N.xml → /idx/N+1.xml`) kept a pass, and every pass and re-check waiting behind it, going for good.
 *
 * Kept in memory for the pass: a pass resumed after its process was killed counts afresh, so it reads at
 * most these limits again, never without end.
 */
export class ListingBudget {
  /** Listing key → how many indexes lie between it and the site's own listings (which are at depth 0). */
  private readonly depths = new Map<string, number>();
  /** Site → sitemaps queued from its indexes in this pass. */
  private readonly queued = new Map<number | null, number>();

  /**
   * Takes a place for the sitemap `child` (key `childKey`) named by the index `parentKey` of site `siteId`, or
   * says why there is none.
   */
  admit(siteId: number | null, parentKey: string, child: string, childKey: string): ListingRefusal | null {
    const depth = (this.depths.get(parentKey) ?? 0) + 1;
    if (depth > MAX_INDEX_DEPTH) {
      return { reason: "sitemap_too_deep", message: `${child} is nested deeper than ${MAX_INDEX_DEPTH} sitemap indexes; not read` };
    }
    const count = this.queued.get(siteId) ?? 0;
    if (count >= MAX_SITEMAPS) {
      return { reason: "sitemap_cap", message: `${child} not read: the site's indexes reached the cap of ${MAX_SITEMAPS} sitemaps in this pass` };
    }
    this.queued.set(siteId, count + 1);
    this.depths.set(childKey, Math.min(depth, this.depths.get(childKey) ?? depth));
    return null;
  }
}

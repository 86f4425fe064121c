/**
 * How far CopyQuota follows sitemap indexes, whoever reads them: `sources add` (src/io/inputs/sitemap.ts) for
 * one input, the monitor (src/monitor/listing-budget.ts) for one site in one pass.
 */

/**
 * The protocol lets an index list only sitemaps, not other indexes; one extra level tolerates sites that
 * nest them anyway, and the cap stops a loop of indexes listing each other.
 */
export const MAX_INDEX_DEPTH = 2;

/** Sitemaps read from one input (or one site's pass) at most: a large publisher splits its archive into a few hundred. */
export const MAX_SITEMAPS = 1000;

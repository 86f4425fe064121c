import { measurePageShape } from "./page-shape.ts";
import { PageRefusedError } from "./page-refused.ts";

/**
 * The deepest nesting of elements read. Real pages stay far below: the deepest of the 25 real pages in the
 * test fixtures and the evaluation data (news sites, Wikipedia, IMDb, blogs) nests 29 levels, and
 * Lighthouse already flags 32 as excessive. Extraction's cost grows steeply with depth: a chain of 256
 * `<div>`s reads in ~0.6 s, 512 in ~4 s and 2,000 in ~160 s (issue 13), so the cap sits where a page still
 * reads in about a second on a loaded core.
 */
export const MAX_PAGE_DEPTH = 256;

/**
 * The most elements a page may make. The largest real page measured (a 654 KB Wikipedia article) makes
 * 9,643, five times fewer; Lighthouse flags 1,400. Extraction costs ~60 µs an element (50,000 in ~3 s on
 * a loaded core), so the cap also bounds the time a page within the depth cap can take.
 */
export const MAX_PAGE_ELEMENTS = 50_000;

/**
 * How long reading one page may take in its thread before the thread is stopped (a new thread's start is not
 * counted). The budget is wall-clock time, so it must hold on a busy machine: on this 2-core machine at a load
 * of 13–14 the largest real page measured (654 KB, 9,643 elements) read in 4.5–9.4 s, and a page of 40 chains
 * 250 deep, within both caps, passed 10 s at a load of 18. Thirty seconds keeps three times the real page's
 * worst, and still frees a thread a hostile page would otherwise hold (2,000 nested `<div>`s: 160 s).
 */
export const PAGE_TIME_BUDGET_MS = 30_000;

/**
 * Refuses a page that nests deeper than `MAX_PAGE_DEPTH` or makes more than `MAX_PAGE_ELEMENTS` elements,
 * measured from its tags in one linear pass, before it is parsed.
 * @throws PageRefusedError naming the limit and the page's figure.
 */
export function assertPageBounds(html: string): void {
  const { depth, elements } = measurePageShape(html);
  if (depth > MAX_PAGE_DEPTH) {
    throw new PageRefusedError("too_deep", `nesting depth ${count(depth)} exceeds the limit of ${count(MAX_PAGE_DEPTH)}`);
  }
  if (elements > MAX_PAGE_ELEMENTS) {
    throw new PageRefusedError("too_many_elements", `element count ${count(elements)} exceeds the limit of ${count(MAX_PAGE_ELEMENTS)}`);
  }
}

function count(value: number): string {
  return value.toLocaleString("en-US");
}

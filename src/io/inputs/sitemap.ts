import { XMLParser, XMLValidator } from "fast-xml-parser";
import { resolveHttpUrl } from "../../core/extract/metadata.ts";
import type { Fetcher } from "../fetch/fetcher.ts";
import { mapAhead } from "./ahead.ts";
import { asFailure, InputError } from "./input-error.ts";
import type { PageLoader } from "./feed.ts";
import { fetchInput } from "./read-input.ts";
import type { RawInput } from "./read-input.ts";
import { sniffKind } from "./sniff-kind.ts";
import type { InputFailure, InputItem } from "./types.ts";
import { MAX_INDEX_DEPTH, MAX_SITEMAPS } from "../sitemap-limits.ts";

/** Pages loaded from one input at most: the protocol's limit for a single sitemap, 50,000 URLs. */
const MAX_PAGES = 50_000;
/** Pages fetched at once; see `mapAhead`. The fetcher paces each host itself. */
const FETCH_WIDTH = 4;

const parser = new XMLParser({
  removeNSPrefix: true,
  parseTagValue: false,
  isArray: (name) => name === "url" || name === "sitemap",
});

interface Budget {
  sitemaps: number;
  pages: Set<string>;
  /** Page URLs skipped once the page cap was reached. */
  skipped: number;
}

/**
 * Documents from a sitemap: each `<url><loc>` page is fetched and extracted; a sitemap index is followed
 * into its sitemaps. A malformed sitemap fails as a whole; a page or child sitemap that cannot be loaded
 * becomes an `InputFailure`, and so does reaching the caps.
 */
export async function* sitemapDocuments(
  raw: RawInput,
  options: { fetch?: Fetcher; loadPage: PageLoader },
): AsyncGenerator<InputItem> {
  const budget: Budget = { sitemaps: 1, pages: new Set(), skipped: 0 };
  const entries = pageUrls(raw, 0, budget, options.fetch);
  yield* mapAhead(entries, FETCH_WIDTH, async (entry): Promise<InputItem> => {
    if (typeof entry !== "string") return entry;
    try {
      return await options.loadPage(entry, {});
    } catch (error) {
      return asFailure(entry, error);
    }
  });
  if (budget.skipped > 0) {
    yield asFailure(raw.origin, new InputError(raw.origin, `lists more than ${MAX_PAGES} pages; ${budget.skipped} were skipped`));
  }
}

/**
 * The page URLs of a sitemap, depth first through indexes, each once, with failures of child sitemaps in
 * between. Reading `raw` itself throws when it is malformed.
 */
async function* pageUrls(
  raw: RawInput,
  depth: number,
  budget: Budget,
  fetch: Fetcher | undefined,
): AsyncGenerator<string | InputFailure> {
  const { urls, children } = readSitemap(raw);
  for (const loc of urls) {
    if (budget.pages.has(loc)) continue;
    if (budget.pages.size >= MAX_PAGES) {
      budget.skipped++;
      continue;
    }
    budget.pages.add(loc);
    yield loc;
  }
  for (const loc of children) {
    if (depth + 1 > MAX_INDEX_DEPTH) {
      yield asFailure(loc, new InputError(loc, `is nested deeper than ${MAX_INDEX_DEPTH} sitemap indexes; not read`));
      continue;
    }
    if (budget.sitemaps >= MAX_SITEMAPS) {
      yield asFailure(loc, new InputError(loc, `not read: ${raw.origin} reaches the cap of ${MAX_SITEMAPS} sitemaps`));
      continue;
    }
    budget.sitemaps++;
    try {
      const child = await fetchInput(loc, fetch);
      if (sniffKind(child.text, { contentType: child.contentType }) !== "sitemap") {
        throw new InputError(loc, "is listed in a sitemap index but is not a sitemap");
      }
      yield* pageUrls(child, depth + 1, budget, fetch);
    } catch (error) {
      // A child sitemap fails alone; only the sitemap the user named (read before this loop) fails as a whole.
      yield asFailure(loc, error);
    }
  }
}

/** The `<loc>`s of a `urlset` (pages) or a `sitemapindex` (child sitemaps), resolved against the sitemap's URL. */
function readSitemap(raw: RawInput): { urls: string[]; children: string[] } {
  const valid = XMLValidator.validate(raw.text);
  if (valid !== true) {
    throw new InputError(raw.origin, `is a malformed sitemap: ${valid.err.msg} (line ${valid.err.line}, column ${valid.err.col})`);
  }
  const xml = parser.parse(raw.text) as {
    urlset?: { url?: Array<{ loc?: unknown }> };
    sitemapindex?: { sitemap?: Array<{ loc?: unknown }> };
  };
  const locs = (entries: Array<{ loc?: unknown }> | undefined) =>
    (entries ?? [])
      .map((entry) => (typeof entry.loc === "string" ? resolveHttpUrl(entry.loc, raw.url) : null))
      .filter((url): url is string => url !== null);
  return { urls: locs(xml.urlset?.url), children: locs(xml.sitemapindex?.sitemap) };
}

import { Readability } from "@mozilla/readability";
import { protectText } from "../../src/core/boilerplate/protect.ts";
import { extractPage } from "../../src/core/extract/html.ts";
import { parseDocument } from "../../src/core/extract/parse-document.ts";
import { metadataOf, readGoldenPages, type GoldenPage } from "./extraction-golden.ts";
import { scoreTokens, type TokenScore } from "./extraction-score.ts";

/** One extractor's output on one golden page. */
export interface ExtractorOutcome {
  score: TokenScore;
  /** Characters of its text against the expected text's: `sourceChars` over the article's own length. */
  charRatio: number;
}

export interface ExtractionPageResult {
  name: string;
  ours: ExtractorOutcome;
  readability: ExtractorOutcome;
  /** Whether title, date and URL came out as `expected.json` says. */
  metadataOk: boolean;
  /** Why they do not, when that is known (`expected.json`'s `knownDifference`). */
  knownDifference: string | null;
}

export interface ExtractionRun {
  pages: ExtractionPageResult[];
}

/**
 * The protected text of a page as the engine computes it for a source or a candidate: `extractPage`, then the
 * built-in boilerplate patterns (a single page has no domain history, so no block recurs).
 */
export function protectedTextOf(html: string, pageUrl: string): string {
  return protectText(extractPage(html, pageUrl).text).protectedText;
}

/** The baseline: Readability's text of the page, whitespace collapsed, nothing removed after it. */
export function readabilityTextOf(html: string): string {
  const article = new Readability(parseDocument(html)).parse();
  return (article?.textContent ?? "").replace(/\s+/g, " ").trim();
}

/** Runs ours and the baseline over the golden pages. */
export function runExtraction(pages: readonly GoldenPage[] = readGoldenPages()): ExtractionRun {
  return {
    pages: pages.map((page) => {
      const extracted = extractPage(page.html, page.foundAt);
      const ours = protectText(extracted.text).protectedText;
      const baseline = readabilityTextOf(page.html);
      return {
        name: page.name,
        ours: outcome(ours, page.expectedText),
        readability: outcome(baseline, page.expectedText),
        metadataOk: JSON.stringify(metadataOf(extracted)) === JSON.stringify(metadataOf(page.expected)),
        knownDifference: page.expected.knownDifference ?? null,
      };
    }),
  };
}

function outcome(text: string, expected: string): ExtractorOutcome {
  return { score: scoreTokens(text, expected), charRatio: nonSpaceLength(text) / Math.max(1, nonSpaceLength(expected)) };
}

/** Characters other than whitespace: how long a text is whatever its paragraph breaks. */
function nonSpaceLength(text: string): number {
  return text.replace(/\s+/g, "").length;
}

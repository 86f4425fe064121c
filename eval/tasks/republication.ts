import type { LinkFinding, Match, TextDocument } from "../../src/core/types.ts";
import type { DetectionOptions } from "../../src/core/options.ts";
import { createEngine } from "../../src/engine/create-engine.ts";
import { parsePolicy } from "../../src/core/policy/schema.ts";
import { extractPage } from "../../src/core/extract/html.ts";
import { decodeBody } from "../../src/io/decode.ts";
import type { NewsArticle } from "../data/ru-news.ts";
import { openTempStore } from "../engine-harness.ts";
import { buildPage, planSuite, type GeneratedPage, type PlanOptions } from "../republication/generate.ts";
import { SUITE_POLICY_JSON, type ExpectedLink, type SourceVerdict } from "../republication/expected.ts";

/** One generated page and what the engine made of it. */
export interface PageOutcome {
  page: GeneratedPage;
  /** The engine's share of the source article (0 when it reported no match with it). */
  share: number;
  reusedChars: number;
  verdict: SourceVerdict;
  link: LinkFinding | null;
  /** Sources other than the page's own source and its reference document that the engine matched. */
  extraMatches: Array<{ url: string; share: number }>;
  /** Every excerpt paragraph survived extraction (folded comparison). */
  excerptExtracted: boolean;
  /** The publication date extraction read, compared to the page's. */
  dateExtracted: boolean;
}

export interface RepublicationRun {
  seed: number;
  sources: number;
  references: number;
  outcomes: PageOutcome[];
  indexMs: number;
  checkMs: number;
}

/** Default size: every target × obfuscation × link combination is covered at least once within 882 pages; 504 covers every obfuscation × link pair ten times. */
export const DEFAULT_PAGES = 504;
export const DEFAULT_SEED = 20240531;

/**
 * Generates the suite from the news samples, indexes the sources (and reference documents) in a temp
 * SQLite store, and checks every page as the CLI would: bytes → `decodeBody` → `extractPage` → `check`.
 */
export async function runRepublication(
  articles: readonly NewsArticle[],
  options: { seed?: number; pages?: number; detection?: Partial<DetectionOptions> } & Pick<PlanOptions, "referenceSources" | "isHost"> = {},
): Promise<RepublicationRun> {
  const seed = options.seed ?? DEFAULT_SEED;
  const plan = planSuite(articles, { seed, pages: options.pages ?? DEFAULT_PAGES, referenceSources: options.referenceSources, isHost: options.isHost });
  const policy = parsePolicy(SUITE_POLICY_JSON, "republication suite policy");
  const temp = openTempStore("republication");
  try {
    const engine = createEngine(temp.store, options.detection);
    let start = performance.now();
    for (const source of plan.sources) {
      await engine.addSource({ url: source.url, title: source.title, published: source.published, text: source.text, links: [] }, { reference: source.reference });
    }
    // Protected texts are read after everything is indexed: a block that became recurrent later changes them.
    const protectedText = new Map<string, string>();
    for (const source of plan.sources) protectedText.set(source.url, (await temp.store.getSource(source.url))!.protectedText);
    const indexMs = performance.now() - start;

    start = performance.now();
    const outcomes: PageOutcome[] = [];
    for (const spec of plan.specs) {
      const page = buildPage(spec, protectedText.get(spec.source.url)!, seed);
      const { text: html } = decodeBody(page.bytes, page.contentType);
      const extracted = extractPage(html, spec.url);
      const doc: TextDocument = { url: extracted.url ?? spec.url, title: extracted.title, published: extracted.published, text: extracted.text, links: extracted.links };
      const result = await engine.check(doc, policy);
      const match = result.matches.find((m) => m.source.url === spec.source.url) ?? null;
      const referenceUrl = `https://press-sluzhba.example/releases/${spec.source.id}`;
      const folded = fold(extracted.text);
      outcomes.push({
        page,
        share: match?.share ?? 0,
        reusedChars: match?.reusedChars ?? 0,
        verdict: sourceVerdict(match),
        link: match?.link ?? null,
        extraMatches: result.matches
          .filter((m) => m.source.url !== spec.source.url && m.source.url !== referenceUrl && m.reusedChars > 0)
          .map((m) => ({ url: m.source.url, share: m.share })),
        excerptExtracted: page.excerpt.every((p) => folded.includes(fold(p))),
        dateExtracted: extracted.published !== null && Date.parse(extracted.published) === Date.parse(spec.published),
      });
    }
    return { seed, sources: plan.sources.filter((s) => !s.reference).length, references: plan.sources.filter((s) => s.reference).length, outcomes, indexMs, checkMs: performance.now() - start };
  } finally {
    await temp.dispose();
  }
}

/** The engine's verdict on the page's own source, on the same scale as the expected one. */
function sourceVerdict(match: Match | null): SourceVerdict {
  if (!match || match.reusedChars <= 0) return "no_reuse";
  if (match.predatesSource) return "predates_source";
  return match.verdict;
}

export function linkCorrect(found: LinkFinding | null, expected: ExpectedLink): boolean {
  if (!found) return false;
  return found.present === expected.present && found.target === expected.target && found.nofollow === expected.nofollow && found.noindex === expected.noindex;
}

function fold(text: string): string {
  return text.toLowerCase().replace(/ё/g, "е").replace(/\s+/g, " ").trim();
}

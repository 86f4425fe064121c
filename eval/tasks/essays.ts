import type { Span, TextDocument } from "../../src/core/types.ts";
import { createEngine } from "../../src/engine/create-engine.ts";
import type { DetectionOptions } from "../../src/core/options.ts";
import { DEFAULT_POLICY } from "../../src/core/policy/schema.ts";
import { extractPage } from "../../src/core/extract/html.ts";
import { decodeBody } from "../../src/io/decode.ts";
import type { Essay, EssayFragment, RewriteLabel } from "../data/essays.ts";
import { openTempStore, type TempStore } from "../engine-harness.ts";
import { tokenize } from "../../src/core/text/tokenize.ts";
import { locate, type Located } from "../locate.ts";
import { fragmentFound, microScores, passagePrecision, type Annotation, type MicroScores } from "../measures/pan.ts";

/** Where a fragment's source sentence was found, from the raw page down to what the engine measures against. */
export type SourceTrace = "protected" | "boilerplate" | "not-extracted" | "not-in-page" | "no-source";

/** One source page as the engine indexed it. */
export interface IndexedPage {
  file: string;
  url: string;
  charset: string;
  extractedChars: number;
  protectedChars: number;
  protectedText: string;
}

export interface FragmentResult {
  fragment: EssayFragment;
  found: boolean;
  /** Characters of the fragment covered by passages (any source). */
  coveredChars: number;
  trace: SourceTrace;
  /** Where its source sentence sits in the source's protected text, when it does. */
  sourceSpan: Located | null;
  /** The engine matched the fragment's own source page at all (any passage). */
  sourceMatched: boolean;
  /** The fragment as a PAN case; null for the writer's own sentences. */
  annotation: Annotation | null;
  /** What the fragment still shares with its source sentence; null for the writer's own sentences. */
  overlap: WordOverlap | null;
}

export interface EssayRun {
  essay: Essay;
  pages: IndexedPage[];
  detections: Annotation[];
  cases: Annotation[];
  fragments: FragmentResult[];
  /** Candidate character spans of every passage (any source). */
  passageSpans: Array<{ start: number; end: number }>;
  ms: number;
}

/** A row of the per-label table: fragments carrying a label (or a group of labels). */
export interface LabelRow {
  label: string;
  fragments: number;
  found: number;
  recall: number;
  pan: MicroScores;
}

/** An essay's source pages indexed in a temporary store, ready to be checked with any alignment options. */
export interface IndexedEssay {
  essay: Essay;
  pages: IndexedPage[];
  /** Each page's extracted text (before boilerplate removal) and its tag-stripped HTML, by file. */
  extractedText: Map<string, string>;
  rawText: Map<string, string>;
  temp: TempStore;
  indexMs: number;
}

/**
 * Indexes an essay's source pages (decoded by their declared charset, extracted like any crawled page)
 * into a fresh SQLite store. Call `dispose` on `temp` when done.
 */
export async function indexEssay(essay: Essay): Promise<IndexedEssay> {
  const start = performance.now();
  const temp = openTempStore("essay");
  const engine = createEngine(temp.store);
  const pages: IndexedPage[] = [];
  const extractedText = new Map<string, string>();
  const rawText = new Map<string, string>();
  for (const [i, source] of essay.sources.entries()) {
    const { text: html, charset } = decodeBody(source.bytes);
    // Each saved page gets its own made-up site: the pages come from different sites, and a shared
    // domain would let the boilerplate detector compare lines across unrelated sites.
    const url = `https://essay-source-${i + 1}.example/${encodeURIComponent(source.file)}`;
    const page = extractPage(html, url);
    await engine.addSource({ url, title: page.title, published: page.published, text: page.text, links: [] }, { reference: false });
    extractedText.set(source.file, page.text);
    rawText.set(source.file, stripTags(html));
    pages.push({ file: source.file, url, charset, extractedChars: page.text.length, protectedChars: 0, protectedText: "" });
  }
  for (const page of pages) {
    const stored = await temp.store.getSource(page.url);
    page.protectedText = stored!.protectedText;
    page.protectedChars = stored!.protectedText.length;
  }
  return { essay, pages, extractedText, rawText, temp, indexMs: performance.now() - start };
}

/** Checks the essay against its indexed sources with the given detection options. */
export async function checkEssay(indexed: IndexedEssay, options: Partial<DetectionOptions> = {}): Promise<EssayRun> {
  const start = performance.now();
  const { essay, pages } = indexed;
  const engine = createEngine(indexed.temp.store, options);
  const fileOf = new Map(pages.map((p) => [p.url, p.file]));
  const candidate: TextDocument = { url: `https://essays.example/${essay.name}`, title: essay.name, published: null, text: essay.text, links: [] };
  const result = await engine.check(candidate, DEFAULT_POLICY);
  const detections: Annotation[] = result.matches.flatMap((m) =>
    m.passages.map((p) => ({
      tref: essay.name,
      toff: p.candidate.start,
      tlen: p.candidate.end - p.candidate.start,
      sref: fileOf.get(m.source.url)!,
      soff: p.source.start,
      slen: p.source.end - p.source.start,
    })),
  );
  const passageSpans = detections.map((d) => ({ start: d.toff, end: d.toff + d.tlen }));
  const matchedFiles = new Set(result.matches.map((m) => fileOf.get(m.source.url)));

  const fragments: FragmentResult[] = essay.fragments.map((f) => {
    const span = { start: f.start, end: f.end };
    let trace: SourceTrace = "no-source";
    let sourceSpan: Located | null = null;
    if (f.sourceFile !== null) {
      const page = pages.find((p) => p.file === f.sourceFile)!;
      sourceSpan = locate(page.protectedText, f.sourceText);
      trace = sourceSpan
        ? "protected"
        : locate(indexed.extractedText.get(f.sourceFile)!, f.sourceText)
          ? "boilerplate"
          : locate(indexed.rawText.get(f.sourceFile)!, f.sourceText)
            ? "not-extracted"
            : "not-in-page";
    }
    const annotation: Annotation | null =
      f.sourceFile === null
        ? null
        : {
            tref: essay.name,
            toff: f.start,
            tlen: f.end - f.start,
            // A source sentence that cannot be placed in the protected text is scored on the essay side only.
            sref: sourceSpan ? f.sourceFile : null,
            soff: sourceSpan?.start ?? 0,
            slen: sourceSpan ? sourceSpan.end - sourceSpan.start : 0,
          };
    return {
      fragment: f,
      found: fragmentFound(span, passageSpans),
      coveredChars: coveredChars(span, passageSpans),
      trace,
      sourceSpan,
      sourceMatched: f.sourceFile !== null && matchedFiles.has(f.sourceFile),
      annotation,
      overlap: f.sourceFile === null ? null : wordOverlap(f.essayText, f.sourceText),
    };
  });
  const cases = fragments.flatMap((r) => (r.annotation ? [r.annotation] : []));
  return { essay, pages, detections, cases, fragments, passageSpans, ms: performance.now() - start };
}

/**
 * How much a fragment still shares with its source sentence, in stemmed words (the engine's tokenizer):
 * the longest common subsequence (words kept in order, gaps allowed) and the longest common run. An
 * aligner that needs `minMatched` words in order cannot find a fragment whose LCS is shorter.
 */
export interface WordOverlap {
  essayWords: number;
  sourceWords: number;
  lcs: number;
  longestRun: number;
}

export function wordOverlap(a: string, b: string): WordOverlap {
  const x = tokenize(a).map((t) => t.key);
  const y = tokenize(b).map((t) => t.key);
  let prev = new Array<number>(y.length + 1).fill(0);
  let prevRun = new Array<number>(y.length + 1).fill(0);
  let longestRun = 0;
  for (let i = 1; i <= x.length; i++) {
    const cur = new Array<number>(y.length + 1).fill(0);
    const run = new Array<number>(y.length + 1).fill(0);
    for (let j = 1; j <= y.length; j++) {
      if (x[i - 1] === y[j - 1]) {
        cur[j] = prev[j - 1]! + 1;
        run[j] = prevRun[j - 1]! + 1;
        longestRun = Math.max(longestRun, run[j]!);
      } else cur[j] = Math.max(prev[j]!, cur[j - 1]!);
    }
    prev = cur;
    prevRun = run;
  }
  return { essayWords: x.length, sourceWords: y.length, lcs: prev[y.length]!, longestRun };
}

/** Label groups of the targets. */
export const LIGHT_LABELS: ReadonlySet<RewriteLabel> = new Set(["CPY", "DEL", "ADD", "LPR", "SHF"]);
export const HEAVY_LABELS: ReadonlySet<RewriteLabel> = new Set(["HPR", "SYN", "CCT"]);

export const GROUPS: ReadonlyArray<{ name: string; test: (labels: readonly RewriteLabel[]) => boolean }> = [
  { name: "only CPY/DEL/ADD/LPR/SHF", test: (l) => l.length > 0 && l.every((x) => LIGHT_LABELS.has(x)) },
  { name: "any of HPR/SYN/CCT", test: (l) => l.some((x) => HEAVY_LABELS.has(x)) },
];

/** Per-label rows over several essay runs; `select` chooses the fragments of a row. */
export function labelRow(runs: readonly EssayRun[], label: string, select: (f: EssayFragment) => boolean): LabelRow {
  const chosen = runs.flatMap((r) => r.fragments.filter((x) => x.annotation !== null && select(x.fragment)));
  const cases = chosen.map((x) => x.annotation!);
  // Precision for a subset of cases is measured on the detections that touch those cases.
  const touching = runs.flatMap((r) => r.detections).filter((d) => cases.some((c) => c.tref === d.tref && d.toff < c.toff + c.tlen && c.toff < d.toff + d.tlen));
  const found = chosen.filter((x) => x.found).length;
  return { label, fragments: chosen.length, found, recall: chosen.length ? found / chosen.length : NaN, pan: microScores(cases, touching) };
}

/** Overall figures of a set of runs: all cases against all detections. */
export function overall(runs: readonly EssayRun[]): { pan: MicroScores; fragmentRecall: number; passagePrecision: number; fragments: number } {
  const cases = runs.flatMap((r) => r.cases);
  const detections = runs.flatMap((r) => r.detections);
  const borrowedFragments = runs.flatMap((r) => r.fragments.filter((x) => x.fragment.sourceFile !== null));
  // Passage precision per essay text, then pooled by characters.
  let inside = 0;
  let total = 0;
  for (const r of runs) {
    const spans = r.fragments.filter((x) => x.fragment.sourceFile !== null).map((x) => ({ start: x.fragment.start, end: x.fragment.end }));
    const chars = unionLength(r.passageSpans);
    inside += passagePrecision(r.passageSpans, spans) * chars;
    total += chars;
  }
  return {
    pan: microScores(cases, detections),
    fragmentRecall: borrowedFragments.filter((x) => x.found).length / borrowedFragments.length,
    passagePrecision: total === 0 ? 1 : inside / total,
    fragments: borrowedFragments.length,
  };
}

function unionLength(spans: ReadonlyArray<{ start: number; end: number }>): number {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  let total = 0;
  let end = -Infinity;
  for (const s of sorted) {
    if (s.end <= end) continue;
    total += s.end - Math.max(s.start, end);
    end = s.end;
  }
  return total;
}

/** Text of an HTML page with tags, scripts and styles removed: the page as a reader could see it, roughly. */
function stripTags(html: string): string {
  return html
    .replace(/<(script|style|noscript)\b[\s\S]*?<\/\1>/gi, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&nbsp;/g, " ")
    .replace(/&laquo;/g, "«")
    .replace(/&raquo;/g, "»")
    .replace(/&mdash;/g, "—")
    .replace(/&ndash;/g, "–")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/&#(\d+);/g, (_m, n: string) => String.fromCodePoint(Number(n)));
}

/** Characters of a fragment covered by passages: summed over the passages, at most the fragment's length. */
export function coveredChars(span: Span, passageSpans: readonly Span[]): number {
  const covered = passageSpans.reduce((n, p) => n + Math.max(0, Math.min(span.end, p.end) - Math.max(span.start, p.start)), 0);
  return Math.min(covered, span.end - span.start);
}

import type { ExcludedPassage, Passage, Span, Token } from "../types.ts";
import type { Alignment, TokenPair } from "../align/align.ts";
import { closeNonWordGaps, intersectSpans, spanLength, subtractSpans, unionSpans } from "./spans.ts";

/** Where in the candidate a reference document (not the publisher's) was found. */
export interface ReferenceCoverage {
  url: string;
  /** Candidate character spans aligned with the reference document, sorted and non-overlapping. */
  spans: Span[];
}

export interface ReuseInput {
  sourceText: string;
  sourceTokens: readonly Token[];
  candidateTokens: readonly Token[];
  alignments: readonly Alignment[];
  /** Reference documents published before the candidate: text the reuser may have taken from them. */
  references: readonly ReferenceCoverage[];
  /** Quotation spans of the source to exclude, or empty when the policy counts quotations. */
  quotations: readonly Span[];
}

/** The figures of one source's reuse; every number is derivable from the spans beside it. */
export interface Reuse {
  passages: Passage[];
  excluded: ExcludedPassage[];
  /** Source characters covered by passages (gaps of spaces and punctuation closed), exclusions removed. */
  reusedChars: number;
  /** Source characters covered by passages but excluded. */
  excludedChars: number;
  sourceChars: number;
  share: number;
}

/** Turns token alignments into character passages and the share of the source they cover. */
export function measureReuse(input: ReuseInput): Reuse {
  const { sourceText, sourceTokens, candidateTokens } = input;
  const passages = input.alignments.map((a) => toPassage(a.pairs, sourceTokens, candidateTokens));
  const covered = closeNonWordGaps(sourceText, passages.map((p) => p.source));

  const excluded: ExcludedPassage[] = [];
  for (const ref of input.references) {
    for (const a of input.alignments) {
      for (const run of runsInside(a.pairs, candidateTokens, ref.spans)) {
        excluded.push({ ...toPassage(run, sourceTokens, candidateTokens), reason: "reference", referenceUrl: ref.url });
      }
    }
  }
  for (const q of intersectSpans(covered, unionSpans(input.quotations))) {
    excluded.push({ source: q, candidate: candidateSpanOf(q, input.alignments, sourceTokens, candidateTokens), reason: "quotation" });
  }

  const excludedSpans = intersectSpans(covered, closeNonWordGaps(sourceText, excluded.map((e) => e.source)));
  const counted = closeNonWordGaps(sourceText, subtractSpans(covered, excludedSpans));
  const reusedChars = spanLength(intersectSpans(counted, covered));
  const sourceChars = sourceText.length;
  return {
    passages,
    excluded,
    reusedChars,
    excludedChars: spanLength(covered) - reusedChars,
    sourceChars,
    share: sourceChars === 0 ? 0 : reusedChars / sourceChars,
  };
}

function toPassage(pairs: readonly TokenPair[], source: readonly Token[], candidate: readonly Token[]): Passage {
  const first = pairs[0]!;
  const last = pairs[pairs.length - 1]!;
  return {
    source: { start: source[first.source]!.start, end: source[last.source]!.end },
    candidate: { start: candidate[first.candidate]!.start, end: candidate[last.candidate]!.end },
  };
}

/** Maximal runs of consecutive pairs whose candidate word lies inside the given candidate spans. */
function runsInside(pairs: readonly TokenPair[], candidate: readonly Token[], spans: readonly Span[]): TokenPair[][] {
  const runs: TokenPair[][] = [];
  let run: TokenPair[] = [];
  for (const p of pairs) {
    const tok = candidate[p.candidate]!;
    if (spans.some((s) => s.start <= tok.start && tok.end <= s.end)) run.push(p);
    else if (run.length) {
      runs.push(run);
      run = [];
    }
  }
  if (run.length) runs.push(run);
  return runs;
}

/** The candidate span aligned with the source words inside `span` (empty at 0 when none is aligned). */
function candidateSpanOf(span: Span, alignments: readonly Alignment[], source: readonly Token[], candidate: readonly Token[]): Span {
  let start = Infinity;
  let end = -Infinity;
  for (const a of alignments) {
    for (const p of a.pairs) {
      const s = source[p.source]!;
      if (s.start >= span.start && s.end <= span.end) {
        start = Math.min(start, candidate[p.candidate]!.start);
        end = Math.max(end, candidate[p.candidate]!.end);
      }
    }
  }
  return Number.isFinite(start) ? { start, end } : { start: 0, end: 0 };
}

import type { ParaphrasePassage, Span, Token } from "../types.ts";
import { compareSentences } from "./sentence-words.ts";
import { paraphrasePairs } from "./paraphrase-pairs.ts";
import type { ParaphraseOptions } from "./paraphrase-options.ts";
import type { Thesaurus } from "./thesaurus.ts";

/** The second stage of a check, when it is on: the synonym sets (null: stems only) and its thresholds. */
export interface ParaphraseStage {
  thesaurus: Thesaurus | null;
  options: ParaphraseOptions;
}

/**
 * The stage for one check, the candidate's sentences compared once: for each source's tokens, the candidate
 * sentences that rewrite a sentence of it, among those the aligner left out. A sentence at least half covered by
 * `found` (the candidate spans of aligned passages, any source) is the aligner's. `sourceAligned`: the aligner
 * matched that source itself.
 */
export function paraphraseFinder(
  candidateTokens: readonly Token[],
  found: readonly Span[],
  stage: ParaphraseStage,
): (sourceTokens: readonly Token[], sourceAligned: boolean) => ParaphrasePassage[] {
  const { stemPrefix } = stage.options;
  const sorted = [...found].sort((a, b) => a.start - b.start);
  const aligned = (sentence: Span) => 2 * overlap(sentence, sorted) >= sentence.end - sentence.start;
  const candidate = compareSentences(candidateTokens, stemPrefix, stage.thesaurus);
  return (sourceTokens, sourceAligned) =>
    reportedPairs(paraphrasePairs(compareSentences(sourceTokens, stemPrefix, stage.thesaurus), candidate, stage.options, aligned), sourceAligned, stage.options);
}

/**
 * The pairs a source is reported with: every pair when the aligner matched it (its passages are the evidence),
 * else all or none, as the source holds at least `minUnalignedPairs` rewritten sentences or not.
 */
export function reportedPairs(pairs: ParaphrasePassage[], sourceAligned: boolean, options: ParaphraseOptions): ParaphrasePassage[] {
  return sourceAligned || pairs.length >= options.minUnalignedPairs ? pairs : [];
}

/** Characters of `span` inside any of `spans` (sorted by start; they may overlap one another). */
function overlap(span: Span, spans: readonly Span[]): number {
  let covered = 0;
  let reached = span.start;
  for (const s of spans) {
    const start = Math.max(s.start, reached);
    const end = Math.min(s.end, span.end);
    if (end > start) covered += end - start;
    reached = Math.max(reached, Math.min(s.end, span.end));
  }
  return covered;
}

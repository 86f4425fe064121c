import type { ParaphrasePassage, Span } from "../types.ts";
import type { ComparedSentence } from "./sentence-words.ts";
import type { ParaphraseOptions } from "./paraphrase-options.ts";

/**
 * Pairs each candidate sentence with the source sentence whose content words it shares most (by stem prefix
 * or synonym set), when the pair reaches the options' thresholds. Candidate sentences listed in `skip`
 * (already found by alignment) are left out. Sentence to sentence: a rewrite that merges two source
 * sentences pairs with the one it keeps most of.
 */
export function paraphrasePairs(
  source: readonly ComparedSentence[],
  candidate: readonly ComparedSentence[],
  options: ParaphraseOptions,
  skip: (sentence: Span) => boolean = () => false,
): ParaphrasePassage[] {
  const usable = source.filter((s) => s.words.length >= options.minContentWords);
  const byConcept = new Map<string, number[]>();
  for (const [index, sentence] of usable.entries()) {
    for (const concepts of sentence.words) for (const concept of concepts) {
      const list = byConcept.get(concept);
      if (list === undefined) byConcept.set(concept, [index]);
      else if (list[list.length - 1] !== index) list.push(index);
    }
  }
  const pairs: ParaphrasePassage[] = [];
  for (const sentence of candidate) {
    if (sentence.words.length < options.minContentWords || skip(sentence.span)) continue;
    // Candidate words with a counterpart, per source sentence: an upper bound that spares scoring the rest.
    const shared = new Map<number, number>();
    for (const concepts of sentence.words) {
      const hit = new Set<number>();
      for (const concept of concepts) for (const index of byConcept.get(concept) ?? []) hit.add(index);
      for (const index of hit) shared.set(index, (shared.get(index) ?? 0) + 1);
    }
    let best: ParaphrasePassage | null = null;
    for (const [index, count] of shared) {
      if (count < options.minSharedWords) continue;
      const other = usable[index]!;
      const similarity = (count + matchedWords(other, sentence)) / (sentence.words.length + other.words.length);
      if (similarity >= options.minSimilarity && (best === null || similarity > best.similarity)) {
        best = { source: other.span, candidate: sentence.span, similarity };
      }
    }
    if (best !== null) pairs.push(best);
  }
  return pairs;
}

/** Words of `sentence` sharing a concept with some word of `other`. */
function matchedWords(sentence: ComparedSentence, other: ComparedSentence): number {
  const concepts = new Set(other.words.flat());
  return sentence.words.filter((word) => word.some((c) => concepts.has(c))).length;
}

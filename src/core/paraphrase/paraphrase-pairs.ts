import type { ParaphrasePassage, Span } from "../types.ts";
import type { ComparedSentence } from "./sentence-words.ts";
import type { ParaphraseOptions } from "./paraphrase-options.ts";

/**
 * Pairs each candidate sentence with the source sentence whose content words it shares most (by stem prefix
 * or synonym set), when the pair reaches the options' thresholds. Candidate sentences listed in `skip`
 * (already found by alignment) are left out. Sentence to sentence: a rewrite that merges two source
 * sentences pairs with the one it keeps most of.
 *
 * Similarity weighs each word by its rarity among the source's sentences, log(1 + sentences ÷ sentences holding
 * its stem): the article's topic words recur in most of its sentences and in a writer's own sentences about the
 * same topic, so sharing them says less than sharing a rare word (on essay 2, held out, the weighting kept the
 * writer's own sentences untouched at thresholds that found more rewrites; docs/EVALUATION.md, section 6).
 */
export function paraphrasePairs(
  source: readonly ComparedSentence[],
  candidate: readonly ComparedSentence[],
  options: ParaphraseOptions,
  skip: (sentence: Span) => boolean = () => false,
): ParaphrasePassage[] {
  const { usable, byConcept, similarity } = indexSource(source, options);
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
      const score = similarity(other, sentence);
      if (score >= options.minSimilarity && (best === null || score > best.similarity)) {
        best = { source: other.span, candidate: sentence.span, similarity: score };
      }
    }
    if (best !== null) pairs.push(best);
  }
  return pairs;
}

/** A source's sentences long enough to compare, indexed by concept, and the similarity of any sentence with one of them. */
interface IndexedSource {
  usable: readonly ComparedSentence[];
  /** Per concept, the indexes in `usable` of the sentences holding it. */
  byConcept: ReadonlyMap<string, readonly number[]>;
  similarity: (sourceSentence: ComparedSentence, candidateSentence: ComparedSentence) => number;
}

/**
 * Indexes a source's sentences for `paraphrasePairs`. Exported so that the evaluation can score a fragment with
 * its true source sentence as the stage would, whichever sentence the stage paired it with.
 */
export function indexSource(source: readonly ComparedSentence[], options: ParaphraseOptions): IndexedSource {
  const usable = source.filter((s) => s.words.length >= options.minContentWords);
  const byConcept = new Map<string, number[]>();
  for (const [index, sentence] of usable.entries()) {
    for (const concepts of sentence.words) for (const concept of concepts) {
      const list = byConcept.get(concept);
      if (list === undefined) byConcept.set(concept, [index]);
      else if (list[list.length - 1] !== index) list.push(index);
    }
  }
  // A word's first concept is its stem prefix; a stem the source lacks weighs as much as the rarest.
  const weight: WordWeight = (word) => Math.log(1 + usable.length / (byConcept.get(word[0]!)?.length ?? 1));
  const similarity = (a: ComparedSentence, b: ComparedSentence) =>
    (matchedWeight(a, b, weight) + matchedWeight(b, a, weight)) / (totalWeight(a, weight) + totalWeight(b, weight));
  return { usable, byConcept, similarity };
}

/** How much a content word (its concepts, stem prefix first) says about which sentence it came from. */
type WordWeight = (word: readonly string[]) => number;

/** Weight of the words of `sentence` sharing a concept with some word of `other`. */
function matchedWeight(sentence: ComparedSentence, other: ComparedSentence, weight: WordWeight): number {
  const concepts = new Set(other.words.flat());
  return totalWeight({ span: sentence.span, words: sentence.words.filter((word) => word.some((c) => concepts.has(c))) }, weight);
}

function totalWeight(sentence: ComparedSentence, weight: WordWeight): number {
  return sentence.words.reduce((n, word) => n + weight(word), 0);
}

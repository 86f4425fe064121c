import type { Rng } from "./prng.ts";
import { createRng, seedOf } from "./prng.ts";

/**
 * A synthetic vocabulary far larger than the training text's, so that 100k generated articles differ
 * as much as real ones do. The training samples hold ~25k words; a bigram chain over them alone would
 * make every generated article share word trigrams with thousands of others, which real news does not.
 * New stems come from a character-trigram model of the training words, so they read as Russian, with the
 * training stems' lengths, and take the ending of the word they replace, so the morphology stays. Ranks
 * follow Zipf's law (frequency ∝ 1/rank), as the words of a language do.
 */
export interface Lexicon {
  /** A synthetic stem for a vocabulary rank; the same rank always gives the same stem. */
  stem(rank: number): string;
  /** A Zipf-distributed rank in [1, size]. */
  rank(rng: Rng): number;
  size: number;
}

/** Letters kept from the end of a replaced word: Russian inflections are mostly one to three letters. */
export const ENDING_LETTERS = 2;
/** Stems shorter than this are prepositions and particles more than content words. */
const MIN_STEM = 3;
const CYRILLIC_WORD = /^[а-яё]+$/u;

export function createLexicon(words: Iterable<string>, size: number, seed: number): Lexicon {
  const next = new Map<string, string[]>();
  const lengths: number[] = [];
  for (const word of words) {
    const lower = word.toLowerCase();
    if (lower.length < MIN_STEM + ENDING_LETTERS || !CYRILLIC_WORD.test(lower)) continue;
    const stem = lower.slice(0, -ENDING_LETTERS);
    lengths.push(stem.length);
    const marked = `^^${stem}`;
    for (let i = 2; i < marked.length; i++) {
      const context = marked.slice(i - 2, i);
      let list = next.get(context);
      if (!list) next.set(context, (list = []));
      list.push(marked[i]!);
    }
  }
  if (lengths.length === 0) throw new Error("createLexicon: the training text has no Cyrillic words to learn stems from");
  const logSize = Math.log(size);
  // Zipf's law makes a few thousand ranks most of the draws: caching them makes generation several times faster.
  const cache = new Map<number, string>();
  const firstLetters = next.get("^^")!;

  function build(rank: number): string {
    const rng = createRng(seedOf(seed, "stem", rank));
    const length = rng.pick(lengths);
    let stem = "";
    let context = "^^";
    while (stem.length < length) {
      // A context the training stems never continued restarts from a word's first letter.
      const letter = rng.pick(next.get(context) ?? firstLetters);
      stem += letter;
      context = context[1]! + letter;
    }
    return stem;
  }

  return {
    size,
    rank: (rng) => Math.min(size, Math.floor(Math.exp(rng.next() * logSize))),
    stem(rank) {
      let stem = cache.get(rank);
      if (stem === undefined) cache.set(rank, (stem = build(rank)));
      return stem;
    },
  };
}

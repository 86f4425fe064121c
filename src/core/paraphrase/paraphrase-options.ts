/** Tunable constants of the paraphrase stage, each justified where the default is set (docs/EVALUATION.md, "Paraphrase stage"). */
export interface ParaphraseOptions {
  /** Letters of a stem two words must share to count as one word's derivations ("инвестиц…" in инвестиция, инвестиционный). */
  stemPrefix: number;
  /** Fewest content words a sentence needs on each side: shorter ones match by chance. */
  minContentWords: number;
  /** Fewest content words of the candidate's sentence that must find a counterpart in the source's. */
  minSharedWords: number;
  /** Lowest similarity (content words with a counterpart on both sides ÷ content words on both sides) reported. */
  minSimilarity: number;
}

export const DEFAULT_PARAPHRASE_OPTIONS: Readonly<ParaphraseOptions> = Object.freeze({
  // Snowball strips endings, not suffixes; five letters join a noun and its adjective (экономика,
  // экономический) while four joined unrelated roots on essay 1 (ParaPhraser's tuning chose 4 for
  // whole-sentence scores, where a chance pair costs less than a passage does here).
  stemPrefix: 5,
  minContentWords: 5,
  minSharedWords: 4,
  minSimilarity: 0.5,
});

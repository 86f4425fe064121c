import { countWords, isWord, splitSentences, splitTokens } from "./language-model.ts";

/** Properties of a set of articles that the generator must share with real news. */
export interface TextProfile {
  articles: number;
  /** Words per sentence: 10th percentile, median, 90th percentile. */
  sentenceWords: { p10: number; median: number; p90: number };
  /** Median characters per article and paragraphs per article. */
  medianChars: number;
  medianParagraphs: number;
  /** Distinct lower-cased words ÷ words, over the first `TTR_WORDS` words: vocabulary richness. */
  typeTokenRatio: number;
  /**
   * Share of an article's distinct lower-cased word trigrams that occur in another article of the set:
   * how much unrelated articles overlap, which decides how many sources a fingerprint lookup returns.
   */
  sharedTrigrams: number;
}

/** Type/token ratio depends on text length, so it is measured over a fixed number of words. */
export const TTR_WORDS = 10_000;

/** Articles are texts with paragraphs separated by "\n\n". */
export function profileTexts(texts: readonly string[]): TextProfile {
  const sentenceWords: number[] = [];
  const words: string[] = [];
  for (const text of texts) {
    for (const paragraph of text.split("\n\n")) for (const sentence of splitSentences(paragraph)) sentenceWords.push(countWords(sentence));
  }
  const trigramSets = texts.map((text) => {
    const lower = splitTokens(text).filter(isWord).map((w) => w.toLowerCase());
    if (words.length < TTR_WORDS) words.push(...lower.slice(0, TTR_WORDS - words.length));
    const set = new Set<string>();
    for (let i = 0; i + 3 <= lower.length; i++) set.add(`${lower[i]} ${lower[i + 1]} ${lower[i + 2]}`);
    return set;
  });
  const df = new Map<string, number>();
  for (const set of trigramSets) for (const g of set) df.set(g, (df.get(g) ?? 0) + 1);
  let total = 0;
  let shared = 0;
  for (const set of trigramSets) {
    for (const g of set) {
      total++;
      if (df.get(g)! > 1) shared++;
    }
  }
  sentenceWords.sort((a, b) => a - b);
  return {
    articles: texts.length,
    sentenceWords: { p10: quantile(sentenceWords, 0.1), median: quantile(sentenceWords, 0.5), p90: quantile(sentenceWords, 0.9) },
    medianChars: quantile(texts.map((t) => t.length).sort((a, b) => a - b), 0.5),
    medianParagraphs: quantile(texts.map((t) => t.split("\n\n").length).sort((a, b) => a - b), 0.5),
    typeTokenRatio: words.length === 0 ? 0 : new Set(words).size / words.length,
    sharedTrigrams: total === 0 ? 0 : shared / total,
  };
}

/** Nearest-rank quantile of sorted values. */
function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

import type { TrainingArticle } from "./corpus.ts";
import type { Rng } from "./prng.ts";

/**
 * A word-bigram Markov model of news sentences, with the length distributions of sentences, paragraphs,
 * articles and titles, all learned from training articles at run time.
 * Tokens are words and single punctuation marks, so that "Москвы," and "Москвы" are one state.
 */
export interface LanguageModel {
  /** Token strings by id; ids 0 and 1 are the sentence start and end markers. */
  tokens: string[];
  /** How often each token occurs in the training text. */
  counts: Uint32Array;
  /** For each token id, its successors and their cumulative counts (for sampling by bisection). */
  successors: Int32Array[];
  cumulative: Uint32Array[];
  /** Empirical distributions, one value per training sentence / paragraph / article / title. */
  sentenceWords: number[];
  paragraphSentences: number[];
  articleParagraphs: number[];
  titleWords: number[];
  /** Sentence-final punctuation ids, the ones a sentence may stop at. */
  terminals: Set<number>;
  /** For each token id, the sentence-final punctuation that most often followed it, or -1. */
  stopAfter: Int32Array;
}

export const START = 0;
export const END = 1;

const TOKEN = /[\p{L}\p{N}]+(?:[-‐'’.,:/][\p{L}\p{N}]+)*|[^\s\p{L}\p{N}]/gu;
const WORD = /^[\p{L}\p{N}]/u;
const TERMINAL = new Set([".", "!", "?", "…"]);

export function isWord(token: string): boolean {
  return WORD.test(token);
}

/** Splits text into word and punctuation tokens, the model's units. */
export function splitTokens(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

const sentenceSegmenter = new Intl.Segmenter("ru", { granularity: "sentence" });

/** Sentences of a paragraph, as the model learns and measures them. */
export function splitSentences(paragraph: string): string[] {
  return [...sentenceSegmenter.segment(paragraph)].map((s) => s.segment.trim()).filter(Boolean);
}

/** Words (not punctuation) of a text. */
export function countWords(text: string): number {
  return splitTokens(text).filter(isWord).length;
}

export function learnLanguageModel(articles: readonly TrainingArticle[]): LanguageModel {
  if (articles.length === 0) throw new Error("learnLanguageModel: no training articles");
  const ids = new Map<string, number>([["<s>", START], ["</s>", END]]);
  const tokens = ["<s>", "</s>"];
  const idOf = (token: string): number => {
    let id = ids.get(token);
    if (id === undefined) {
      id = tokens.length;
      ids.set(token, id);
      tokens.push(token);
    }
    return id;
  };
  const pairs = new Map<number, Map<number, number>>();
  const countsList: number[] = [];
  const bump = (from: number, to: number) => {
    let row = pairs.get(from);
    if (!row) pairs.set(from, (row = new Map()));
    row.set(to, (row.get(to) ?? 0) + 1);
  };
  const sentenceWords: number[] = [];
  const paragraphSentences: number[] = [];
  const articleParagraphs: number[] = [];
  const titleWords: number[] = [];

  for (const article of articles) {
    const paragraphs = article.text.split("\n\n").filter((p) => p.trim());
    articleParagraphs.push(paragraphs.length);
    if (article.title) titleWords.push(countWords(article.title));
    for (const paragraph of paragraphs) {
      const sentences = splitSentences(paragraph);
      paragraphSentences.push(sentences.length);
      for (const sentence of sentences) {
        const words = splitTokens(sentence);
        sentenceWords.push(words.filter(isWord).length);
        let prev = START;
        for (const token of words) {
          const id = idOf(token);
          countsList[id] = (countsList[id] ?? 0) + 1;
          bump(prev, id);
          prev = id;
        }
        bump(prev, END);
      }
    }
  }

  const counts = new Uint32Array(tokens.length);
  countsList.forEach((n, id) => (counts[id] = n ?? 0));
  const successors: Int32Array[] = [];
  const cumulative: Uint32Array[] = [];
  for (let id = 0; id < tokens.length; id++) {
    const row = [...(pairs.get(id) ?? new Map<number, number>([[END, 1]]))];
    successors.push(Int32Array.from(row.map(([to]) => to)));
    let sum = 0;
    cumulative.push(Uint32Array.from(row.map(([, n]) => (sum += n))));
  }
  const terminals = new Set([...TERMINAL].map((t) => ids.get(t)).filter((id): id is number => id !== undefined));
  const stopAfter = new Int32Array(tokens.length).fill(-1);
  for (const [from, row] of pairs) {
    let best = 0;
    for (const [to, n] of row) if (terminals.has(to) && n > best) [best, stopAfter[from]] = [n, to];
  }
  if (titleWords.length === 0) titleWords.push(...sentenceWords);
  return { tokens, counts, successors, cumulative, sentenceWords, paragraphSentences, articleParagraphs, titleWords, terminals, stopAfter };
}

/** Draws the successor of a token in proportion to how often it followed it in training. */
export function nextToken(model: LanguageModel, from: number, rng: Rng): number {
  const cum = model.cumulative[from]!;
  const r = rng.next() * cum[cum.length - 1]!;
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cum[mid]! > r) hi = mid;
    else lo = mid + 1;
  }
  return model.successors[from]![lo]!;
}

/**
 * Token ids of one sentence of about `targetWords` words. The chain may not stop before 60% of the target
 * (a resampled early stop) and stops at the first chance after reaching it, so sentence lengths follow the
 * learned distribution instead of the chain's own, which is skewed short.
 */
export function sentenceTokens(model: LanguageModel, targetWords: number, rng: Rng): number[] {
  const out: number[] = [];
  let words = 0;
  let state = START;
  const earliestStop = Math.ceil(targetWords * 0.6);
  const hardStop = targetWords + 12;
  while (words < hardStop) {
    let next = nextToken(model, state, rng);
    for (let retry = 0; retry < 4 && words < earliestStop && (next === END || model.terminals.has(next)); retry++) {
      next = nextToken(model, state, rng);
    }
    if (next === END) break;
    if (model.terminals.has(next)) {
      out.push(next);
      return out;
    }
    out.push(next);
    if (isWord(model.tokens[next]!)) words++;
    state = next;
    if (words >= targetWords && model.stopAfter[state]! >= 0) {
      out.push(model.stopAfter[state]!);
      return out;
    }
  }
  return out;
}

/** One value of an empirical distribution. */
export function sampleFrom(values: readonly number[], rng: Rng): number {
  return rng.pick(values);
}

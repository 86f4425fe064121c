import type { LanguageModel } from "./language-model.ts";
import { sampleFrom, sentenceTokens } from "./language-model.ts";
import type { Lexicon } from "./lexicon.ts";
import { ENDING_LETTERS } from "./lexicon.ts";
import type { Rng } from "./prng.ts";

/** How far generated text departs from the training words. */
export interface WriterOptions {
  /** Share of rare training words replaced by synthetic ones. */
  substitution: number;
  /** Share of replacements drawn from the article's own topic words (articles repeat their subjects). */
  topicShare: number;
  /** Topic words per article. */
  topicWords: number;
  /** A training word seen at most this often is a content word, eligible for replacement. */
  rareMaxCount: number;
  /** Share of numbers whose digits are redrawn. */
  numberChange: number;
}

/**
 * Calibrated on the training samples so that as many generated articles as there are samples overlap as
 * much as the real ones do (`profileTexts`: about 2% of an article's distinct word trigrams occur in another
 * article; 1.5–1.8% generated against 2.0% real) while sentence lengths stay the learned ones: words seen up
 * to 8 times are content words, 80% of them are replaced, half of the replacements by the article's dozen
 * topic words, so that an article repeats its subject as real ones do.
 */
export const DEFAULT_WRITER_OPTIONS: Readonly<WriterOptions> = Object.freeze({
  substitution: 0.8,
  topicShare: 0.5,
  topicWords: 12,
  rareMaxCount: 8,
  numberChange: 0.7,
});

/** The subject of one article: the synthetic words it keeps coming back to. */
export interface Topic {
  ranks: number[];
}

export interface Writer {
  topic(rng: Rng): Topic;
  sentence(rng: Rng, topic: Topic, words?: number): string;
  paragraph(rng: Rng, topic: Topic, sentences?: number): string;
  /** An article body: paragraphs. */
  article(rng: Rng, topic: Topic): string[];
  /** A headline: a sentence without its final stop. */
  title(rng: Rng, topic: Topic): string;
}

/** Minimum letters of a replaceable word: shorter ones are mostly prepositions, particles, pronouns. */
const MIN_REPLACEABLE_LETTERS = 5;
const CYRILLIC_WORD = /^[а-яёА-ЯЁ]+$/u;
const DIGIT = /\d/u;

export function createWriter(model: LanguageModel, lexicon: Lexicon, options: WriterOptions = DEFAULT_WRITER_OPTIONS): Writer {
  const replaceable = new Uint8Array(model.tokens.length);
  model.tokens.forEach((token, id) => {
    if (token.length >= MIN_REPLACEABLE_LETTERS && CYRILLIC_WORD.test(token) && model.counts[id]! <= options.rareMaxCount) replaceable[id] = 1;
    else if (DIGIT.test(token)) replaceable[id] = 2;
  });

  function surface(id: number, rng: Rng, topic: Topic): string {
    const token = model.tokens[id]!;
    const kind = replaceable[id];
    if (kind === 1 && rng.chance(options.substitution)) {
      const rank = rng.chance(options.topicShare) ? rng.pick(topic.ranks) : lexicon.rank(rng);
      const word = lexicon.stem(rank) + token.slice(-ENDING_LETTERS).toLowerCase();
      return token[0] === token[0]!.toLowerCase() ? word : word[0]!.toUpperCase() + word.slice(1);
    }
    if (kind === 2 && rng.chance(options.numberChange)) return redrawDigits(token, rng);
    return token;
  }

  function sentence(rng: Rng, topic: Topic, words = sampleFrom(model.sentenceWords, rng)): string {
    const ids = sentenceTokens(model, Math.max(1, words), rng);
    return render(ids.map((id) => surface(id, rng, topic)));
  }

  function paragraph(rng: Rng, topic: Topic, sentences = sampleFrom(model.paragraphSentences, rng)): string {
    const out: string[] = [];
    for (let i = 0; i < Math.max(1, sentences); i++) out.push(sentence(rng, topic));
    return out.join(" ");
  }

  return {
    topic: (rng) => ({ ranks: Array.from({ length: options.topicWords }, () => lexicon.rank(rng)) }),
    sentence,
    paragraph,
    article(rng, topic) {
      const n = Math.max(1, sampleFrom(model.articleParagraphs, rng));
      return Array.from({ length: n }, () => paragraph(rng, topic));
    },
    title(rng, topic) {
      return sentence(rng, topic, sampleFrom(model.titleWords, rng)).replace(/[.…]$/u, "");
    },
  };
}

function redrawDigits(token: string, rng: Rng): string {
  let first = true;
  return token.replace(/\d/gu, (d) => {
    const keepNonZero = first && d !== "0";
    first = false;
    return String(keepNonZero ? 1 + rng.int(9) : rng.int(10));
  });
}

const NO_SPACE_BEFORE = ",.;:!?)»…%“]";
const NO_SPACE_AFTER = "(«„[";
const OPENERS = "«(„[";
const CLOSERS = "»)“]";
const FINAL_STOPS = ".!?…";

/**
 * Joins tokens with Russian typographic spacing and repairs what a bigram chain breaks: a closing quote
 * or bracket with nothing open is dropped, whatever is still open is closed before the final stop, an
 * empty pair of straight quotes is dropped, and the sentence starts with a capital.
 */
export function render(tokens: readonly string[]): string {
  const open: string[] = [];
  const kept: string[] = [];
  let straightQuotes = 0;
  for (const token of tokens) {
    if (token.length === 1) {
      if (token === '"') {
        if (kept[kept.length - 1] === '"') {
          kept.pop();
          straightQuotes--;
          continue;
        }
        straightQuotes++;
      }
      const closer = CLOSERS.indexOf(token);
      if (closer >= 0) {
        if (open[open.length - 1] !== token) continue;
        open.pop();
      }
      const opener = OPENERS.indexOf(token);
      if (opener >= 0) open.push(CLOSERS[opener]!);
    }
    kept.push(token);
  }
  const last = kept[kept.length - 1];
  const final = last !== undefined && last.length === 1 && FINAL_STOPS.includes(last) ? kept.pop() : undefined;
  while (open.length > 0) kept.push(open.pop()!);
  if (straightQuotes % 2 === 1) kept.push('"');
  if (final) kept.push(final);

  let out = "";
  let glue = true;
  let straightOpen = false;
  for (const token of kept) {
    let spaceBefore = !glue;
    let opens = false;
    if (token.length === 1) {
      if (token === '"') {
        spaceBefore = !glue && !straightOpen;
        opens = !straightOpen;
        straightOpen = !straightOpen;
      } else {
        spaceBefore = !glue && !NO_SPACE_BEFORE.includes(token);
        opens = NO_SPACE_AFTER.includes(token);
      }
    }
    out += spaceBefore ? ` ${token}` : token;
    glue = opens;
  }
  return out.charAt(0).toUpperCase() + out.slice(1);
}

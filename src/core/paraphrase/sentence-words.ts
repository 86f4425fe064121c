import type { Span, Token } from "../types.ts";
import { frequentWords } from "../align/frequent-words.ts";
import type { Thesaurus } from "./thesaurus.ts";

/** A sentence as the paraphrase stage compares it: where it lies, and the concepts of its content words. */
export interface ComparedSentence {
  span: Span;
  /** Per content word, the concepts it stands for: its stem's prefix and its synonym sets. */
  words: ReadonlyArray<readonly string[]>;
}

/** Keys shorter than this are particles, initials or numbers' digits, not content. */
const MIN_KEY_LENGTH = 3;

/**
 * Groups tokens into sentences and keeps their content words: not the frequent words of news formulas,
 * not shorter than three letters. A word stands for its stem cut to `stemPrefix` letters (derivation) and
 * for each synonym set the thesaurus puts its key in.
 */
export function compareSentences(tokens: readonly Token[], stemPrefix: number, thesaurus: Thesaurus | null): ComparedSentence[] {
  const frequent = frequentWords();
  const sentences: ComparedSentence[] = [];
  let words: string[][] = [];
  let start = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (i === 0 || token.sentence !== tokens[i - 1]!.sentence) {
      words = [];
      start = token.start;
    }
    if (token.key.length >= MIN_KEY_LENGTH && !frequent.has(token.code)) {
      const concepts = [`p:${token.key.slice(0, stemPrefix)}`];
      for (const set of thesaurus?.senses(token.key) ?? []) concepts.push(`s:${set}`);
      words.push(concepts);
    }
    if (i === tokens.length - 1 || tokens[i + 1]!.sentence !== token.sentence) sentences.push({ span: { start, end: token.end }, words });
  }
  return sentences;
}

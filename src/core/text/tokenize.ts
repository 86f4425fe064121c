import type { Token, WordSequence } from "../types.ts";
import { foldText } from "./normalize.ts";
import { stemmedWord } from "./stem.ts";
import { segmentWords, segmenterPieces } from "./word-segments.ts";

const sentences = new Intl.Segmenter("ru", { granularity: "sentence" });

/**
 * Splits a text into word tokens with offsets into the original string and stemmed keys.
 * Hyphenated words are split ("пресс-служба" → "пресс", "служба"), which makes "пресс-служба" and
 * "пресс служба" match.
 */
export function tokenize(text: string): Token[] {
  const folded = foldText(text);
  const sentenceStarts = sentenceBoundaries(text);
  const tokens: Token[] = [];
  let sentence = 0;
  for (const { start, word } of segmentWords(folded)) {
    while (sentence + 1 < sentenceStarts.length && sentenceStarts[sentence + 1]! <= start) sentence++;
    const { key, code } = stemmedWord(word);
    tokens.push({ key, code, start, end: start + word.length, sentence });
  }
  return tokens;
}

/** The tokens' codes and sentence numbers, as the index stores them. */
export function wordSequence(tokens: readonly Token[]): WordSequence {
  const codes = new Uint32Array(tokens.length);
  const sentenceNumbers = new Uint32Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    codes[i] = tokens[i]!.code;
    sentenceNumbers[i] = tokens[i]!.sentence;
  }
  return { codes, sentences: sentenceNumbers };
}

/** Start offsets of sentences; a blank line always starts a new one (headings lack final stops). */
function sentenceBoundaries(text: string): number[] {
  const starts = new Set<number>([0]);
  for (const { offset, piece } of segmenterPieces(text)) for (const seg of sentences.segment(piece)) starts.add(offset + seg.index);
  for (const m of text.matchAll(/\n\s*\n/g)) starts.add(m.index + m[0].length);
  return [...starts].sort((a, b) => a - b);
}

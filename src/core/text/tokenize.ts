import type { Token } from "../types.ts";
import { foldText } from "./normalize.ts";
import { stemWord } from "./stem.ts";

const words = new Intl.Segmenter("ru", { granularity: "word" });
const sentences = new Intl.Segmenter("ru", { granularity: "sentence" });

/**
 * Splits a text into word tokens with offsets into the original string and stemmed keys.
 * Hyphenated words are split by the segmenter ("пресс-служба" → "пресс", "служба"), which makes
 * "пресс-служба" and "пресс служба" match.
 */
export function tokenize(text: string): Token[] {
  const folded = foldText(text);
  const sentenceStarts = sentenceBoundaries(text);
  const tokens: Token[] = [];
  let sentence = 0;
  for (const seg of words.segment(folded)) {
    if (!seg.isWordLike) continue;
    const start = seg.index;
    while (sentence + 1 < sentenceStarts.length && sentenceStarts[sentence + 1]! <= start) sentence++;
    tokens.push({ key: stemWord(seg.segment), start, end: start + seg.segment.length, sentence });
  }
  return tokens;
}

/** Start offsets of sentences; a blank line always starts a new one (headings lack final stops). */
function sentenceBoundaries(text: string): number[] {
  const starts = new Set<number>([0]);
  for (const seg of sentences.segment(text)) starts.add(seg.index);
  for (const m of text.matchAll(/\n\s*\n/g)) starts.add(m.index + m[0].length);
  return [...starts].sort((a, b) => a - b);
}

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
  for (const { offset, piece } of pieces(folded)) {
    for (const seg of words.segment(piece)) {
      if (!seg.isWordLike) continue;
      const start = offset + seg.index;
      while (sentence + 1 < sentenceStarts.length && sentenceStarts[sentence + 1]! <= start) sentence++;
      tokens.push({ key: stemWord(seg.segment), start, end: start + seg.segment.length, sentence });
    }
  }
  return tokens;
}

/** Start offsets of sentences; a blank line always starts a new one (headings lack final stops). */
function sentenceBoundaries(text: string): number[] {
  const starts = new Set<number>([0]);
  for (const { offset, piece } of pieces(text)) for (const seg of sentences.segment(piece)) starts.add(offset + seg.index);
  for (const m of text.matchAll(/\n\s*\n/g)) starts.add(m.index + m[0].length);
  return [...starts].sort((a, b) => a - b);
}

/**
 * Node 20's Intl.Segmenter slows down by orders of magnitude on strings of 65,536 UTF-16 units or more
 * (30 s for one 66K page, measured by the evaluation). Texts are therefore segmented in pieces below that,
 * cut after a line break, else after a space, so no word or sentence is cut in two.
 */
const MAX_PIECE = 32_768;

function* pieces(text: string): Generator<{ offset: number; piece: string }> {
  let offset = 0;
  while (text.length - offset > MAX_PIECE) {
    const window = text.slice(offset, offset + MAX_PIECE);
    const cut = Math.max(window.lastIndexOf("\n"), window.lastIndexOf(" "));
    const end = cut > 0 ? offset + cut + 1 : offset + MAX_PIECE;
    yield { offset, piece: text.slice(offset, end) };
    offset = end;
  }
  yield { offset, piece: text.slice(offset) };
}

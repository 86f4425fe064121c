import type { KeyCode, Offset, Token, WordSequence } from "../types.ts";
import { foldText } from "./normalize.ts";
import { stemAt, stemCode, stemKey } from "./stem.ts";
import { forEachWord, segmenterPieces } from "./word-segments.ts";
import { sentenceStartsIn } from "./sentence-starts.ts";
import { splitLines, type Line } from "./lines.ts";

/**
 * Splits a text into word tokens with offsets into the original string and stemmed keys.
 * Hyphenated words are split ("пресс-служба" → "пресс", "служба"), which makes "пресс-служба" and
 * "пресс служба" match.
 *
 * Sentences are numbered densely, counting only those that hold a word, and a line always starts a new
 * one (headings lack final stops). Numbered line by line, the tokens of lines joined by blank lines are
 * the lines' tokens in order, sentence numbers shifted: the indexer tokenizes a source's text once and
 * assembles the words of its protected text from the lines it keeps.
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let sentence = -1;
  let lastLine = -1;
  let lastLocal = -1;
  tokenizeLines(text, foldText(text), (key, code, start, end, local, line) => {
    if (line !== lastLine || local !== lastLocal) {
      sentence++;
      lastLine = line;
      lastLocal = local;
    }
    tokens.push({ key, code, start, end, sentence });
  });
  return tokens;
}

/**
 * Receives a text's words in order: the stem key and its code, offsets into the whole text, the sentence
 * number within the line, and the line's index in `splitLines(text)`.
 */
export type WordSink = (key: string, code: KeyCode, start: Offset, end: Offset, sentence: number, line: number) => void;

/** A line of a text with its sentences. */
export interface LineSentences {
  line: Line;
  /** Where the line's sentences start, as offsets into the line (the first is 0), words or not. */
  sentenceStarts: Offset[];
}

/**
 * Gives a text's words to `emit`, sentences numbered from 0 in each line, and returns the lines with their
 * sentences. `folded` is `foldText(text)`. Words and sentences are found over the whole text at once:
 * a Segmenter call per line cost more than the segmenting itself. Neither crosses a line break (UAX #29
 * breaks both at one), so what a line gets equals segmenting the line alone, whatever text surrounds it.
 */
export function tokenizeLines(text: string, folded: string, emit: WordSink): LineSentences[] {
  const lines = splitLines(text).map((line): LineSentences => ({ line, sentenceStarts: [0] }));
  let at = 0;
  for (const start of sentenceStarts(text)) {
    while (at < lines.length && lines[at]!.line.end <= start) at++;
    if (at === lines.length) break;
    const { line, sentenceStarts: starts } = lines[at]!;
    if (start > line.start) starts.push(start - line.start);
  }
  at = 0;
  let local = -1;
  let sentence = -1;
  forEachWord(folded, (start, end) => {
    while (lines[at]!.line.end <= start) {
      at++;
      local = -1;
      sentence = -1;
    }
    const current = lines[at]!;
    const starts = current.sentenceStarts;
    let s = local < 0 ? 0 : local;
    while (s + 1 < starts.length && starts[s + 1]! <= start - current.line.start) s++;
    if (s !== local) {
      local = s;
      sentence++;
    }
    const stem = stemAt(folded, start, end);
    emit(stemKey(stem), stemCode(stem), start, end, sentence, at);
  });
  return lines;
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

/**
 * Start offsets of a text's sentences, as Segmenter finds them in the original (capitals matter), ascending
 * (`sentenceStartsIn` finds them without Segmenter where it can).
 * A piece that does not begin a line (a line over MAX_PIECE, cut at a space) does not begin a sentence.
 */
function sentenceStarts(text: string): Offset[] {
  const starts: Offset[] = [];
  for (const { offset, piece } of segmenterPieces(text)) {
    for (const index of sentenceStartsIn(piece)) {
      if (index > 0 || offset === 0 || text[offset - 1] === "\n" || text[offset - 1] === "\r") starts.push(offset + index);
    }
  }
  return starts;
}

import type { KeyCode, Offset, Token, WordSequence } from "../types.ts";
import { foldText } from "./normalize.ts";
import { stemmedWord } from "./stem.ts";
import { segmentWords, segmenterPieces } from "./word-segments.ts";
import { splitLines, type Line } from "./lines.ts";

const sentences = new Intl.Segmenter("ru", { granularity: "sentence" });

/**
 * Splits a text into word tokens with offsets into the original string and stemmed keys.
 * Hyphenated words are split ("пресс-служба" → "пресс", "служба"), which makes "пресс-служба" and
 * "пресс служба" match.
 *
 * Sentences are numbered densely, counting only those that hold a word, and a line always starts a new
 * one (headings lack final stops). The text is tokenized line by line, so the tokens of lines joined
 * by blank lines are the lines' tokens in order, sentence numbers shifted: the indexer tokenizes each
 * line once and assembles a source's words from the lines it keeps.
 */
export function tokenize(text: string): Token[] {
  const folded = foldText(text);
  const tokens: Token[] = [];
  let sentence = 0;
  const emit: WordSink = (key, code, start, end, s) => tokens.push({ key, code, start, end, sentence: s });
  for (const line of splitLines(text)) sentence += tokenizeLine(folded, line, sentence, emit).sentenceCount;
  return tokens;
}

/** Receives a line's words in order: the stem key and its code, offsets into the whole text, the sentence number. */
export type WordSink = (key: string, code: KeyCode, start: Offset, end: Offset, sentence: number) => void;

/** What `tokenizeLine` found besides tokens. */
export interface LineWords {
  /** Sentences of the line holding a word. */
  sentenceCount: number;
  /** Where the line's sentences start, as offsets into the line (the first is 0), words or not. */
  sentenceStarts: Offset[];
}

/**
 * Gives a line's words to `emit`, numbering its sentences from `firstSentence`. `folded` is `foldText`
 * of the whole text: folding keeps offsets, so one fold serves every line. The words go to a sink rather
 * than into Token objects because the indexer keeps only their codes and sentence numbers.
 */
export function tokenizeLine(folded: string, line: Line, firstSentence: number, emit: WordSink): LineWords {
  const starts = sentenceStarts(line.text);
  let local = -1;
  let sentence = firstSentence - 1;
  for (const { start, word } of segmentWords(folded.slice(line.start, line.end))) {
    let s = local < 0 ? 0 : local;
    while (s + 1 < starts.length && starts[s + 1]! <= start) s++;
    if (s !== local) {
      local = s;
      sentence++;
    }
    const { key, code } = stemmedWord(word);
    emit(key, code, line.start + start, line.start + start + word.length, sentence);
  }
  return { sentenceCount: sentence - firstSentence + 1, sentenceStarts: starts };
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

/** Start offsets of a line's sentences, as Segmenter finds them in the original (capitals matter). */
function sentenceStarts(line: string): Offset[] {
  const starts: Offset[] = [];
  for (const { offset, piece } of segmenterPieces(line)) for (const seg of sentences.segment(piece)) starts.push(offset + seg.index);
  return starts;
}

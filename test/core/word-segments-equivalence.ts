import { foldText } from "../../src/core/text/normalize.ts";
import { forEachWord, icuSegments, type WordSegment } from "../../src/core/text/word-segments.ts";
import { textFilesUnder } from "../support/text-files.ts";

/** Every line of every text file under `dir`, folded as the tokenizer folds it. */
export function foldedLines(dir: string): string[] {
  return textFilesUnder(dir).flatMap((text) => text.split("\n").map((line) => foldText(line.replace(/\\n/g, "\n"))));
}

/** The words `forEachWord` visits, in the shape `icuSegments` gives them. */
export function segmentWords(folded: string): WordSegment[] {
  const out: WordSegment[] = [];
  forEachWord(folded, (start, end) => out.push({ start, word: folded.slice(start, end) }));
  return out;
}

/** The texts among `texts` whose fast-path words differ from Segmenter's. */
export function differences(texts: readonly string[]): string[] {
  return texts.filter((t) => JSON.stringify(segmentWords(t)) !== JSON.stringify(icuSegments(t)));
}

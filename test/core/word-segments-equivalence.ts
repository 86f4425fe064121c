import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { foldText } from "../../src/core/text/normalize.ts";
import { forEachWord, icuSegments, type WordSegment } from "../../src/core/text/word-segments.ts";

/** Every line of every text file under `dir`, folded as the tokenizer folds it. */
export function foldedLines(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !/\.(txt|jsonl|html|md)$/.test(entry.name)) continue;
    const text = readFileSync(path.join(entry.parentPath, entry.name), "utf8");
    for (const line of text.split("\n")) out.push(foldText(line.replace(/\\n/g, "\n")));
  }
  return out;
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

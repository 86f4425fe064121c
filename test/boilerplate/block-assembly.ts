import { analyzeBlocks } from "../../src/core/boilerplate/analyze-blocks.ts";
import { blockKey } from "../../src/core/boilerplate/blocks.ts";
import { matchBoilerplate } from "../../src/core/boilerplate/patterns.ts";
import { protectBlocks } from "../../src/core/boilerplate/protect.ts";
import { tokenize, wordSequence } from "../../src/core/text/tokenize.ts";
import { textFilesUnder } from "../support/text-files.ts";

/** Every text file under a directory, with JSON-escaped line breaks restored (JSONL keeps a text on one line). */
export function texts(dir: string): string[] {
  return textFilesUnder(dir).map((text) => text.replace(/\\n/g, "\n"));
}

/**
 * What indexing assembles from analyzed blocks must be what a check gets by tokenizing the stored
 * protected text: the aligner compares the two. Every third block is taken for recurring, so blocks are
 * dropped from the start, the middle and the end.
 */
export function mismatches(all: readonly string[]): string[] {
  const bad: string[] = [];
  for (const text of all) {
    const blocks = analyzeBlocks(text);
    for (const block of blocks) {
      if (block.key !== blockKey(block.text) || block.pattern !== matchBoilerplate(block.text)) bad.push(block.text);
    }
    const dropped = new Set(blocks.filter((_, i) => i % 3 === 1).map((b) => b.key));
    for (const options of [{}, { isRecurring: (key: string) => dropped.has(key) }]) {
      const result = protectBlocks(blocks, options);
      const expected = wordSequence(tokenize(result.protectedText));
      if (!sameWords(result.words, expected)) bad.push(result.protectedText.slice(0, 200));
    }
  }
  return bad;
}

function sameWords(a: { codes: Uint32Array; sentences: Uint32Array }, b: { codes: Uint32Array; sentences: Uint32Array }): boolean {
  return a.codes.length === b.codes.length && a.codes.every((c, i) => c === b.codes[i] && a.sentences[i] === b.sentences[i]);
}

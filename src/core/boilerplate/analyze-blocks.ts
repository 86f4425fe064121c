import type { WordSequence } from "../types.ts";
import { foldText } from "../text/normalize.ts";
import { tokenizeLines } from "../text/tokenize.ts";
import { foldedBlockKey, type Block } from "./blocks.ts";
import { matchFoldedBoilerplate } from "./patterns.ts";

/** A block of a source's text with everything indexing needs to know of it. */
export interface AnalyzedBlock extends Block {
  /** `blockKey` of the block: counted per domain to find recurring boilerplate. */
  key: string;
  /** The built-in boilerplate pattern the block matches, or null. */
  pattern: string | null;
  /** The block's words, sentences numbered from 0 within the block. */
  words: WordSequence;
}

/**
 * Splits a text into blocks and analyzes each: its key, whether a built-in pattern makes it boilerplate,
 * and its words. The text is folded and tokenized once, block by block; which blocks are kept is
 * decided afterwards (`protectBlocks`), when the domain's block counts are known, and needs neither again.
 * Everything here is a pure function of the text, so it can run apart from the store (another thread).
 */
export function analyzeBlocks(text: string): AnalyzedBlock[] {
  const folded = foldText(text);
  // A word takes at least one character (CJK words need no separator between them).
  const scratch = wordScratch(text.length);
  let count = 0;
  const lines = tokenizeLines(text, folded, (_key, code, _start, _end, sentence, line) => {
    scratch.codes[count] = code;
    scratch.sentences[count] = sentence;
    scratch.lines[count++] = line;
  });
  // The blocks' words are views of one buffer, codes then sentences: an ArrayBuffer costs the collector more
  // than its contents, and a thread passes one on without copying it.
  const words = new Uint32Array(2 * count);
  words.set(scratch.codes.subarray(0, count));
  words.set(scratch.sentences.subarray(0, count), count);
  let word = 0;
  return lines.map(({ line: block, sentenceStarts }, index) => {
    const first = word;
    while (word < count && scratch.lines[word] === index) word++;
    const blockFolded = folded.slice(block.start, block.end);
    return {
      ...block,
      key: foldedBlockKey(blockFolded),
      pattern: matchFoldedBoilerplate(block.text, blockFolded, sentenceStarts),
      words: { codes: words.subarray(first, word), sentences: words.subarray(count + first, count + word) },
    };
  });
}

/** Per-word scratch arrays, reused from text to text and grown when a text needs more. */
let scratch = { codes: new Uint32Array(0), sentences: new Uint32Array(0), lines: new Uint32Array(0) };

function wordScratch(words: number): typeof scratch {
  if (scratch.codes.length < words) {
    const size = Math.max(words, 2 * scratch.codes.length);
    scratch = { codes: new Uint32Array(size), sentences: new Uint32Array(size), lines: new Uint32Array(size) };
  }
  return scratch;
}

import type { WordSequence } from "../types.ts";
import { foldText } from "../text/normalize.ts";
import { tokenizeLine } from "../text/tokenize.ts";
import { foldedBlockKey, splitBlocks, type Block } from "./blocks.ts";
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
 * and its words. The text is folded once and each block is tokenized once; which blocks are kept is
 * decided afterwards (`protectBlocks`), when the domain's block counts are known, and needs neither again.
 * Everything here is a pure function of the text, so it can run apart from the store (another thread).
 */
export function analyzeBlocks(text: string): AnalyzedBlock[] {
  const folded = foldText(text);
  return splitBlocks(text).map((block) => {
    // A word takes at least one character (CJK words need no separator between them).
    const capacity = block.text.length;
    const codes = new Uint32Array(capacity);
    const sentences = new Uint32Array(capacity);
    let count = 0;
    const line = tokenizeLine(folded, block, 0, (_key, code, _start, _end, sentence) => {
      codes[count] = code;
      sentences[count++] = sentence;
    });
    const blockFolded = folded.slice(block.start, block.end);
    return {
      ...block,
      key: foldedBlockKey(blockFolded),
      pattern: matchFoldedBoilerplate(block.text, blockFolded, line.sentenceStarts),
      words: { codes: codes.slice(0, count), sentences: sentences.slice(0, count) },
    };
  });
}

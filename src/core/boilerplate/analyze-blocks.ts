import type { Token, WordSequence } from "../types.ts";
import { foldText } from "../text/normalize.ts";
import { tokenizeLine, wordSequence } from "../text/tokenize.ts";
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
    const tokens: Token[] = [];
    const line = tokenizeLine(text, folded, block, 0, tokens);
    const blockFolded = folded.slice(block.start, block.end);
    return {
      ...block,
      key: foldedBlockKey(blockFolded),
      pattern: matchFoldedBoilerplate(block.text, blockFolded, line.sentenceStarts),
      words: wordSequence(tokens),
    };
  });
}

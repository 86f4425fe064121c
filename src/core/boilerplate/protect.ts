import type { WordSequence } from "../types.ts";
import type { Block } from "./blocks.ts";
import { analyzeBlocks, type AnalyzedBlock } from "./analyze-blocks.ts";

/**
 * A block held by at least this many sources of one domain is that domain's boilerplate, the way passim
 * drops n-grams that are too frequent. Two is not enough: an outlet legitimately repeats a paragraph in
 * two articles (an update republished at a new address, the same background paragraph in a story and its
 * follow-up), and that paragraph is the outlet's own text worth protecting. Three articles that share a
 * line exactly (digits aside) are a template: the policy notice, "read also", a subscription call, a
 * standing rate line. A higher threshold would only delay detection on a young archive: the notice must be
 * recognized after the first few articles are indexed, not after dozens.
 */
export const MIN_RECURRING_SOURCES = 3;

/** A source's text split into what the policy protects and what is boilerplate. */
export interface ProtectedText {
  /** The kept blocks joined by "\n\n": what the reused share is measured against. */
  protectedText: string;
  /** The texts of the removed blocks, in order. */
  removed: string[];
  /** The kept blocks, with offsets into the original text. */
  kept: Block[];
  /** The words of `protectedText`: equal to `wordSequence(tokenize(protectedText))`, assembled from the kept blocks' words. */
  words: WordSequence;
}

export interface ProtectOptions {
  /** Whether the block with this `blockKey` recurs across the domain's sources (see `recurrenceFromCounts`). */
  isRecurring?: (key: string) => boolean;
}

/** Removes boilerplate blocks from a source's text: those matching a built-in pattern, and recurring ones. */
export function protectText(text: string, options: ProtectOptions = {}): ProtectedText {
  return protectBlocks(analyzeBlocks(text), options);
}

/** `protectText` of a text already analyzed. */
export function protectBlocks(blocks: readonly AnalyzedBlock[], options: ProtectOptions = {}): ProtectedText {
  const { isRecurring } = options;
  const removed: string[] = [];
  const kept: AnalyzedBlock[] = [];
  for (const block of blocks) {
    const boilerplate = block.pattern !== null || (isRecurring !== undefined && isRecurring(block.key));
    if (boilerplate) removed.push(block.text);
    else kept.push(block);
  }
  return {
    protectedText: kept.map((block) => block.text).join("\n\n"),
    removed,
    kept: kept.map(({ text, start, end }) => ({ text, start, end })),
    words: joinWords(kept.map((block) => block.words)),
  };
}

/** Words of blocks one after another: no sentence runs across a block, so each block's are shifted past the previous ones'. */
function joinWords(parts: readonly WordSequence[]): WordSequence {
  const length = parts.reduce((n, part) => n + part.codes.length, 0);
  const codes = new Uint32Array(length);
  const sentences = new Uint32Array(length);
  let at = 0;
  let firstSentence = 0;
  for (const part of parts) {
    codes.set(part.codes, at);
    for (let i = 0; i < part.sentences.length; i++) sentences[at + i] = part.sentences[i]! + firstSentence;
    at += part.codes.length;
    if (part.sentences.length > 0) firstSentence += part.sentences[part.sentences.length - 1]! + 1;
  }
  return { codes, sentences };
}

/**
 * The recurrence predicate for block counts as `SourceStore.blockCounts` returns them (plus the source itself)
 * (block key → number of the domain's sources holding it).
 */
export function recurrenceFromCounts(counts: ReadonlyMap<string, number>): (key: string) => boolean {
  return (key) => (counts.get(key) ?? 0) >= MIN_RECURRING_SOURCES;
}

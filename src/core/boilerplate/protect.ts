import { blockKey, splitBlocks } from "./blocks.ts";
import type { Block } from "./blocks.ts";
import { matchBoilerplate } from "./patterns.ts";

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
}

export interface ProtectOptions {
  /** Whether the block with this `blockKey` recurs across the domain's sources (see `recurrenceFromCounts`). */
  isRecurring?: (key: string) => boolean;
}

/** Removes boilerplate blocks from a source's text: those matching a built-in pattern, and recurring ones. */
export function protectText(text: string, options: ProtectOptions = {}): ProtectedText {
  const { isRecurring } = options;
  const removed: string[] = [];
  const kept: Block[] = [];
  for (const block of splitBlocks(text)) {
    const boilerplate =
      matchBoilerplate(block.text) !== null || (isRecurring !== undefined && isRecurring(blockKey(block.text)));
    if (boilerplate) removed.push(block.text);
    else kept.push(block);
  }
  return { protectedText: kept.map((block) => block.text).join("\n\n"), removed, kept };
}

/**
 * The recurrence predicate for block counts as `SourceStore.blockCounts` returns them (plus the source itself)
 * (block key → number of the domain's sources holding it).
 */
export function recurrenceFromCounts(counts: ReadonlyMap<string, number>): (key: string) => boolean {
  return (key) => (counts.get(key) ?? 0) >= MIN_RECURRING_SOURCES;
}

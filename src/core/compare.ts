import type { Token } from "./types.ts";
import type { Alignment } from "./align/align.ts";
import { align } from "./align/align.ts";
import { tokenize, wordSequence } from "./text/tokenize.ts";
import { measureReuse, type Reuse } from "./share/measure.ts";
import { DEFAULT_DETECTION_OPTIONS, type DetectionOptions } from "./options.ts";

/** Two texts aligned: the measured reuse plus the tokens and word pairs behind it, for display. */
export interface Comparison extends Reuse {
  sourceTokens: Token[];
  candidateTokens: Token[];
  alignments: Alignment[];
}

/** Aligns one candidate text against one source's protected text, without an index. */
export function compareTexts(sourceText: string, candidateText: string, options: Readonly<DetectionOptions> = DEFAULT_DETECTION_OPTIONS): Comparison {
  const sourceTokens = tokenize(sourceText);
  const candidateTokens = tokenize(candidateText);
  const alignments = align(wordSequence(sourceTokens), wordSequence(candidateTokens), options);
  const reuse = measureReuse({ sourceText, sourceTokens, candidateTokens, alignments, references: [], quotations: [] });
  return { ...reuse, sourceTokens, candidateTokens, alignments };
}

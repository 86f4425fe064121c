/** Token-level agreement of an extracted text with the expected one. */
export interface TokenScore {
  /** Tokens of the extracted text. */
  extracted: number;
  /** Tokens of the expected text. */
  expected: number;
  /** Tokens the two share, counted as multisets. */
  shared: number;
}

/** Words and numbers, case-folded with ё as е: what token-level extraction benchmarks compare. */
export function tokens(text: string): string[] {
  return text.toLowerCase().replace(/ё/g, "е").match(/[\p{L}\p{M}]+|\p{N}+/gu) ?? [];
}

/**
 * Bag-of-tokens overlap, as the article-extraction benchmarks score it: order is ignored, so a paragraph
 * taken in another order costs nothing, while every extra or missing word does.
 */
export function scoreTokens(extracted: string, expected: string): TokenScore {
  const counts = new Map<string, number>();
  const expectedTokens = tokens(expected);
  for (const token of expectedTokens) counts.set(token, (counts.get(token) ?? 0) + 1);
  const extractedTokens = tokens(extracted);
  let shared = 0;
  for (const token of extractedTokens) {
    const left = counts.get(token) ?? 0;
    if (left > 0) {
      shared++;
      counts.set(token, left - 1);
    }
  }
  return { extracted: extractedTokens.length, expected: expectedTokens.length, shared };
}

/** Precision, recall and F1 of one score or of several pooled (micro-averaged). */
export function prf(scores: readonly TokenScore[]): { precision: number; recall: number; f: number } {
  const shared = scores.reduce((n, s) => n + s.shared, 0);
  const precision = shared / Math.max(1, scores.reduce((n, s) => n + s.extracted, 0));
  const recall = shared / Math.max(1, scores.reduce((n, s) => n + s.expected, 0));
  return { precision, recall, f: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall) };
}

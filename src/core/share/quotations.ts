import type { Span } from "../types.ts";

/**
 * Fewest words a quoted span needs to count as a quotation of someone's words. Russian news puts
 * names of companies, laws and programmes in «…» too («Казмунайгаз», «Об образовании»); those are short,
 * while a statement is a clause. Five words separate the two in our fixtures and the seed.
 */
const MIN_QUOTATION_WORDS = 5;

const PAIRS: ReadonlyArray<[string, string]> = [
  ["«", "»"],
  ["“", "”"],
  ["„", "“"],
  ['"', '"'],
];

/** Spans of quoted statements (the quotes included), outermost only. */
export function findQuotations(text: string): Span[] {
  const spans: Span[] = [];
  let i = 0;
  while (i < text.length) {
    const pair = PAIRS.find(([open]) => open === text[i]);
    if (!pair) {
      i++;
      continue;
    }
    const end = closingQuote(text, i, pair);
    if (end < 0) {
      i++;
      continue;
    }
    const inner = text.slice(i + 1, end);
    if ((inner.match(/[\p{L}\p{N}]+/gu)?.length ?? 0) >= MIN_QUOTATION_WORDS) spans.push({ start: i, end: end + 1 });
    i = end + 1;
  }
  return spans;
}

/** Index of the quote closing the one at `open`, honouring nesting of the same pair; -1 if none in the paragraph. */
function closingQuote(text: string, open: number, [o, c]: [string, string]): number {
  let depth = 0;
  for (let j = open + 1; j < text.length; j++) {
    const ch = text[j];
    if (ch === "\n" && text[j + 1] === "\n") return -1;
    if (ch === c && (o === c || depth === 0)) return j;
    if (ch === c) depth--;
    else if (ch === o) depth++;
  }
  return -1;
}

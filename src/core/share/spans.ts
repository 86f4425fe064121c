import type { Span } from "../types.ts";

/** Sorted, non-overlapping spans covering the same characters as the input. */
export function unionSpans(spans: readonly Span[]): Span[] {
  const sorted = [...spans].filter((s) => s.end > s.start).sort((a, b) => a.start - b.start);
  const out: Span[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ start: s.start, end: s.end });
  }
  return out;
}

/** Characters of `a` not in `b`; both sorted and non-overlapping. */
export function subtractSpans(a: readonly Span[], b: readonly Span[]): Span[] {
  const out: Span[] = [];
  let j = 0;
  for (const s of a) {
    let start = s.start;
    while (j < b.length && b[j]!.end <= start) j++;
    let k = j;
    while (k < b.length && b[k]!.start < s.end) {
      if (b[k]!.start > start) out.push({ start, end: b[k]!.start });
      start = Math.max(start, b[k]!.end);
      k++;
    }
    if (start < s.end) out.push({ start, end: s.end });
  }
  return out;
}

/** Characters in both `a` and `b`; both sorted and non-overlapping. */
export function intersectSpans(a: readonly Span[], b: readonly Span[]): Span[] {
  return subtractSpans(a, subtractSpans(a, b));
}

export function spanLength(spans: readonly Span[]): number {
  let total = 0;
  for (const s of spans) total += s.end - s.start;
  return total;
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

/**
 * Closes the gaps between covered spans that hold no letter or digit (spaces, punctuation, paragraph
 * breaks), including the text's edges, so a verbatim copy of the whole text covers all of it; then drops
 * spans left with no letter or digit. Without this, a full copy would read as 99.x% and a share would
 * depend on how many paragraph breaks the source has.
 */
export function closeNonWordGaps(text: string, spans: readonly Span[]): Span[] {
  const merged = unionSpans(spans);
  const out: Span[] = [];
  for (let i = 0; i < merged.length; i++) {
    const s = { ...merged[i]! };
    const prevEnd = out.length ? out[out.length - 1]!.end : 0;
    if (!WORD_CHAR.test(text.slice(prevEnd, s.start))) {
      if (out.length) {
        out[out.length - 1]!.end = s.end;
        continue;
      }
      s.start = 0;
    }
    out.push(s);
  }
  const last = out[out.length - 1];
  if (last && !WORD_CHAR.test(text.slice(last.end))) last.end = text.length;
  return out.filter((s) => WORD_CHAR.test(text.slice(s.start, s.end)));
}

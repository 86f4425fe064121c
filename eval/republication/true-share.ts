/**
 * The true reused share of a source, computed from what the generator embedded, on the same definition
 * as the engine's `measureReuse` (src/core/share/measure.ts) but implemented independently here so a bug
 * there cannot hide itself:
 * - the denominator is the length of the source's whole protected text;
 * - the numerator counts the characters of each embedded sentence from its first to its last embedded
 *   word (the README's definition: a word deleted or changed inside a reused sentence counts, a sentence
 *   left out does not), where a stretch between two counted ranges (or between one and the text's edge)
 *   that holds no letter or digit (spaces, punctuation, paragraph breaks) counts too: copying a whole
 *   text is 100%, not 99.x%;
 * - text also found in a reference document published earlier (a press release the publisher itself
 *   took) does not count.
 */

export interface CharRange {
  start: number;
  end: number;
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

export function union(ranges: readonly CharRange[]): CharRange[] {
  const sorted = ranges.filter((r) => r.end > r.start).sort((a, b) => a.start - b.start);
  const out: CharRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else out.push({ ...r });
  }
  return out;
}

export function length(ranges: readonly CharRange[]): number {
  return union(ranges).reduce((n, r) => n + r.end - r.start, 0);
}

/** Characters in both; inputs need not be sorted. */
export function intersect(a: readonly CharRange[], b: readonly CharRange[]): CharRange[] {
  const out: CharRange[] = [];
  for (const x of union(a)) {
    for (const y of union(b)) {
      const start = Math.max(x.start, y.start);
      const end = Math.min(x.end, y.end);
      if (end > start) out.push({ start, end });
    }
  }
  return union(out);
}

/** Characters of `a` not in `b`. */
export function subtract(a: readonly CharRange[], b: readonly CharRange[]): CharRange[] {
  let rest = union(a);
  for (const y of union(b)) {
    rest = rest.flatMap((x) => {
      if (y.end <= x.start || y.start >= x.end) return [x];
      const parts: CharRange[] = [];
      if (y.start > x.start) parts.push({ start: x.start, end: y.start });
      if (y.end < x.end) parts.push({ start: y.end, end: x.end });
      return parts;
    });
  }
  return rest;
}

/** Joins ranges separated only by non-word characters, and extends to the text's edges across such characters. */
export function closeGaps(text: string, ranges: readonly CharRange[]): CharRange[] {
  const merged = union(ranges);
  if (merged.length === 0) return [];
  const out: CharRange[] = [];
  for (const r of merged) {
    const last = out[out.length - 1];
    const gapStart = last ? last.end : 0;
    if (!WORD_CHAR.test(text.slice(gapStart, r.start))) {
      if (last) last.end = r.end;
      else out.push({ start: 0, end: r.end });
    } else out.push({ ...r });
  }
  const last = out[out.length - 1]!;
  if (!WORD_CHAR.test(text.slice(last.end))) last.end = text.length;
  return out.filter((r) => WORD_CHAR.test(text.slice(r.start, r.end)));
}

export interface TrueReuse {
  /** Characters counted as reused. */
  reusedChars: number;
  /** Characters covered by embedded words but found in an earlier reference document. */
  excludedChars: number;
  share: number;
}

/**
 * @param text the source's protected text
 * @param embedded ranges of `text` the page embeds: each embedded sentence's, from its first to its last
 *   embedded word (or, for the embedded-only reading, each embedded word)
 * @param referenceRanges ranges of `text` that an earlier reference document also holds
 */
export function trueReuse(text: string, embedded: readonly CharRange[], referenceRanges: readonly CharRange[] = []): TrueReuse {
  const covered = closeGaps(text, embedded);
  const excluded = intersect(covered, closeGaps(text, intersect(covered, referenceRanges)));
  const counted = intersect(closeGaps(text, subtract(covered, excluded)), covered);
  const reusedChars = length(counted);
  return { reusedChars, excludedChars: length(covered) - reusedChars, share: text.length === 0 ? 0 : reusedChars / text.length };
}

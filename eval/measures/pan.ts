/**
 * The PAN text-alignment measures (Potthast et al., COLING 2010), character-level and micro-averaged as
 * PlagEvalRus recommends (`text_alignment_measures.py --micro`), exactly as specified in
 * `../shared/eval/data/pan-text-alignment-spec/SOURCE.md`.
 */

/**
 * A plagiarism case (truth) or a detection: a stretch of the suspicious document `tref` and, for external
 * (cross-document) annotations, the stretch of the source document `sref` it came from. Offsets are
 * character offsets; `sref: null` marks an annotation with no source side (PAN's intrinsic annotations),
 * for which only the suspicious side is compared and counted.
 */
export interface Annotation {
  tref: string;
  toff: number;
  tlen: number;
  sref: string | null;
  soff: number;
  slen: number;
}

export interface MicroScores {
  precision: number;
  recall: number;
  granularity: number;
  plagdet: number;
}

/** PAN's overlap: same suspicious document and overlapping there; when both are external, the same on the source side. */
export function overlaps(a: Annotation, b: Annotation): boolean {
  if (a.tref !== b.tref) return false;
  if (!(b.toff + b.tlen > a.toff && b.toff < a.toff + a.tlen)) return false;
  if (a.sref === null || b.sref === null) return true;
  return a.sref === b.sref && b.soff + b.slen > a.soff && b.soff < a.soff + a.slen;
}

/** The script reads annotations as a set: exact duplicates collapse. */
function dedupe(list: readonly Annotation[]): Annotation[] {
  const seen = new Map<string, Annotation>();
  for (const a of list) seen.set(JSON.stringify([a.tref, a.toff, a.tlen, a.sref, a.soff, a.slen]), a);
  return [...seen.values()];
}

/** The overlap of case `a` with detection `b` (references of `a`); the source side only when both are external. */
function clip(a: Annotation, b: Annotation): Annotation {
  const toff = Math.max(a.toff, b.toff);
  const tend = Math.min(a.toff + a.tlen, b.toff + b.tlen);
  if (a.sref === null || b.sref === null) return { tref: a.tref, toff, tlen: tend - toff, sref: null, soff: 0, slen: 0 };
  const soff = Math.max(a.soff, b.soff);
  const send = Math.min(a.soff + a.slen, b.soff + b.slen);
  return { tref: a.tref, toff, tlen: tend - toff, sref: a.sref, soff, slen: send - soff };
}

/** Characters covered by the annotations, each position counted once per document and side. */
export function countChars(list: readonly Annotation[]): number {
  const bySide = new Map<string, Array<[number, number]>>();
  const add = (key: string, off: number, len: number) => {
    if (len <= 0) return;
    const spans = bySide.get(key) ?? [];
    spans.push([off, off + len]);
    bySide.set(key, spans);
  };
  for (const a of list) {
    add(`t\u0000${a.tref}`, a.toff, a.tlen);
    if (a.sref !== null) add(`s\u0000${a.sref}`, a.soff, a.slen);
  }
  let total = 0;
  for (const spans of bySide.values()) {
    spans.sort((x, y) => x[0] - y[0]);
    let end = -Infinity;
    for (const [s, e] of spans) {
      if (e <= end) continue;
      total += e - Math.max(s, end);
      end = e;
    }
  }
  return total;
}

/** Micro recall = chars(T) / chars(S), T being every detection clipped to each case it overlaps. */
export function microRecall(cases: readonly Annotation[], detections: readonly Annotation[]): number {
  const S = dedupe(cases);
  const R = dedupe(detections);
  if (S.length === 0 && R.length === 0) return 1;
  if (S.length === 0 || R.length === 0) return 0;
  const T: Annotation[] = [];
  for (const s of S) for (const r of R) if (overlaps(s, r)) T.push(clip(s, r));
  return countChars(T) / countChars(S);
}

/** Micro precision: micro recall with the roles of cases and detections swapped. */
export function microPrecision(cases: readonly Annotation[], detections: readonly Annotation[]): number {
  return microRecall(detections, cases);
}

/** Mean number of detections per detected case; 1 when no case is detected. */
export function granularity(cases: readonly Annotation[], detections: readonly Annotation[]): number {
  const R = dedupe(detections);
  let detected = 0;
  let total = 0;
  for (const s of dedupe(cases)) {
    const n = R.filter((r) => overlaps(s, r)).length;
    if (n > 0) {
      detected++;
      total += n;
    }
  }
  return detected === 0 ? 1 : total / detected;
}

/** F1 of precision and recall, discounted by log2(1 + granularity). */
export function plagdet(precision: number, recall: number, gran: number): number {
  if ((precision === 0 && recall === 0) || precision < 0 || recall < 0 || gran < 1) return 0;
  return (2 * precision * recall) / (precision + recall) / Math.log2(1 + gran);
}

export function microScores(cases: readonly Annotation[], detections: readonly Annotation[]): MicroScores {
  const precision = microPrecision(cases, detections);
  const recall = microRecall(cases, detections);
  const gran = granularity(cases, detections);
  return { precision, recall, granularity: gran, plagdet: plagdet(precision, recall, gran) };
}

/** A half-open character range of one document. */
export interface CharSpan {
  start: number;
  end: number;
}

/** Characters of `span` covered by any of `covering`. */
export function coveredChars(span: CharSpan, covering: readonly CharSpan[]): number {
  const clipped = covering
    .map((c) => [Math.max(span.start, c.start), Math.min(span.end, c.end)] as const)
    .filter(([s, e]) => e > s)
    .sort((x, y) => x[0] - y[0]);
  let total = 0;
  let end = -Infinity;
  for (const [s, e] of clipped) {
    if (e <= end) continue;
    total += e - Math.max(s, end);
    end = e;
  }
  return total;
}

/**
 * The fragment-level recall criterion: a borrowed fragment counts as found when at least this
 * share of its characters lies inside passages.
 */
export const FRAGMENT_FOUND_SHARE = 0.5;

export function fragmentFound(fragment: CharSpan, passages: readonly CharSpan[]): boolean {
  const length = fragment.end - fragment.start;
  return length > 0 && coveredChars(fragment, passages) >= FRAGMENT_FOUND_SHARE * length;
}

/** Share of passage characters (union) that lie inside borrowed fragments; 1 when there are no passages. */
export function passagePrecision(passages: readonly CharSpan[], fragments: readonly CharSpan[]): number {
  const union = unionOf(passages);
  const total = union.reduce((n, s) => n + s.end - s.start, 0);
  if (total === 0) return 1;
  const inside = union.reduce((n, s) => n + coveredChars(s, fragments), 0);
  return inside / total;
}

export function unionOf(spans: readonly CharSpan[]): CharSpan[] {
  const sorted = spans.filter((s) => s.end > s.start).sort((a, b) => a.start - b.start);
  const out: CharSpan[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ start: s.start, end: s.end });
  }
  return out;
}

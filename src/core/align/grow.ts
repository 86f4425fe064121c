import type { WordSequence } from "../types.ts";
import type { TokenPair } from "./align.ts";
import { frequentWords } from "./frequent-words.ts";

/**
 * Words a passage may grow by, at either end, past unmatched words: one changed or deleted word on the
 * source side, or a filler of up to two words inserted on the candidate side ("при этом", "отметим, что").
 */
const EDGE_GAP = 2;

/**
 * Words a passage may grow by at each end. Two cover a sentence's edited opening or close; more would let
 * one seed grow, a word at a time, over a sentence rewritten every other word, and would take from `mayAlign`
 * its bound of two seeds per passage.
 */
export const EDGE_WORDS = 2;

/**
 * Adds to a passage the single shared words that seeds (runs of `seedLength` equal words) cannot anchor
 * where the surroundings already agree: words between two of its aligned words, and words just past its
 * ends within the same source sentence. One edited word in every three breaks every seed, and a passage
 * that loses those words falls under the minimum or stops short of its sentence's first and last word.
 * Words past the ends (at most `EDGE_WORDS` at each) must sit within `EDGE_GAP` on both sides and in the
 * same source sentence, so a word of the reuser's own text beside a passage does not stretch it into the
 * source's next sentence; and the outermost must not be a frequent word (see `frequentWords`): "об этом"
 * before an agency's formula with one word changed would otherwise lift the formula to the minimum passage.
 * Returns pairs increasing on both sides, the input pairs among them.
 */
export function growPairs(pairs: readonly TokenPair[], source: WordSequence, candidate: WordSequence): TokenPair[] {
  const out: TokenPair[] = [];
  for (const p of pairs) {
    const last = out[out.length - 1];
    if (last) out.push(...commonWords(source, candidate, last, p));
    out.push(p);
  }
  return [...growBefore(out[0]!, source, candidate), ...out, ...growAfter(out[out.length - 1]!, source, candidate)];
}

/** The longest run of equal words, in order on both sides, strictly between two aligned pairs. */
function commonWords(source: WordSequence, candidate: WordSequence, from: TokenPair, to: TokenPair): TokenPair[] {
  const rows = to.source - from.source - 1;
  const cols = to.candidate - from.candidate - 1;
  if (rows <= 0 || cols <= 0) return [];
  // Longest common subsequence over gaps bounded by maxGap: at most a few dozen cells.
  const width = cols + 1;
  const table = new Uint16Array((rows + 1) * width);
  for (let i = rows - 1; i >= 0; i--) {
    for (let j = cols - 1; j >= 0; j--) {
      const c = from.candidate + 1 + j;
      const equal = source.codes[from.source + 1 + i] === candidate.codes[c];
      table[i * width + j] = equal ? table[(i + 1) * width + j + 1]! + 1 : Math.max(table[(i + 1) * width + j]!, table[i * width + j + 1]!);
    }
  }
  const found: TokenPair[] = [];
  for (let i = 0, j = 0; i < rows && j < cols; ) {
    const c = from.candidate + 1 + j;
    if (source.codes[from.source + 1 + i] === candidate.codes[c] && table[i * width + j] === table[(i + 1) * width + j + 1]! + 1) {
      found.push({ source: from.source + 1 + i, candidate: c });
      i++;
      j++;
    } else if (table[(i + 1) * width + j]! >= table[i * width + j + 1]!) i++;
    else j++;
  }
  return found;
}

function growBefore(first: TokenPair, source: WordSequence, candidate: WordSequence): TokenPair[] {
  const found: TokenPair[] = [];
  for (let at = first; found.length < EDGE_WORDS; ) {
    const next = nearest(at, -1, source, candidate);
    if (!next) break;
    found.push(next);
    at = next;
  }
  return withoutFrequentEnd(found, source).reverse();
}

function growAfter(last: TokenPair, source: WordSequence, candidate: WordSequence): TokenPair[] {
  const found: TokenPair[] = [];
  for (let at = last; found.length < EDGE_WORDS; ) {
    const next = nearest(at, 1, source, candidate);
    if (!next) break;
    found.push(next);
    at = next;
  }
  return withoutFrequentEnd(found, source);
}

/** Grown words, nearest first, up to the last that is not a frequent word. */
function withoutFrequentEnd(grown: TokenPair[], source: WordSequence): TokenPair[] {
  const frequent = frequentWords();
  let keep = grown.length;
  while (keep > 0 && frequent.has(source.codes[grown[keep - 1]!.source]!)) keep--;
  return grown.slice(0, keep);
}

/** The closest pair of equal words beyond `at` in direction `step`, within `EDGE_GAP` and `at`'s source sentence. */
function nearest(at: TokenPair, step: 1 | -1, source: WordSequence, candidate: WordSequence): TokenPair | null {
  for (let distance = 0; distance <= 2 * EDGE_GAP; distance++) {
    for (let gapS = Math.max(0, distance - EDGE_GAP); gapS <= Math.min(distance, EDGE_GAP); gapS++) {
      const s = at.source + step * (gapS + 1);
      const c = at.candidate + step * (distance - gapS + 1);
      if (s < 0 || c < 0 || s >= source.codes.length || c >= candidate.codes.length) continue;
      if (source.sentences[s] !== source.sentences[at.source]) continue;
      if (source.codes[s] === candidate.codes[c]) return { source: s, candidate: c };
    }
  }
  return null;
}

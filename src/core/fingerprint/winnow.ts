import type { KeyCode } from "../types.ts";
import { hashCodes } from "./hash.ts";
import { WHOLE_SENTENCE_SOURCE_WORDS } from "../align/whole-sentence.ts";

/** A selected n-gram hash and the index of its first token. */
export interface Fingerprint {
  hash: number;
  token: number;
}

/**
 * Winnowing (Schleimer, Wilkerson, Aiken 2003) over word n-grams: hash every `k`-gram of key codes and keep
 * the minimum hash of each window of `w` consecutive hashes (rightmost on ties, so a run of equal
 * minima yields one fingerprint). Any run of `w + k - 1` shared keys is guaranteed to share a
 * fingerprint. Texts of at most `WHOLE_SENTENCE_SOURCE_WORDS` words keep every n-gram: one sentence of
 * such a text may count alone (see `wholeSentenceRule`), and a sentence of five or six words holds too few
 * n-grams for winnowing to be sure to keep one of them; those texts are few and short, so the index grows
 * little.
 */
export function winnow(codes: ArrayLike<KeyCode>, k: number, w: number): Fingerprint[] {
  const grams = codes.length - k + 1;
  if (grams <= 0) return [];
  const hashes = new Array<number>(grams);
  for (let i = 0; i < grams; i++) hashes[i] = hashCodes(codes, i, k);
  const out: Fingerprint[] = [];
  const window = codes.length <= WHOLE_SENTENCE_SOURCE_WORDS ? 1 : Math.min(w, grams);
  let last = -1;
  for (let start = 0; start + window <= grams; start++) {
    let min = start;
    for (let i = start + 1; i < start + window; i++) if (hashes[i]! <= hashes[min]!) min = i;
    if (min !== last) {
      out.push({ hash: hashes[min]!, token: min });
      last = min;
    }
  }
  return out;
}

import type { KeyCode } from "../types.ts";
import { hashCodes } from "./hash.ts";

/**
 * Texts of at most this many words are winnowed with `SHORT_TEXT_WINDOW`: in them a sentence of seven words
 * is 5%, a share the aligner reports alone (see `wholeSentenceRule`), and such a sentence holds too few
 * n-grams for the usual window to be sure to keep one. News samples have a median of about 130 words.
 */
export const SHORT_TEXT_WORDS = 140;

/**
 * With k = 3, a window of 2 keeps a fingerprint in any run of 4 shared words, so a reused sentence of five
 * to seven words with one word edited is still found. A window of 1 (every n-gram) found no more in the
 * republication suite and stored 1.5 times the news samples' fingerprints, against 1.25 times for this.
 */
const SHORT_TEXT_WINDOW = 2;

/** A selected n-gram hash and the index of its first token. */
export interface Fingerprint {
  hash: number;
  token: number;
}

/**
 * Winnowing (Schleimer, Wilkerson, Aiken 2003) over word n-grams: hash every `k`-gram of key codes and keep
 * the minimum hash of each window of `w` consecutive hashes (rightmost on ties, so a run of equal
 * minima yields one fingerprint). Any run of `w + k - 1` shared keys is guaranteed to share a
 * fingerprint. Short texts (`SHORT_TEXT_WORDS`) are winnowed with a smaller window, `SHORT_TEXT_WINDOW`;
 * texts shorter than one window keep their minimum hash, so short texts are still found.
 */
export function winnow(codes: ArrayLike<KeyCode>, k: number, w: number): Fingerprint[] {
  const grams = codes.length - k + 1;
  if (grams <= 0) return [];
  const hashes = new Array<number>(grams);
  for (let i = 0; i < grams; i++) hashes[i] = hashCodes(codes, i, k);
  const out: Fingerprint[] = [];
  const window = Math.min(codes.length <= SHORT_TEXT_WORDS ? Math.min(w, SHORT_TEXT_WINDOW) : w, grams);
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

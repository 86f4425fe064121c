import type { KeyCode } from "../types.ts";

/**
 * Hashes of words and word n-grams, all 32-bit. Fingerprints are 32-bit too: at 100k sources the index
 * holds ~6M distinct fingerprints, so a candidate's fingerprint meets an unrelated one by collision with
 * odds of ~0.1%, which only adds a source to align (and alignment compares the words themselves). In
 * exchange every posting is 4 bytes smaller than with 52-bit hashes.
 */

/** 32-bit FNV-1a of a string's UTF-16 code units. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * The code of a word key. Two keys share a code with odds of 2⁻³²; among the ~200k distinct stems of a
 * large archive that makes a handful of merged pairs, each as harmless as one stemming error.
 */
export function keyCode(key: string): KeyCode {
  return hashString(key);
}

/** A 32-bit hash of `count` key codes from `from`: order-sensitive (a word n-gram, not a bag). */
export function hashCodes(codes: ArrayLike<KeyCode>, from: number, count: number): number {
  let h = 0x9747b28c;
  for (let i = from; i < from + count; i++) {
    // murmur3's 32-bit mixing step per code, so neighbouring codes do not cancel out.
    let k = Math.imul(codes[i]!, 0xcc9e2d51);
    k = Math.imul((k << 15) | (k >>> 17), 0x1b873593);
    h ^= k;
    h = Math.imul((h << 13) | (h >>> 19), 5) + 0xe6546b64;
  }
  h ^= count;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * Hashes for word n-grams. Fingerprints are stored as SQLite integers, so they must be exact in a
 * JavaScript number: 52 bits, built from two independent 32-bit hashes. At 52 bits two different
 * n-grams collide with odds of ~2e-16 per pair, far below anything a 1M-source index notices.
 */

/** 32-bit FNV-1a of a string's UTF-16 code units. */
export function hashString(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const SECOND_SEED = 0x9747b28c;

/** A 52-bit hash of a sequence of word keys. */
export function hashKeys(keys: readonly string[], from: number, count: number): number {
  let a = 0x811c9dc5;
  let b = SECOND_SEED;
  for (let i = from; i < from + count; i++) {
    const key = keys[i]!;
    for (let c = 0; c < key.length; c++) {
      const code = key.charCodeAt(c);
      a = Math.imul(a ^ code, 0x01000193);
      b = Math.imul(b ^ code, 0x5bd1e995);
      b ^= b >>> 15;
    }
    // A separator no word contains keeps ("ab","c") apart from ("a","bc").
    a = Math.imul(a ^ 0x1f, 0x01000193);
    b = Math.imul(b ^ 0x1f, 0x5bd1e995);
  }
  return (a >>> 0) * 0x100000 + ((b >>> 12) & 0xfffff);
}

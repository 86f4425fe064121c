import { stemmer as russianStemmer } from "@orama/stemmers/russian";
import { stemmer as englishStemmer } from "@orama/stemmers/english";
import type { KeyCode } from "../types.ts";
import { keyCode } from "../fingerprint/hash.ts";

/**
 * Letters that exist in Kazakh but not in Russian. A word containing one is Kazakh: the Russian
 * stemmer would strip agglutinative suffixes wrongly, so such words are compared whole.
 */
const KAZAKH_LETTERS = /[әғқңөұүһі]/;
const CYRILLIC = /[а-я]/;
const LATIN = /[a-z]/;

/**
 * Memo of stems. News vocabulary is Zipfian, so a few tens of thousands of words cover nearly every
 * token; the memo is dropped when it reaches this size, bounding memory at a few MB.
 */
const MEMO_LIMIT = 100_000;

/**
 * The memo is typed arrays keyed by the word's place in the text, not a `Map` of strings: a `Map` needs
 * the word cut out of the text for every token, and that, its hashing and the three objects an entry
 * held (word, key, record), which the garbage collector copied until the memo was dropped, cost twice
 * the stemming itself.
 *
 * Slots of the open-addressing table: a power of two over 2.5 × MEMO_LIMIT, so that linear probes stay
 * short. Each slot holds the word's hash and its entry plus one (0: empty), side by side, so that a probe
 * reads one cache line.
 */
const SLOTS = 1 << 18;
const slots = new Int32Array(2 * SLOTS);
/** Characters of the memo's words one after another: entry e's are `chars[wordStarts[e]]` up to `chars[wordStarts[e + 1]]`. */
const chars = new Uint16Array(MEMO_LIMIT * 12);
const wordStarts = new Int32Array(MEMO_LIMIT + 1);
const codes = new Uint32Array(MEMO_LIMIT + 1);
const keys: string[] = [];
let entries = 0;
/** Where a word longer than all of `chars` is stemmed, unmemoised. */
const SCRATCH = MEMO_LIMIT;

/**
 * The memo entry holding the stem of the folded word `text.slice(start, end)`: Russian Snowball for
 * Cyrillic, English Snowball for Latin. The word is cut out of `text` only if it is new. Read the entry
 * (`stemKey`, `stemCode`) before stemming the next word, which may reuse it.
 */
export function stemAt(text: string, start: number, end: number): number {
  const length = end - start;
  let hash = 0x811c9dc5;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  let slot = hash & (SLOTS - 1);
  for (let entry = slots[2 * slot + 1]!; entry !== 0; entry = slots[2 * slot + 1]!) {
    if (slots[2 * slot] === hash && holds(entry - 1, text, start, length)) return entry - 1;
    slot = (slot + 1) & (SLOTS - 1);
  }
  if (length > chars.length) return remember(SCRATCH, text.slice(start, end));
  if (entries === MEMO_LIMIT || wordStarts[entries]! + length > chars.length) {
    entries = 0;
    slots.fill(0);
    slot = hash & (SLOTS - 1);
  }
  const entry = entries++;
  const from = wordStarts[entry]!;
  for (let i = 0; i < length; i++) chars[from + i] = text.charCodeAt(start + i);
  wordStarts[entry + 1] = from + length;
  slots[2 * slot] = hash;
  slots[2 * slot + 1] = entry + 1;
  return remember(entry, text.slice(start, end));
}

/** The stem of a memo entry. */
export function stemKey(entry: number): string {
  return keys[entry]!;
}

/** `keyCode` of a memo entry's stem. */
export function stemCode(entry: number): KeyCode {
  return codes[entry]!;
}

/** The stem of an already folded word. */
export function stemWord(word: string): string {
  return stemKey(stemAt(word, 0, word.length));
}

function holds(entry: number, text: string, start: number, length: number): boolean {
  const from = wordStarts[entry]!;
  if (wordStarts[entry + 1]! - from !== length) return false;
  for (let i = 0; i < length; i++) if (chars[from + i] !== text.charCodeAt(start + i)) return false;
  return true;
}

function remember(entry: number, word: string): number {
  const key = computeStem(word);
  keys[entry] = key;
  codes[entry] = keyCode(key);
  return entry;
}

function computeStem(word: string): string {
  if (KAZAKH_LETTERS.test(word)) return word;
  if (CYRILLIC.test(word)) return russianStemmer(word);
  if (LATIN.test(word)) return englishStemmer(word);
  return word;
}

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

/** A folded word's key (its stem) and the key's code. */
export interface StemmedWord {
  key: string;
  code: KeyCode;
}

/**
 * Memo of stems. News vocabulary is Zipfian, so a few tens of thousands of words cover nearly every
 * token; the memo is dropped when it reaches this size, bounding memory at a few MB.
 */
const MEMO_LIMIT = 100_000;

/**
 * Slots of the memo's open-addressing table: a power of two over 2.5 × MEMO_LIMIT, so that linear probes
 * stay short. The table is keyed by the word's place in the text rather than by a word string: a `Map`
 * needs the word cut out of the text for every token, and that and its hashing cost twice the stemming.
 */
const SLOTS = 1 << 18;
const slotHashes = new Uint32Array(SLOTS);
/** The memo entry at each slot, plus one (0: empty). */
const slotEntries = new Int32Array(SLOTS);
const entries: Array<StemmedWord & { word: string }> = [];

/**
 * The stem of the folded word `text.slice(start, end)` (Russian Snowball for Cyrillic, English Snowball
 * for Latin) and its code, found without cutting the word out of `text` unless it is new.
 */
export function stemmedWordAt(text: string, start: number, end: number): StemmedWord {
  let hash = 0x811c9dc5;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  hash >>>= 0;
  let slot = hash & (SLOTS - 1);
  for (let entry = slotEntries[slot]!; entry !== 0; entry = slotEntries[slot]!) {
    if (slotHashes[slot] === hash) {
      const found = entries[entry - 1]!;
      if (found.word.length === end - start && text.startsWith(found.word, start)) return found;
    }
    slot = (slot + 1) & (SLOTS - 1);
  }
  if (entries.length >= MEMO_LIMIT) {
    entries.length = 0;
    slotEntries.fill(0);
    slot = hash & (SLOTS - 1);
  }
  const word = text.slice(start, end);
  const key = computeStem(word);
  const stemmed = { word, key, code: keyCode(key) };
  entries.push(stemmed);
  slotHashes[slot] = hash;
  slotEntries[slot] = entries.length;
  return stemmed;
}

/** The stem of an already folded word. */
export function stemWord(word: string): string {
  return stemmedWordAt(word, 0, word.length).key;
}

function computeStem(word: string): string {
  if (KAZAKH_LETTERS.test(word)) return word;
  if (CYRILLIC.test(word)) return russianStemmer(word);
  if (LATIN.test(word)) return englishStemmer(word);
  return word;
}

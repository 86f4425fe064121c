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
const memo = new Map<string, StemmedWord>();

/** Stems an already folded word: Russian Snowball for Cyrillic, English Snowball for Latin. */
export function stemWord(word: string): string {
  return stemmedWord(word).key;
}

/** `stemWord` with the key's code, memoised together because the tokenizer needs both for every word. */
export function stemmedWord(word: string): StemmedWord {
  let stemmed = memo.get(word);
  if (stemmed === undefined) {
    if (memo.size >= MEMO_LIMIT) memo.clear();
    const key = computeStem(word);
    stemmed = { key, code: keyCode(key) };
    memo.set(word, stemmed);
  }
  return stemmed;
}

function computeStem(word: string): string {
  if (KAZAKH_LETTERS.test(word)) return word;
  if (CYRILLIC.test(word)) return russianStemmer(word);
  if (LATIN.test(word)) return englishStemmer(word);
  return word;
}

import { stemmer as russianStemmer } from "@orama/stemmers/russian";
import { stemmer as englishStemmer } from "@orama/stemmers/english";

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
const memo = new Map<string, string>();

/** Stems an already folded word: Russian Snowball for Cyrillic, English Snowball for Latin. */
export function stemWord(word: string): string {
  let stem = memo.get(word);
  if (stem === undefined) {
    if (memo.size >= MEMO_LIMIT) memo.clear();
    stem = computeStem(word);
    memo.set(word, stem);
  }
  return stem;
}

function computeStem(word: string): string {
  if (KAZAKH_LETTERS.test(word)) return word;
  if (CYRILLIC.test(word)) return russianStemmer(word);
  if (LATIN.test(word)) return englishStemmer(word);
  return word;
}

import { stemWord } from "../../src/core/text/stem.ts";
import { foldText } from "../../src/core/text/normalize.ts";
import type { BilingualDictionary } from "./dictionary.ts";
import { skeleton, transliterate } from "./translit.ts";

/**
 * Language-independent anchors of a sentence: what survives translation without a model. Numbers and
 * years are written the same; month names map one to one; proper names keep their sound (compared by
 * consonant skeleton); and a bilingual dictionary, when there is one, maps ordinary words.
 */
export interface Anchors {
  numbers: Set<string>;
  months: Set<number>;
  /** Consonant skeletons of capitalized words and of Latin words inside Russian text. */
  names: Set<string>;
  /** Russian stems: the sentence's own words (Russian side) or its words' translations (English side). */
  stems: Set<string>;
}

const RU_MONTHS = ["январ", "феврал", "март", "апрел", "ма", "июн", "июл", "август", "сентябр", "октябр", "ноябр", "декабр"];
const EN_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

/** Skeletons shorter than this (one or two consonants) match too many unrelated names. */
const MIN_SKELETON = 3;

const WORD = /[\p{L}\p{N}]+/gu;

function addNumber(set: Set<string>, token: string): void {
  if (/^\d+$/.test(token)) set.add(String(Number(token)));
}

export function russianAnchors(sentence: string): Anchors {
  const anchors: Anchors = { numbers: new Set(), months: new Set(), names: new Set(), stems: new Set() };
  for (const m of sentence.matchAll(WORD)) {
    const word = m[0];
    addNumber(anchors.numbers, word);
    if (/\d/.test(word)) continue;
    const lower = foldText(word);
    const stem = /[а-я]/.test(lower) ? stemWord(lower) : lower;
    anchors.stems.add(stem);
    // "ма" alone would take every word starting so; May is "мая"/"май" exactly.
    const month = RU_MONTHS.findIndex((p, i) => (i === 4 ? /^ма[яй]$/.test(lower) : lower.startsWith(p)));
    if (month >= 0) anchors.months.add(month + 1);
    const isLatin = /^[a-z]+$/i.test(word);
    if (isLatin || /^\p{Lu}/u.test(word)) {
      const sk = skeleton(isLatin ? word : transliterate(stem));
      if (sk.length >= MIN_SKELETON) anchors.names.add(sk);
    }
  }
  return anchors;
}

export function englishAnchors(sentence: string, dictionary: BilingualDictionary | null): Anchors {
  const anchors: Anchors = { numbers: new Set(), months: new Set(), names: new Set(), stems: new Set() };
  for (const m of sentence.matchAll(WORD)) {
    const word = m[0];
    addNumber(anchors.numbers, word);
    if (/\d/.test(word)) continue;
    const lower = word.toLowerCase();
    const month = EN_MONTHS.indexOf(lower);
    if (month >= 0) anchors.months.add(month + 1);
    if (/^\p{Lu}/u.test(word)) {
      const sk = skeleton(word);
      if (sk.length >= MIN_SKELETON) anchors.names.add(sk);
    }
    for (const ru of dictionary?.get(lower) ?? []) anchors.stems.add(stemWord(foldText(ru)));
  }
  return anchors;
}

/** Weights: a shared year is rarer than a shared small number; a dictionary word is weak evidence. */
export const WEIGHTS = { year: 3, number: 2, month: 1, name: 2, word: 0.5 } as const;

export interface AnchorMatch {
  score: number;
  numbers: number;
  months: number;
  names: number;
  words: number;
}

export function matchAnchors(ru: Anchors, en: Anchors): AnchorMatch {
  let score = 0;
  let numbers = 0;
  for (const n of ru.numbers) {
    if (!en.numbers.has(n)) continue;
    numbers++;
    score += Number(n) >= 1000 && Number(n) <= 2100 ? WEIGHTS.year : WEIGHTS.number;
  }
  let months = 0;
  for (const mo of ru.months) if (en.months.has(mo)) months++;
  let names = 0;
  for (const a of ru.names) {
    for (const b of en.names) {
      // Russian case endings can survive stemming ("Мемфисе"): a skeleton may extend the other by one letter.
      if (a === b || (Math.abs(a.length - b.length) === 1 && (a.startsWith(b) || b.startsWith(a)))) {
        names++;
        break;
      }
    }
  }
  let words = 0;
  for (const s of ru.stems) if (en.stems.has(s)) words++;
  score += months * WEIGHTS.month + names * WEIGHTS.name + words * WEIGHTS.word;
  return { score, numbers, months, names, words };
}

import { foldText } from "../text/normalize.ts";
import { stemWord } from "../text/stem.ts";

/**
 * Synonym sets keyed by the engine's word keys (folded, stemmed): two words are synonyms when their keys
 * share a set. Built from a MyThes thesaurus (LibreOffice's format, Debian's `mythes-ru`).
 */
export interface Thesaurus {
  /** The synonym sets a word key belongs to; empty when the thesaurus does not know it. */
  senses(key: string): readonly number[];
  /** Number of synonym sets. */
  readonly sets: number;
}

const NO_SENSES: readonly number[] = Object.freeze([]);

/** Meaning lines that list synonyms or near-synonyms; antonyms and "related terms" would pair opposite or merely neighbouring sentences. */
const SYNONYM_KINDS = /^\((синоним|сходный термин)\)\|/;

/**
 * Parses a MyThes `.dat` file: an encoding line, then entries, each a `word|n` line followed by n meaning
 * lines `(part of speech)|synonym|synonym|…`. Each meaning line is one synonym set holding its entry word.
 * Synonyms of several words are left out: the matcher compares single words.
 */
export function parseMythes(dat: string): Thesaurus {
  const lines = dat.replace(/^\uFEFF/, "").split(/\r?\n/);
  const byKey = new Map<string, number[]>();
  let sets = 0;
  // Synonyms recur across entries: each spelling is stemmed once.
  const keyOf = new Map<string, string | null>();
  const add = (word: string, set: number) => {
    let key = keyOf.get(word);
    if (key === undefined) keyOf.set(word, (key = singleWordKey(word)));
    if (key === null) return;
    const senses = byKey.get(key);
    if (senses === undefined) byKey.set(key, [set]);
    else if (senses[senses.length - 1] !== set) senses.push(set);
  };
  for (let i = 1; i < lines.length; i++) {
    const header = /^([^|]+)\|(\d+)$/.exec(lines[i]!);
    if (header === null) continue;
    const entry = header[1]!;
    const meanings = Number(header[2]);
    for (let m = 1; m <= meanings && i + m < lines.length; m++) {
      if (!SYNONYM_KINDS.test(lines[i + m]!)) continue;
      const set = sets++;
      add(entry, set);
      for (const synonym of lines[i + m]!.split("|").slice(1)) add(synonym, set);
    }
    i += meanings;
  }
  return { senses: (key) => byKey.get(key) ?? NO_SENSES, sets };
}

/** The engine's key of a one-word synonym; null for phrases and annotations such as "(разг.)". */
function singleWordKey(word: string): string | null {
  const folded = foldText(word.replace(/\([^)]*\)/g, "").trim());
  return /^[\p{L}\p{N}]+$/u.test(folded) ? stemWord(folded) : null;
}

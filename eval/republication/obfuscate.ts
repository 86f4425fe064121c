import type { Rng } from "./prng.ts";
import type { Sentence, Word } from "./source-text.ts";

/** How the reuser disguised the excerpt. */
export type Obfuscation = "verbatim" | "reorder" | "delete" | "insert" | "endings" | "typography" | "mixed";

export const OBFUSCATIONS: readonly Obfuscation[] = ["verbatim", "reorder", "delete", "insert", "endings", "typography", "mixed"];

/** A piece of embedded text: a source word (possibly altered), the source's text between words, or an inserted word. */
export interface Piece {
  text: string;
  /** The source word this piece renders, or null for separators and inserted words. */
  word: Word | null;
}

/** One embedded sentence: its pieces in order and the paragraph it is shown in. */
export interface EmbeddedSentence {
  paragraph: number;
  pieces: Piece[];
}

/**
 * Rates per word. Realistic rewriting by news outlets touches a word in ten or so; the ParaPlag guidelines
 * call "light" up to 20–30% of words, so these stay well inside light paraphrase. `mixed` applies every
 * kind at half rate plus reordering.
 */
const DELETE_RATE = 0.1;
const INSERT_RATE = 0.1;
const ENDING_RATE = 0.15;

/** Filler words and phrases Russian rewriters insert; all lower case, each ends with a space. */
const FILLERS = ["также ", "при этом ", "уже ", "в частности ", "фактически ", "сегодня ", "отметим, что ", "по сути ", "ещё ", "вновь "];

/**
 * Ending swaps that keep a word a plausible Russian form (case, number, person): the first matching suffix
 * is replaced. Both directions are listed so the text does not drift towards one form.
 */
const ENDING_SWAPS: ReadonlyArray<readonly [string, string]> = [
  ["ого", "ому"], ["ому", "ого"], ["ыми", "ых"], ["ых", "ыми"], ["ими", "их"], ["их", "ими"],
  ["ый", "ого"], ["ий", "его"], ["ая", "ой"], ["яя", "ей"], ["ое", "ым"], ["ее", "им"],
  ["ами", "ах"], ["ях", "ями"], ["ов", "ам"], ["ев", "ям"], ["ия", "ии"], ["ие", "ия"], ["ии", "ию"],
  ["ать", "ал"], ["ять", "ял"], ["ить", "ил"], ["ет", "ют"], ["ют", "ет"], ["ит", "ят"], ["ят", "ит"],
  ["ла", "ли"], ["ли", "ла"], ["ой", "ая"], ["ей", "ям"], ["а", "у"], ["я", "ю"], ["ы", "ам"], ["и", "ям"],
];

/** The pieces of one source sentence, exactly as in the source. */
export function piecesOf(text: string, sentence: Sentence): Piece[] {
  const pieces: Piece[] = [];
  let at = sentence.start;
  for (const w of sentence.words) {
    if (w.start > at) pieces.push({ text: text.slice(at, w.start), word: null });
    pieces.push({ text: text.slice(w.start, w.end), word: w });
    at = w.end;
  }
  if (sentence.end > at) pieces.push({ text: text.slice(at, sentence.end), word: null });
  return pieces;
}

/** Applies one obfuscation to the chosen sentences (in source order) of `text`. */
export function obfuscate(text: string, sentences: readonly Sentence[], kind: Obfuscation, rng: Rng): EmbeddedSentence[] {
  let out: EmbeddedSentence[] = sentences.map((s) => ({ paragraph: s.paragraph, pieces: piecesOf(text, s) }));
  const half = kind === "mixed" ? 0.5 : 1;
  if (kind === "delete" || kind === "mixed") out = out.map((s) => ({ ...s, pieces: deleteWords(s.pieces, DELETE_RATE * half, rng) }));
  if (kind === "insert" || kind === "mixed") out = out.map((s) => ({ ...s, pieces: insertWords(s.pieces, INSERT_RATE * half, rng) }));
  if (kind === "endings" || kind === "mixed") out = out.map((s) => ({ ...s, pieces: changeEndings(s.pieces, ENDING_RATE * half, rng) }));
  if (kind === "typography" || kind === "mixed") out = out.map((s) => ({ ...s, pieces: retype(s.pieces, rng) }));
  if (kind === "reorder" || kind === "mixed") out = reorder(out, rng);
  return out;
}

const wordIndices = (pieces: readonly Piece[]) => pieces.flatMap((p, i) => (p.word ? [i] : []));

/** Deletes interior words (never the first or last two of a sentence, never two in a row) with their following space. */
function deleteWords(pieces: Piece[], rate: number, rng: Rng): Piece[] {
  const words = wordIndices(pieces);
  const drop = new Set<number>();
  for (let k = 2; k < words.length - 2; k++) {
    if (drop.has(words[k - 1]!) || !rng.chance(rate)) continue;
    drop.add(words[k]!);
  }
  const out: Piece[] = [];
  for (let i = 0; i < pieces.length; i++) {
    if (!drop.has(i)) {
      out.push(pieces[i]!);
      continue;
    }
    // Drop the space after the word too, unless the word is followed by punctuation (then the space before).
    const next = pieces[i + 1];
    if (next && /^\s+$/.test(next.text)) i++;
    else if (out.length && /^\s+$/.test(out[out.length - 1]!.text)) out.pop();
  }
  return out;
}

/** Inserts filler words before interior words. */
function insertWords(pieces: Piece[], rate: number, rng: Rng): Piece[] {
  const words = new Set(wordIndices(pieces).slice(1));
  const out: Piece[] = [];
  pieces.forEach((p, i) => {
    if (words.has(i) && /\s$/.test(out[out.length - 1]?.text ?? "") && rng.chance(rate)) out.push({ text: rng.pick(FILLERS), word: null });
    out.push(p);
  });
  return out;
}

/** Swaps the endings of lower-case Cyrillic words of five letters or more. */
function changeEndings(pieces: Piece[], rate: number, rng: Rng): Piece[] {
  return pieces.map((p) => {
    if (!p.word || !/^[а-яё]{5,}$/.test(p.text) || !rng.chance(rate)) return p;
    const swap = ENDING_SWAPS.find(([from]) => p.text.endsWith(from));
    return swap ? { ...p, text: p.text.slice(0, -swap[0].length) + swap[1] } : p;
  });
}

/** Changes quotes (« » to “ ” or "), ё to е, dashes to hyphens, and the case of a word or two. */
function retype(pieces: Piece[], rng: Rng): Piece[] {
  const quotes = rng.pick([["“", "”"], ['"', '"'], ["„", "“"]] as const);
  return pieces.map((p) => {
    let text = p.text.replace(/«/g, quotes[0]).replace(/»/g, quotes[1]).replace(/ё/g, "е").replace(/Ё/g, "Е").replace(/[—–]/g, "-");
    if (p.word && rng.chance(0.08)) text = rng.chance(0.5) ? text.toUpperCase() : text.charAt(0).toLocaleLowerCase("ru") + text.slice(1);
    return { ...p, text };
  });
}

/** Shuffles the sentences (a different order whenever there are two or more) and regroups them into paragraphs of one to three. */
function reorder(sentences: EmbeddedSentence[], rng: Rng): EmbeddedSentence[] {
  if (sentences.length < 2) return sentences;
  let shuffled = rng.shuffle(sentences);
  while (shuffled.every((s, i) => s === sentences[i])) shuffled = rng.shuffle(sentences);
  let paragraph = 0;
  let inParagraph = 0;
  let size = rng.between(1, 3);
  return shuffled.map((s) => {
    if (inParagraph === size) {
      paragraph++;
      inParagraph = 0;
      size = rng.between(1, 3);
    }
    inParagraph++;
    return { ...s, paragraph };
  });
}

/** The source words an embedded excerpt still carries (altered or not). */
export function embeddedWords(sentences: readonly EmbeddedSentence[]): Word[] {
  return sentences.flatMap((s) => s.pieces.flatMap((p) => (p.word ? [p.word] : [])));
}

/** Each embedded sentence's stretch of the source, from its first to its last embedded word (in source order). */
export function sentenceHulls(sentences: readonly EmbeddedSentence[]): Word[] {
  return sentences.flatMap((s) => {
    const words = s.pieces.flatMap((p) => (p.word ? [p.word] : []));
    return words.length ? [{ start: Math.min(...words.map((w) => w.start)), end: Math.max(...words.map((w) => w.end)) }] : [];
  });
}

/** The excerpt's paragraphs as plain text. */
export function excerptParagraphs(sentences: readonly EmbeddedSentence[]): string[] {
  const paragraphs: string[][] = [];
  let last: number | null = null;
  for (const s of sentences) {
    if (s.paragraph !== last) paragraphs.push([]);
    last = s.paragraph;
    paragraphs[paragraphs.length - 1]!.push(s.pieces.map((p) => p.text).join("").trim());
  }
  return paragraphs.map((p) => p.join(" "));
}

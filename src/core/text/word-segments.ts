/** A word of a folded text: where it starts and its characters. */
export interface WordSegment {
  start: number;
  word: string;
}

const icuWords = new Intl.Segmenter("ru", { granularity: "word" });

/** Receives a word of a folded text: its start and end offsets. */
export type WordVisitor = (start: number, end: number) => void;

/**
 * Visits the word-like segments of a folded text in order, exactly as `Intl.Segmenter` (Unicode word
 * boundaries, UAX #29) finds them.
 *
 * Segmenter costs ~0.2 µs per character on Node 20, ten times a regular expression, and it was half of
 * both indexing and checking. Most news text, once folded, is plain Cyrillic and Latin letters, digits,
 * and ASCII punctuation; for such text the UAX #29 rules reduce to the scan in `simpleWords`. Any other
 * character (combining marks, emoji, CJK, `_`, exotic punctuation) sends the text to Segmenter itself.
 * test/core/word-segments.test.ts and word-segments.exhaustive.test.ts check that both paths give the same segments.
 */
export function forEachWord(folded: string, visit: WordVisitor): void {
  if (isSimpleText(folded)) simpleWords(folded, visit);
  else for (const { start, word } of icuSegments(folded)) visit(start, start + word.length);
}

/**
 * Characters whose UAX #29 word-break class is known here (inclusive ranges of UTF-16 code units): letters
 * (ALetter), ASCII digits (Numeric), `'` and `.` (MidNumLet / Single_Quote), `:` (MidLetter), `,` and `;`
 * (MidNum), and symbols and punctuation of class Other, Newline or space, which never join words: Latin-1
 * signs, general punctuation, currency, arrows, maths, box drawing, shapes, dingbats (the "➤" and "■" of
 * read-more lines), CJK brackets. Left out, so their texts go to Segmenter: `_` and U+203F/2040/2054
 * (ExtendNumLet), `ª µ º` and letter-like symbols, the soft hyphen (Format), `·` U+2027 and U+2024
 * (joiners), U+0482 and Cyrillic combining marks, every other script, and astral characters (emoji).
 * Typographic quotes, dashes and spaces are absent because folding has already replaced them.
 * test/core/word-segments.exhaustive.test.ts checks every character of the set between letters and digits.
 */
const SIMPLE_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x0009, 0x0009], [0x000a, 0x000a], [0x000d, 0x000d], [0x0020, 0x005e], [0x0060, 0x007e], [0x00a1, 0x00a9],
  [0x00ab, 0x00ab], [0x00ac, 0x00ac], [0x00ae, 0x00b4], [0x00b6, 0x00b6], [0x00b9, 0x00b9], [0x00bb, 0x00bf],
  [0x00c0, 0x00ff], [0x0400, 0x0481], [0x048a, 0x04ff], [0x2010, 0x2017], [0x201a, 0x2023], [0x2025, 0x2025],
  [0x2026, 0x2026], [0x2028, 0x2028], [0x2029, 0x2029], [0x2030, 0x203e], [0x2041, 0x2043], [0x2045, 0x2053],
  [0x2055, 0x205e], [0x20a0, 0x20c0], [0x2116, 0x2116], [0x2122, 0x2122], [0x2190, 0x23ff], [0x2460, 0x24b5],
  [0x24ea, 0x27bf], [0x2900, 0x2bff], [0x3000, 0x3004], [0x3008, 0x3020],
];

/**
 * `SIMPLE_RANGES` as a flag per UTF-16 code unit: testing a source's text unit by unit takes ~3 µs, matching
 * it against a regular expression's character class took ~18.
 */
const SIMPLE_UNITS = (() => {
  const table = new Uint8Array(0x10000);
  for (const [from, to] of SIMPLE_RANGES) table.fill(1, from, to + 1);
  return table;
})();

function isSimpleText(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (SIMPLE_UNITS[text.charCodeAt(i)] === 0) return false;
  return true;
}

const LETTER = 1;
const DIGIT = 2;

/**
 * The word class of the characters below U+0500 within `SIMPLE_RANGES`: letters (Latin, Latin-1 letters
 * but × and ÷, Cyrillic but U+0482–0489) and ASCII digits; nothing above U+04FF in that set is either.
 */
const WORD_CLASS = (() => {
  const classes = new Uint8Array(0x500);
  const mark = (from: number, to: number, kind: number) => classes.fill(kind, from, to + 1);
  mark(0x30, 0x39, DIGIT);
  mark(0x41, 0x5a, LETTER);
  mark(0x61, 0x7a, LETTER);
  mark(0xc0, 0xd6, LETTER);
  mark(0xd8, 0xf6, LETTER);
  mark(0xf8, 0xff, LETTER);
  mark(0x400, 0x481, LETTER);
  mark(0x48a, 0x4ff, LETTER);
  return classes;
})();

const wordClass = (code: number): number => (code < 0x500 ? WORD_CLASS[code]! : 0);

/**
 * Words under UAX #29 within `SIMPLE_RANGES`: runs of letters and digits (WB9–10 join them), where `.`, `'`
 * or `:` between two letters (WB6–7) and `.`, `'`, `,` or `;` between two digits (WB11–12) do not break.
 * A scan over character classes: the equivalent regular expression, with its look-behinds, cost ~70 ns
 * a character, as much as stemming.
 */
function simpleWords(folded: string, visit: WordVisitor): void {
  const n = folded.length;
  let i = 0;
  while (i < n) {
    if (wordClass(folded.charCodeAt(i)) === 0) {
      i++;
      continue;
    }
    const start = i;
    for (;;) {
      i++;
      while (i < n && wordClass(folded.charCodeAt(i)) !== 0) i++;
      if (i + 1 >= n || !joins(wordClass(folded.charCodeAt(i - 1)), folded.charCodeAt(i), wordClass(folded.charCodeAt(i + 1)))) break;
      i++;
    }
    visit(start, i);
  }
}

/** Whether `joiner` between characters of classes `before` and `after` keeps them in one word (WB6–7, WB11–12). */
function joins(before: number, joiner: number, after: number): boolean {
  if (before !== after) return false;
  if (before === LETTER) return joiner === 0x2e || joiner === 0x27 || joiner === 0x3a;
  return before === DIGIT && (joiner === 0x2e || joiner === 0x27 || joiner === 0x2c || joiner === 0x3b);
}

/**
 * Node 20's Intl.Segmenter slows down by orders of magnitude on strings of 65,536 UTF-16 units or more
 * (30 s for one 66K page, measured by the evaluation). Texts are therefore segmented in pieces below that,
 * cut after a line break, else after a space, so no word is cut in two.
 */
const MAX_PIECE = 32_768;

/** The word-like segments Intl.Segmenter finds: the reference the fast path must equal. */
export function icuSegments(folded: string): WordSegment[] {
  const out: WordSegment[] = [];
  for (const { offset, piece } of segmenterPieces(folded)) {
    for (const seg of icuWords.segment(piece)) if (seg.isWordLike) out.push({ start: offset + seg.index, word: seg.segment });
  }
  return out;
}

/**
 * Splits a text into pieces Segmenter handles quickly (see MAX_PIECE), cut after a line break where the
 * window has one: words and sentences break there anyway, so the cut changes nothing.
 */
export function* segmenterPieces(text: string): Generator<{ offset: number; piece: string }> {
  let offset = 0;
  while (text.length - offset > MAX_PIECE) {
    const window = text.slice(offset, offset + MAX_PIECE);
    const newline = window.lastIndexOf("\n");
    const cut = newline > 0 ? newline : window.lastIndexOf(" ");
    const end = cut > 0 ? offset + cut + 1 : offset + MAX_PIECE;
    yield { offset, piece: text.slice(offset, end) };
    offset = end;
  }
  yield { offset, piece: text.slice(offset) };
}

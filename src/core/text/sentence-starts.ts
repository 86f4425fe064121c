const icuSentences = new Intl.Segmenter("ru", { granularity: "sentence" });

/**
 * Where the sentences of `piece` start (the first is 0; none for ""), exactly as
 * `Intl.Segmenter("ru", { granularity: "sentence" })` finds them: its `seg.index` values in order.
 *
 * Segmenter's sentence pass cost ~0.1–0.2 µs per character, a tenth of indexing analysis. News text in
 * its original form is Cyrillic and Latin letters, digits, ASCII and typographic punctuation, spaces and
 * a few symbols; for such a piece the UAX #29 sentence rules reduce to the scan in `fastSentenceStarts`.
 * A piece with any other character (see `SENTENCE_CLASS`) goes to Segmenter itself. `piece` should be
 * shorter than the MAX_PIECE of word-segments.ts, as Segmenter slows down on long strings.
 * test/core/sentence-starts.test.ts and sentence-starts.exhaustive.test.ts check that both paths give the same starts.
 */
export function sentenceStartsIn(piece: string): number[] {
  return fastSentenceStarts(piece) ?? icuSentenceStarts(piece);
}

/** The sentence starts Intl.Segmenter finds: the reference the fast path must equal. */
export function icuSentenceStarts(piece: string): number[] {
  const starts: number[] = [];
  for (const seg of icuSentences.segment(piece)) starts.push(seg.index);
  return starts;
}

/** UAX #29 Sentence_Break classes; 0 marks a character outside the fast set. */
const OTHER = 1;
const LOWER = 2;
const UPPER = 3;
const NUMERIC = 4;
const ATERM = 5;
const STERM = 6;
const CLOSE = 7;
const SP = 8;
const SCONTINUE = 9;
/** Sep, CR and LF (ParaSep); CR is told apart for CR LF (SB3). */
const SEP = 10;
const CR = 11;

/**
 * The Sentence_Break class of each character of the fast set, by code point (below U+2800).
 * The set: tab, CR, LF and printable ASCII; Latin-1 but the C1 controls and the soft hyphen (Format,
 * which SB5 makes transparent); Latin Extended-A; Cyrillic but the combining marks U+0483–0489 (Extend);
 * general punctuation but the zero-width and bidi controls (Format); currency signs; `№` and `™`;
 * arrows, maths operators, box drawing, block elements, geometric shapes (bullets) and dingbats.
 * Letters are Upper or Lower by their Unicode case (every letter in the set is cased); Close is opening,
 * closing and quotation punctuation; the STerm, ATerm, SContinue and Sp members are listed from the
 * Unicode data (`;` is SContinue in the ICU that Node 20 ships) and each was checked against Node's
 * Segmenter in many contexts. Left out, so their pieces go to Segmenter: other scripts (uncased letters
 * are OLetter, which SB8 treats apart), combining marks, Format characters, astral characters (emoji),
 * CJK punctuation (several STerm and Close members) and the rest.
 */
const SENTENCE_CLASS = (() => {
  const classes = new Uint8Array(0x2800);
  const marks = (chars: string, kind: number) => {
    for (const ch of chars) classes[ch.codePointAt(0)!] = kind;
  };
  for (const [from, to] of [[0x20, 0x7e], [0xa0, 0xac], [0xae, 0x17f], [0x400, 0x482], [0x48a, 0x4ff], [0x2010, 0x2027], [0x202f, 0x205f], [0x20a0, 0x20c0], [0x2116, 0x2116], [0x2122, 0x2122], [0x2190, 0x22ff], [0x2500, 0x27bf]]) {
    for (let code = from!; code <= to!; code++) {
      const ch = String.fromCharCode(code);
      classes[code] = /\p{Lowercase}/u.test(ch) ? LOWER : /\p{Uppercase}|\p{Lt}/u.test(ch) ? UPPER : /\p{Nd}/u.test(ch) ? NUMERIC : /[\p{Ps}\p{Pe}\p{Pi}\p{Pf}"']/u.test(ch) ? CLOSE : OTHER;
    }
  }
  marks(".\u2024", ATERM);
  marks("!?\u203c\u203d\u2047\u2048\u2049", STERM);
  marks(",-:;\u2013\u2014", SCONTINUE);
  marks("\t \u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f", SP);
  marks("\u275b\u275c\u275d\u275e\u275f\u2760", CLOSE);
  marks("\n\u2028\u2029", SEP);
  classes[0x0d] = CR;
  return classes;
})();

const classAt = (text: string, i: number): number => {
  const code = text.charCodeAt(i);
  return code < 0x2800 ? SENTENCE_CLASS[code]! : 0;
};

/**
 * The sentence starts under UAX #29 (SB1–SB11) of a piece within the fast set, or undefined if a
 * character lies outside it (the caller then asks Segmenter). Sentences break only after a paragraph
 * separator (SB4) and after a terminator with its closing punctuation and spaces (SB9–11), unless what
 * follows is a digit right after `.` (SB6), a capital right after a cased letter and `.` (SB7,
 * initials), a lowercase word after `.` with no letter between (SB8), or a continuation mark or another
 * terminator (SB8a). A scan over character classes, as regular expressions would need look-behinds.
 */
export function fastSentenceStarts(piece: string): number[] | undefined {
  const n = piece.length;
  const starts: number[] = n > 0 ? [0] : [];
  let i = 0;
  while (i < n) {
    const kind = classAt(piece, i);
    if (kind === 0) return undefined;
    if (kind === SEP || kind === CR) {
      i += kind === CR && i + 1 < n && piece.charCodeAt(i + 1) === 0x0a ? 2 : 1;
      if (i < n) starts.push(i);
      continue;
    }
    if (kind !== ATERM && kind !== STERM) {
      i++;
      continue;
    }
    const term = i;
    i++;
    if (i === n) break;
    const next = classAt(piece, i);
    if (kind === ATERM && (next === NUMERIC || (next === UPPER && term > 0 && isCased(classAt(piece, term - 1))))) continue;
    while (i < n && classAt(piece, i) === CLOSE) i++;
    while (i < n && classAt(piece, i) === SP) i++;
    if (i === n) break;
    const after = classAt(piece, i);
    if (after === 0) return undefined;
    if (after === SEP || after === CR) continue;
    if (after === SCONTINUE || after === ATERM || after === STERM) continue;
    if (kind === ATERM && lowerFollows(piece, i)) continue;
    starts.push(i);
  }
  return starts;
}

const isCased = (kind: number): boolean => kind === LOWER || kind === UPPER;

/**
 * SB8: whether, from `i`, characters that are neither letters, paragraph separators nor terminators
 * lead to a lowercase letter. Undecided at a character outside the set, which the scan then meets.
 */
function lowerFollows(piece: string, i: number): boolean {
  for (; i < piece.length; i++) {
    const kind = classAt(piece, i);
    if (kind === LOWER) return true;
    if (kind === 0 || kind === UPPER || kind === SEP || kind === CR || kind === ATERM || kind === STERM) return false;
  }
  return false;
}

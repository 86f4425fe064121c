import { foldText } from "../text/normalize.ts";
import { splitLines, type Line } from "../text/lines.ts";

/** One line of a text, trimmed, with where it sits in the original string. */
export type Block = Line;

/**
 * Splits a text into blocks: every non-blank line is a block, whether lines are separated by a blank
 * line ("\n\n", the extractor's paragraph break) or by a single "\n".
 *
 * Why single lines too: boilerplate often shares a paragraph with other boilerplate or sits after a
 * `<br>`. The seed article ends with its policy notice and its "read all news" line on two consecutive
 * lines of one paragraph, and outlets put "Фото: …" or "Читайте также" after a `<br>` in a body `<p>`.
 * Splitting only on blank lines would force removing such a paragraph whole or not at all.
 * The cost is small: a paragraph hard-wrapped over several lines becomes several blocks, but patterns
 * match a whole line from its first word, so a wrapped fragment of prose matches none of them.
 */
export function splitBlocks(text: string): Block[] {
  return splitLines(text);
}

/**
 * A stable 16-hex-digit key of a block, equal for blocks that differ only in case, ё/е, quote and dash
 * style, whitespace or numbers ("© 2023 Деловой вестник" and "© 2024 Деловой вестник" share a key).
 * Every run of digits becomes one "0" because templates differ from page to page mostly in dates,
 * counters and prices, whose digit count varies too ("на 5 марта", "на 16 марта").
 *
 * The hash is 64-bit FNV-1a over UTF-16 code units: not cryptographic, and it need not be, since keys are compared
 * only within one domain. Among n distinct blocks the chance that any two share a key is about
 * n² / 2⁶⁵: ~3·10⁻⁸ for a million blocks, a domain's whole archive. A collision could only make a real
 * block look recurring if the colliding block also recurred on enough pages, so the odds are lower still.
 */
export function blockKey(text: string): string {
  return foldedBlockKey(foldText(text));
}

/**
 * `blockKey` of a block already folded (a slice of a folded text: folding keeps offsets). The canonical
 * form (whitespace runs as one space, digit runs as "0") is hashed as it is read, without building it.
 */
export function foldedBlockKey(folded: string): string {
  let hi = 0xcbf29ce4;
  let lo = 0x84222325;
  let previous = NONE;
  const end = trimmedEnd(folded);
  for (let i = trimmedStart(folded); i < end; i++) {
    const unit = folded.charCodeAt(i);
    const kind = isSpace(unit) ? SPACE : unit >= 0x30 && unit <= 0x39 ? DIGIT : NONE;
    if (kind !== NONE && kind === previous) continue;
    previous = kind;
    // 64-bit FNV-1a on two 32-bit halves: the prime is 2⁴⁰ + 0x1b3, so a step is a small multiply
    // plus a shift, and BigInt arithmetic (ten times slower) is avoided.
    lo = (lo ^ (kind === SPACE ? 0x20 : kind === DIGIT ? 0x30 : unit)) >>> 0;
    const product = lo * 0x1b3; // < 2⁴¹: exact in a double
    hi = (Math.imul(hi, 0x1b3) + Math.floor(product / TWO_32) + (lo << 8)) >>> 0;
    lo = product >>> 0;
  }
  return hi.toString(16).padStart(8, "0") + lo.toString(16).padStart(8, "0");
}

const TWO_32 = 4294967296;
const NONE = 0;
const SPACE = 1;
const DIGIT = 2;

/** Exactly the characters of JavaScript's `\s`, which `trim` also removes. */
function isSpace(unit: number): boolean {
  return (
    (unit >= 0x09 && unit <= 0x0d) || unit === 0x20 || unit === 0xa0 || unit === 0x1680 || (unit >= 0x2000 && unit <= 0x200a) ||
    unit === 0x2028 || unit === 0x2029 || unit === 0x202f || unit === 0x205f || unit === 0x3000 || unit === 0xfeff
  );
}

function trimmedStart(text: string): number {
  let i = 0;
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  return i;
}

function trimmedEnd(text: string): number {
  let i = text.length;
  while (i > 0 && isSpace(text.charCodeAt(i - 1))) i--;
  return i;
}

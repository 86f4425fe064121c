import type { Offset } from "../types.ts";
import { foldText } from "../text/normalize.ts";

/** One line of a text, trimmed, with where it sits in the original string. */
export interface Block {
  /** `original.slice(start, end)`: the line without its surrounding whitespace. */
  text: string;
  start: Offset;
  end: Offset;
}

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
  if (typeof text !== "string") {
    throw new TypeError(`splitBlocks: text must be a string, got ${text === null ? "null" : typeof text}`);
  }
  const blocks: Block[] = [];
  for (const line of text.matchAll(/[^\r\n]+/g)) {
    const leading = line[0].length - line[0].trimStart().length;
    const content = line[0].trim();
    if (content === "") continue;
    const start = line.index + leading;
    blocks.push({ text: content, start, end: start + content.length });
  }
  return blocks;
}

/**
 * A stable 16-hex-digit key of a block, equal for blocks that differ only in case, ё/е, quote and dash
 * style, whitespace or numbers ("© 2023 Деловой вестник" and "© 2024 Деловой вестник" share a key).
 * Every run of digits becomes one "0" because templates differ from page to page mostly in dates,
 * counters and prices, whose digit count varies too ("на 5 марта", "на 16 марта").
 *
 * The hash is 64-bit FNV-1a over UTF-8: not cryptographic, and it need not be, since keys are compared
 * only within one domain. Among n distinct blocks the chance that any two share a key is about
 * n² / 2⁶⁵: ~3·10⁻⁸ for a million blocks, a domain's whole archive. A collision could only make a real
 * block look recurring if the colliding block also recurred on enough pages, so the odds are lower still.
 */
export function blockKey(text: string): string {
  const canonical = foldText(text).replace(/\s+/g, " ").trim().replace(/\d+/g, "0");
  return fnv1a64(canonical).toString(16).padStart(16, "0");
}

const utf8 = new TextEncoder();
const TWO_32 = 4294967296;

/**
 * 64-bit FNV-1a of the UTF-8 bytes of a string. Computed on two 32-bit halves: the prime is 2⁴⁰ + 0x1b3,
 * so each step is a small multiply plus a shift, and BigInt arithmetic (ten times slower) is avoided.
 */
export function fnv1a64(text: string): bigint {
  let hi = 0xcbf29ce4;
  let lo = 0x84222325;
  for (const byte of utf8.encode(text)) {
    lo = (lo ^ byte) >>> 0;
    const product = lo * 0x1b3; // < 2⁴¹: exact in a double
    const carry = Math.floor(product / TWO_32);
    hi = (Math.imul(hi, 0x1b3) + carry + (lo << 8)) >>> 0;
    lo = product % TWO_32;
  }
  return (BigInt(hi) << 32n) | BigInt(lo);
}

/**
 * Character-level normalization that keeps a one-to-one mapping onto the original text:
 * every function here maps one UTF-16 code unit to exactly one, so token offsets computed on the
 * normalized string index the original string unchanged.
 */

/** What each folded character becomes: ё, typographic quotes, dashes and exotic spaces (lower-cased first). */
const FOLDS: Readonly<Record<string, string>> = Object.fromEntries([
  ["ё", "е"],
  ...[..."«»„“”‟″〝〞＂‘’‚‛′"].map((ch) => [ch, '"']),
  ...[..."‐‑‒–—―−﹘﹣－"].map((ch) => [ch, "-"]),
  ...[..."\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"].map((ch) => [ch, " "]),
]);
const FOLDED = new RegExp(`[${Object.keys(FOLDS).join("")}]`, "g");

/**
 * Folds case, ё→е, typographic quotes to `"`, dashes to `-` and exotic spaces to a space.
 * NFKC is applied per character only where it keeps the length (ligatures and full-width forms that
 * expand are left alone), so offsets stay valid. One pass replaces all the folded characters: a pass
 * per kind cost as much as the rest of tokenizing.
 */
export function foldText(text: string): string {
  return nfkcSameLength(text)
    .toLowerCase()
    .replace(FOLDED, (ch) => FOLDS[ch]!);
}

/**
 * Characters NFKC leaves as they are: ASCII, Russian and Kazakh Cyrillic, and the punctuation Russian news
 * uses. A text made only of them skips normalization, which otherwise costs as much as tokenizing.
 */
const NFKC_STABLE = /^[\t\n\r\x20-\x7e\u00ab\u00bb\u0400-\u045f\u0490-\u04ff\u2013\u2014\u2018\u2019\u201c\u201d\u201e]*$/;

function nfkcSameLength(text: string): string {
  if (NFKC_STABLE.test(text) || text.normalize("NFKC") === text) return text;
  let out = "";
  for (const ch of text) {
    const nf = ch.normalize("NFKC");
    out += nf.length === ch.length ? nf : ch;
  }
  return out;
}

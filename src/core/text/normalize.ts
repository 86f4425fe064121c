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
 * The code points NFKC may change: all but ASCII, Russian and Kazakh Cyrillic, and the punctuation Russian news
 * uses, each of which NFKC leaves as it is. Only these are normalized, each on its own: most texts have a few (a
 * non-breaking space, "№", "…", a bullet), so this costs less than normalizing the whole text to find out whether
 * it changed, then each of its characters when it had. A text NFKC leaves as a whole comes out the same: a
 * character NFKC changes on its own (NFKC_QC "No") cannot be in it.
 */
const NFKC_UNSTABLE = /[^\t\n\r\x20-\x7e\u00ab\u00bb\u0400-\u045f\u0490-\u04ff\u2013\u2014\u2018\u2019\u201c\u201d\u201e]/gu;

function nfkcSameLength(text: string): string {
  return text.replace(NFKC_UNSTABLE, (ch) => {
    const nf = ch.normalize("NFKC");
    return nf.length === ch.length ? nf : ch;
  });
}

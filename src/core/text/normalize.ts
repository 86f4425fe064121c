/**
 * Character-level normalization that keeps a one-to-one mapping onto the original text:
 * every function here maps one UTF-16 code unit to exactly one, so token offsets computed on the
 * normalized string index the original string unchanged.
 */

const QUOTES = /[«»„“”‟″〝〞＂‘’‚‛′]/g;
const DASHES = /[‐‑‒–—―−﹘﹣－]/g;
const SPACES = /[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/g;

/**
 * Folds case, ё→е, typographic quotes to `"`, dashes to `-` and exotic spaces to a space.
 * NFKC is applied per character only where it keeps the length (ligatures and full-width forms that
 * expand are left alone), so offsets stay valid.
 */
export function foldText(text: string): string {
  return nfkcSameLength(text)
    .toLowerCase()
    .replace(/ё/g, "е")
    .replace(QUOTES, '"')
    .replace(DASHES, "-")
    .replace(SPACES, " ");
}

function nfkcSameLength(text: string): string {
  if (text.normalize("NFKC") === text) return text;
  let out = "";
  for (const ch of text) {
    const nf = ch.normalize("NFKC");
    out += nf.length === ch.length ? nf : ch;
  }
  return out;
}

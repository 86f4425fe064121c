/**
 * Finds where a sentence the annotators copied from a page sits in that page's text. The annotators'
 * copy differs from the page in whitespace, quotes, dashes, case, soft hyphens and footnote marks, so the
 * search first compares folded text, then falls back to the window of words that best covers the sentence.
 */

export interface Located {
  start: number;
  end: number;
  /** `exact`: found after folding; `fuzzy`: best word window, with this share of the sentence's words. */
  how: "exact" | "fuzzy";
  coverage: number;
}

/** Fewest of the sentence's words a fuzzy window must hold for the sentence to count as found there. */
export const MIN_FUZZY_COVERAGE = 0.6;

const foldChar = (ch: string): string => {
  if (/[«»„“”‟″"]/.test(ch)) return '"';
  if (/[‘’‚‛′']/.test(ch)) return "'";
  if (/[‐‑‒–—―−]/.test(ch)) return "-";
  if (ch === "ё" || ch === "Ё") return "е";
  return ch.toLowerCase();
};

/** The text folded and whitespace-collapsed, with each folded character's offset in the original. */
function fold(text: string): { folded: string; at: number[] } {
  let folded = "";
  const at: number[] = [];
  let space = true;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === "\u00ad" || ch === "\u200b" || ch === "\ufeff") continue;
    if (/\s/.test(ch)) {
      if (!space) {
        folded += " ";
        at.push(i);
      }
      space = true;
      continue;
    }
    const f = foldChar(ch);
    folded += f.length === 1 ? f : ch.toLowerCase().slice(0, 1);
    at.push(i);
    space = false;
  }
  return { folded, at };
}

interface WordAt {
  key: string;
  start: number;
  end: number;
}

function words(text: string): WordAt[] {
  const out: WordAt[] = [];
  for (const m of text.matchAll(/[\p{L}\p{N}]+/gu)) out.push({ key: m[0].toLowerCase().replace(/ё/g, "е"), start: m.index, end: m.index + m[0].length });
  return out;
}

export function locate(haystack: string, needle: string): Located | null {
  const n = fold(needle).folded.trim();
  if (n === "") return null;
  const h = fold(haystack);
  const i = h.folded.indexOf(n);
  if (i >= 0) return { start: h.at[i]!, end: h.at[i + n.length - 1]! + 1, how: "exact", coverage: 1 };

  const hw = words(haystack);
  const nw = words(needle);
  const m = nw.length;
  if (m === 0 || hw.length === 0) return null;
  // The page may hold extra words inside the sentence (footnote marks, words the annotator dropped).
  const size = m + Math.ceil(m / 5) + 1;
  const want = new Map<string, number>();
  for (const w of nw) want.set(w.key, (want.get(w.key) ?? 0) + 1);
  // Sliding window of `size` words over the page: how many of the sentence's words (as a multiset) it holds.
  const have = new Map<string, number>();
  let hits = 0;
  let best = { hits: 0, end: 0 };
  for (let j = 0; j < hw.length; j++) {
    const add = hw[j]!.key;
    have.set(add, (have.get(add) ?? 0) + 1);
    if ((have.get(add) ?? 0) <= (want.get(add) ?? 0)) hits++;
    if (j >= size) {
      const drop = hw[j - size]!.key;
      if ((have.get(drop) ?? 0) <= (want.get(drop) ?? 0)) hits--;
      have.set(drop, have.get(drop)! - 1);
    }
    if (hits > best.hits) best = { hits, end: j };
  }
  const coverage = best.hits / m;
  if (coverage < MIN_FUZZY_COVERAGE) return null;
  // Trim the window to its first and last word that belong to the sentence.
  const startIdx = Math.max(0, best.end - size + 1);
  const window = hw.slice(startIdx, best.end + 1);
  const first = window.findIndex((w) => want.has(w.key));
  let last = window.length - 1;
  while (last > first && !want.has(window[last]!.key)) last--;
  return { start: window[first]!.start, end: window[last]!.end, how: "fuzzy", coverage };
}

import { describe, expect, it } from "vitest";
import { foldText } from "../../src/core/text/normalize.ts";

/**
 * What `foldText` did before only the characters NFKC may change were normalized: when NFKC changed the text,
 * every code point normalized on its own and kept where it kept its length. Written plainly, as the reference.
 */
function referenceNfkcSameLength(text: string): string {
  if (text.normalize("NFKC") === text) return text;
  let out = "";
  for (const ch of text) {
    const nf = ch.normalize("NFKC");
    out += nf.length === ch.length ? nf : ch;
  }
  return out;
}

/** Characters of every kind the fold meets: stable ones, ones NFKC changes in place or expands, marks, astral ones. */
const POOL = [
  ..."абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВЁЙЯәғқңөұүһіІҢ",
  ..."abcXYZ019 .,;:!?-\n\t",
  ..."«»„“”‘’–—−‐",
  "\u00a0", "\u202f", "\u3000",
  "➤", "…", "№", "™", "½", "ﬁ", "Ａ", "ｶ", "Ⅻ", "²", "µ", "Å", "Ω", "ﾞ",
  "\u0301", "\u0308", "\u0306",
  "𝐀", "𝟘", "😀", "🄀", "\u{2F800}", "\u{2F81A}",
  "\ud800", "\udc00",
];

/** A deterministic generator, so that a failure names the case that failed. */
function* randomTexts(count: number): Generator<string> {
  let state = 42;
  const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0);
  for (let i = 0; i < count; i++) {
    const length = next() % 40;
    let text = "";
    for (let j = 0; j < length; j++) text += POOL[next() % POOL.length];
    yield text;
  }
}

describe("foldText", () => {
  it("normalizes exactly what normalizing every character of a text NFKC changes would, keeping the length", () => {
    for (const text of randomTexts(20_000)) {
      const folded = foldText(text);
      expect(folded, JSON.stringify(text)).toBe(referenceFold(text));
      expect(folded.length).toBe(text.length);
    }
  });

  it("keeps what NFKC would expand and maps what it changes one to one, in a text with other characters NFKC leaves", () => {
    expect(foldText("Курс ➤ 500 тенге")).toBe("курс ➤ 500 тенге");
    expect(foldText("№ 5 … ﬁ")).toBe("№ 5 … ﬁ");
    expect(foldText("Ａ²")).toBe("a2");
  });
});

/**
 * The case and character folds after the reference normalization. `foldText` itself does them: what the reference
 * leaves holds no character NFKC would change in place, so `foldText`'s own normalization leaves it as it is.
 */
function referenceFold(text: string): string {
  return foldText(referenceNfkcSameLength(text));
}

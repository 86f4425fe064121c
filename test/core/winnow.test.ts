import { describe, expect, it } from "vitest";
import { winnow, SHORT_TEXT_WORDS } from "../../src/core/fingerprint/winnow.ts";
import { tokenize, wordSequence } from "../../src/core/text/tokenize.ts";
import { longArticle, SHORT_ARTICLE, SHORT_SENTENCE } from "./fictional-texts.ts";

/** Whether every run of `run` words of the text holds one of its fingerprints (k = 3). */
function everyRunFingerprinted(text: string, w: number, run: number): boolean {
  const codes = wordSequence(tokenize(text)).codes;
  const starts = new Set(winnow(codes, 3, w).map((f) => f.token));
  for (let i = 0; i + run <= codes.length; i++) {
    let held = false;
    for (let g = i; g + 3 <= i + run; g++) held ||= starts.has(g);
    if (!held) return false;
  }
  return true;
}

describe("winnowing short texts (issue 12, item 3)", () => {
  it("keeps a fingerprint in every run of four words of a short article, so an edited short sentence is retrieved", () => {
    expect(wordSequence(tokenize(SHORT_ARTICLE)).codes.length).toBeLessThanOrEqual(SHORT_TEXT_WORDS);
    expect(everyRunFingerprinted(SHORT_ARTICLE, 6, 4)).toBe(true);
  });

  it("keeps the usual window for a long article, guaranteeing runs of eight words only", () => {
    const long = longArticle(`${SHORT_SENTENCE}.`);
    expect(wordSequence(tokenize(long)).codes.length).toBeGreaterThan(SHORT_TEXT_WORDS);
    expect(everyRunFingerprinted(long, 6, 8)).toBe(true);
    expect(everyRunFingerprinted(long, 6, 4)).toBe(false);
  });
});

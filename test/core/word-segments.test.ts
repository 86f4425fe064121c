import { describe, expect, it } from "vitest";
import path from "node:path";
import { icuSegments } from "../../src/core/text/word-segments.ts";
import { REPO } from "../e2e/support.ts";
import { differences, foldedLines, segmentWords } from "./word-segments-equivalence.ts";

// Every character up to U+3100 in context and the evaluation corpora: in word-segments.exhaustive.test.ts
// (npm run test:exhaustive).
describe("word segmentation: the fast path equals Intl.Segmenter", () => {
  it("on the joiners of UAX #29 between letters and digits", () => {
    const cases = ["a:b x", "т.е. так", "1,5 млрд", "3.14.15", "don't", "covid-19", "5g", "№5", "15%", "a.1", "1.a", "u.s.a.", "1'000", "a''b", "x..y", "12:30", "о'кей", "a;b 1;2", "1,000.5", "ab:1", "2024-01-01"];
    expect(differences(cases)).toEqual([]);
    expect(segmentWords("т.е. 1,5 млрд").map((s) => s.word)).toEqual(["т.е", "1,5", "млрд"]);
  });

  it("on 30,000 random strings over letters, digits and every joining character", () => {
    const alphabet = [..."аб1 9.,:;'-\n\"/%№…(!?$°₸\t\r@#&*+=жӣxYéÿ0әё➤■•×©"];
    let seed = 20261128;
    const random = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const texts = Array.from({ length: 30_000 }, () => Array.from({ length: 1 + Math.floor(random() * 16) }, () => alphabet[Math.floor(random() * alphabet.length)]).join(""));
    expect(differences(texts)).toEqual([]);
  });

  it("falls back to Intl.Segmenter for characters outside the simple set", () => {
    const text = "snake_case и эмодзи 👍 и а\u0301кцент";
    expect(segmentWords(text)).toEqual(icuSegments(text));
    expect(segmentWords(text).map((s) => s.word)).toContain("snake_case");
  });

  it("on every line of our own fixtures", () => {
    const lines = foldedLines(path.join(REPO, "test/fixtures"));
    expect(lines.length).toBeGreaterThan(50);
    expect(differences(lines)).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { foldText } from "../../src/core/text/normalize.ts";
import { forEachWord, icuSegments, type WordSegment } from "../../src/core/text/word-segments.ts";
import { REPO, SHARED } from "../e2e/support.ts";

/** Every line of every text file under `dir`, folded as the tokenizer folds it. */
function foldedLines(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !/\.(txt|jsonl|html|md)$/.test(entry.name)) continue;
    const text = readFileSync(path.join(entry.parentPath, entry.name), "utf8");
    for (const line of text.split("\n")) out.push(foldText(line.replace(/\\n/g, "\n")));
  }
  return out;
}

/** The words `forEachWord` visits, in the shape `icuSegments` gives them. */
function segmentWords(folded: string): WordSegment[] {
  const out: WordSegment[] = [];
  forEachWord(folded, (start, end) => out.push({ start, word: folded.slice(start, end) }));
  return out;
}

function differences(texts: readonly string[]): string[] {
  return texts.filter((t) => JSON.stringify(segmentWords(t)) !== JSON.stringify(icuSegments(t)));
}

describe("word segmentation: the fast path equals Intl.Segmenter", () => {
  it("on the joiners of UAX #29 between letters and digits", () => {
    const cases = ["a:b x", "т.е. так", "1,5 млрд", "3.14.15", "don't", "covid-19", "5g", "№5", "15%", "a.1", "1.a", "u.s.a.", "1'000", "a''b", "x..y", "12:30", "о'кей", "a;b 1;2", "1,000.5", "ab:1", "2024-01-01"];
    expect(differences(cases)).toEqual([]);
    expect(segmentWords("т.е. 1,5 млрд").map((s) => s.word)).toEqual(["т.е", "1,5", "млрд"]);
  });

  it("for every character up to U+3100 between, before and after letters and digits", () => {
    const contexts = ["aXb", "1X2", "X", "aX", "Xa", "1X", "X1", "a X b", "aXXb", "1XX2", "аXб", "XaX", "1X.2", "a.Xb"];
    const texts: string[] = [];
    for (let cp = 0; cp < 0x3100; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const ch = String.fromCharCode(cp);
      for (const c of contexts) texts.push(c.replaceAll("X", ch));
    }
    expect(differences(texts)).toEqual([]);
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

  const shared = path.join(SHARED, "eval/data");
  it.skipIf(!existsSync(shared))("on every line of the evaluation data in ../shared (real Russian and English text)", () => {
    const lines = foldedLines(shared);
    expect(lines.length).toBeGreaterThan(10_000);
    expect(differences(lines)).toEqual([]);
  }, 120_000);
  if (!existsSync(shared)) it.skip("skipped: ../shared/eval/data is absent; the fixture and random-string tests above cover the fast path", () => undefined);
});

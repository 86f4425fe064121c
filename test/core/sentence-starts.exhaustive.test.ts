import { describe, expect, it } from "vitest";
import { fastSentenceStarts } from "../../src/core/text/sentence-starts.ts";
import { createRng } from "../../bench/generator/prng.ts";
import { evalDataPath, sharedPresent, TEXT_FOLDERS } from "../support/shared-data.ts";
import { compareTexts, differences, FAST_SET, textsUnder } from "./sentence-starts-equivalence.ts";

/** Whether each folder of real text is there, said at load time for the absent ones. */
const present = new Map(TEXT_FOLDERS.map((folder) => [folder, sharedPresent([evalDataPath(folder)], `sentence starts on ${folder}`, "the random strings and our fixtures still cover the fast path")]));

describe("sentence starts: the fast path equals Intl.Segmenter, exhaustively", () => {
  it("for every character of the fast set in the contexts the rules look at", () => {
    const contexts = [
      "aXb", "AXB", "a X b", "A X B", "aX Bc", "aX bc", "a. X b", "a. X B", "a.X b", "a.XB", "a.Xb", "A.XB", "Б.X Б",
      "a? X b", "a?X B", "a! X", "X. a", "X. A", "X.a", "X.1", "1X.2", "a.X1", "a. X1", "«aX» b", "«a.X» B", "(a.X) B",
      "(a. X) b", "a.) X b", "a.) X B", "a.\" X B", "a. X\nb", "X\nX", "a.\nX", "X\r\nX", "a.X\n", "a.X\u00a0B", "X", "XX",
      "X.X", "X X. X", "a.XX b", "a. XX B", "Б. X. б", "a.X.b", "a?X?b", "a.X…b", "X1.", "a.X а", "a.X, b", "a!X) b", "a.X\r",
    ];
    const texts = FAST_SET.flatMap((ch) => contexts.map((c) => c.replaceAll("X", ch)));
    expect(differences(texts)).toEqual([]);
  });

  it("on 300,000 random strings over the fast set, weighted toward punctuation, spaces and capitals", () => {
    const rng = createRng(20_260_529);
    const punctuation = [..." .!?,;:-–—«»„“”‘’\"'()[]\n\r\t\u00a0\u2009…‼"];
    const capitals = [..."AZÉБЁӘҚІЯ"];
    const lower = [..."azбёәқія"];
    const draw = (): string => {
      const r = rng.next();
      return r < 0.45 ? rng.pick(punctuation) : r < 0.6 ? rng.pick(capitals) : r < 0.7 ? rng.pick(lower) : r < 0.75 ? String(rng.int(10)) : rng.pick(FAST_SET);
    };
    const texts = Array.from({ length: 300_000 }, () => Array.from({ length: 1 + rng.int(24) }, draw).join(""));
    expect(texts.every((t) => fastSentenceStarts(t) !== undefined)).toBe(true);
    expect(differences(texts)).toEqual([]);
  });

  for (const folder of TEXT_FOLDERS) {
    it.skipIf(!present.get(folder))(`on every text of ../shared/eval/data/${folder}`, () => {
      const texts = textsUnder(evalDataPath(folder));
      expect(texts.length).toBeGreaterThan(0);
      expect(compareTexts(texts).differing).toEqual([]);
    });
  }

  // Web pages (the essays' sources) hold characters outside the fast set; news text must not.
  it.skipIf(!present.get("ru-news-samples"))("takes the fast path for most of the characters of real news text", () => {
    expect(compareTexts(textsUnder(evalDataPath("ru-news-samples"))).fastShare).toBeGreaterThan(0.9);
  });
});

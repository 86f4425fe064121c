import { describe, expect, it } from "vitest";
import { evalDataPath, sharedPresent, TEXT_FOLDERS } from "../support/shared-data.ts";
import { differences, foldedLines } from "./word-segments-equivalence.ts";

/** Whether each folder of real text is there, said at load time for the absent ones. */
const present = new Map(TEXT_FOLDERS.map((folder) => [folder, sharedPresent([evalDataPath(folder)], `word segmentation on ${folder}`, "every character in context, the random strings and our fixtures still cover the fast path")]));

describe("word segmentation: the fast path equals Intl.Segmenter, exhaustively", () => {
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

  for (const folder of TEXT_FOLDERS) {
    it.skipIf(!present.get(folder))(`on every line of ../shared/eval/data/${folder}`, () => {
      const lines = foldedLines(evalDataPath(folder));
      expect(lines.length).toBeGreaterThan(0);
      expect(differences(lines)).toEqual([]);
    });
  }
});

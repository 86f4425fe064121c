import { describe, expect, it } from "vitest";
import { evalDataPath, sharedPresent, TEXT_FOLDERS } from "../support/shared-data.ts";
import { mismatches, texts } from "./block-assembly.ts";

/**
 * Texts up to 700K characters: the saved web pages, whose long texts Segmenter takes in pieces, and not the
 * paraphrase corpora of a sentence a line, 1-2M characters each, which would take most of a minute.
 */
const MAX_CHARS = 700_000;

/** Whether each folder of real text is there, said at load time for the absent ones. */
const present = new Map(TEXT_FOLDERS.map((folder) => [folder, sharedPresent([evalDataPath(folder)], `block assembly on ${folder}`, "our fixtures still cover it")]));

describe("analyzeBlocks + protectBlocks give the words, keys and patterns of tokenizing the kept text, exhaustively", () => {
  for (const folder of TEXT_FOLDERS) {
    it.skipIf(!present.get(folder))(`on the texts of ../shared/eval/data/${folder}`, () => {
      const all = texts(evalDataPath(folder)).filter((text) => text.length <= MAX_CHARS);
      expect(all.length).toBeGreaterThan(0);
      expect(mismatches(all)).toEqual([]);
    });
  }
});

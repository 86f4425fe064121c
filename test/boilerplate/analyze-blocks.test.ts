import { describe, expect, it } from "vitest";
import path from "node:path";
import { tokenize } from "../../src/core/text/tokenize.ts";
import { REPO } from "../e2e/support.ts";
import { mismatches, texts } from "./block-assembly.ts";

// The same on the evaluation corpora: in analyze-blocks.exhaustive.test.ts (npm run test:exhaustive).
describe("analyzeBlocks + protectBlocks give the words, keys and patterns of tokenizing the kept text", () => {
  it("on our own fixtures", () => {
    const all = texts(path.join(REPO, "test/fixtures"));
    expect(all.length).toBeGreaterThan(10);
    expect(mismatches(all)).toEqual([]);
  });
});

describe("sentence numbers", () => {
  it("count only sentences holding a word, and a line always starts one", () => {
    const tokens = tokenize("Первое предложение. Второе\n***\nТретье — на новой строке.\n\n«…»\nЧетвертое");
    // "***" and "«…»" hold no word, so they take no number.
    expect(tokens.map((t) => t.sentence)).toEqual([0, 0, 1, 2, 2, 2, 2, 3]);
  });
});

import { describe, expect, it } from "vitest";
import { analyzeBlocks, type AnalyzedBlock } from "../../src/core/boilerplate/analyze-blocks.ts";
import { packBlocks, unpackBlocks } from "../../src/engine/block-analyzer.ts";

// Fictional text written for this test: prose, an empty line, a line without words, a notice, a credit.
const TEXT = [
  "Акимат Заречного района объявил конкурс на ремонт трех школ. Заявки принимают до 15 мая.",
  "",
  "— … —",
  "При использовании материалов гиперссылка на источник обязательна.",
  "Фото: пресс-служба акимата",
].join("\n");

/** A block as plain data, its word arrays as lists. */
function plain(block: AnalyzedBlock) {
  return { ...block, words: { codes: [...block.words.codes], sentences: [...block.words.sentences] } };
}

describe("packed blocks", () => {
  it("unpack to the blocks that were packed, texts cut from the text", () => {
    const blocks = analyzeBlocks(TEXT);
    expect(blocks.some((block) => block.words.codes.length === 0)).toBe(true);
    expect(blocks.some((block) => block.pattern !== null)).toBe(true);
    expect(unpackBlocks(packBlocks(blocks), TEXT).map(plain)).toEqual(blocks.map(plain));
  });

  it("unpack an empty text to no blocks", () => {
    const blocks = analyzeBlocks("");
    expect(unpackBlocks(packBlocks(blocks), "")).toEqual(blocks);
  });
});

import { describe, expect, it } from "vitest";
import { blockKey, fnv1a64, splitBlocks } from "../../src/core/boilerplate/blocks.ts";

describe("splitBlocks", () => {
  it("makes every non-blank line a block, with offsets into the original", () => {
    const text = "Заголовок\n\n  Первый абзац.  \nВторая строка\r\n\n\n\tТретий абзац\n";
    const blocks = splitBlocks(text);
    expect(blocks.map((b) => b.text)).toEqual(["Заголовок", "Первый абзац.", "Вторая строка", "Третий абзац"]);
    for (const block of blocks) expect(text.slice(block.start, block.end)).toBe(block.text);
  });

  it("returns no blocks for blank text", () => {
    expect(splitBlocks(" \n\n\t\n")).toEqual([]);
  });

  it("names the input and the problem when the text is not a string", () => {
    expect(() => splitBlocks(undefined as unknown as string)).toThrow(/splitBlocks: text must be a string, got undefined/);
  });
});

describe("blockKey", () => {
  it("is 64-bit FNV-1a (published test vectors)", () => {
    expect(fnv1a64("").toString(16)).toBe("cbf29ce484222325");
    expect(fnv1a64("a").toString(16)).toBe("af63dc4c8601ec8c");
    expect(fnv1a64("foobar").toString(16)).toBe("85944171f73967e8");
  });

  it("is stable across releases: stored keys must keep matching", () => {
    expect(blockKey("Читать все новости ➤")).toBe("4865521ec8b16c49");
  });

  it("is 16 hex digits", () => {
    expect(blockKey("Реклама")).toMatch(/^[0-9a-f]{16}$/);
    expect(blockKey("")).toMatch(/^[0-9a-f]{16}$/);
  });

  it("ignores digits, case, ё, quote and dash style and whitespace", () => {
    expect(blockKey("© 2023 «Деловой вестник»")).toBe(blockKey("© 2024 \"Деловой  вестник\""));
    expect(blockKey("Курс на 5 марта: 451,82 тенге")).toBe(blockKey("курс на 16 марта: 449,05 тенге"));
    expect(blockKey("Всё о бизнесе — здесь")).toBe(blockKey("  ВСЕ О БИЗНЕСЕ - ЗДЕСЬ "));
  });

  it("tells different blocks apart", () => {
    expect(blockKey("Читать все новости ➤")).not.toBe(blockKey("Читать все новости"));
    expect(blockKey("Фото: пресс-служба")).not.toBe(blockKey("Фото: пресс-служба акимата"));
  });
});

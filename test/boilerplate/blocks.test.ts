import { describe, expect, it } from "vitest";
import { blockKey, foldedBlockKey, splitBlocks } from "../../src/core/boilerplate/blocks.ts";
import { foldText } from "../../src/core/text/normalize.ts";

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
    expect(() => splitBlocks(undefined as unknown as string)).toThrow(/text must be a string, got undefined/);
  });
});

describe("blockKey", () => {
  it("is 64-bit FNV-1a (published test vectors, whose inputs are ASCII: one code unit a byte)", () => {
    expect(foldedBlockKey("")).toBe("cbf29ce484222325");
    expect(foldedBlockKey("a")).toBe("af63dc4c8601ec8c");
    expect(foldedBlockKey("foobar")).toBe("85944171f73967e8");
  });

  it("hashes the canonical form (whitespace runs as a space, digit runs as 0, trimmed) without building it", () => {
    // The reference: the canonical string built with regular expressions, hashed with BigInt arithmetic.
    const reference = (folded: string) => {
      const canonical = folded.replace(/\s+/g, " ").trim().replace(/\d+/g, "0");
      let h = 0xcbf29ce484222325n;
      for (let i = 0; i < canonical.length; i++) h = BigInt.asUintN(64, (h ^ BigInt(canonical.charCodeAt(i))) * 0x100000001b3n);
      return h.toString(16).padStart(16, "0");
    };
    const alphabet = [..."аб zZ09\t\n\u00a0\u2028\ufeff\u3000-\"ё.", "\u{1F600}"];
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    for (let n = 0; n < 2000; n++) {
      const text = Array.from({ length: Math.floor(random() * 24) }, () => alphabet[Math.floor(random() * alphabet.length)]).join("");
      expect(foldedBlockKey(text), JSON.stringify(text)).toBe(reference(text));
    }
    expect(blockKey("Курс  на 5 марта")).toBe(reference(foldText("Курс  на 5 марта")));
  });

  it("is stable within an index format: stored keys must keep matching (format 3 hashes code units, not UTF-8)", () => {
    expect(blockKey("Читать все новости ➤")).toBe("c4b5651e80aa0726");
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

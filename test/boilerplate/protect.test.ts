import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { blockKey, splitBlocks } from "../../src/core/boilerplate/blocks.ts";
import { MIN_RECURRING_SOURCES, protectText, recurrenceFromCounts } from "../../src/core/boilerplate/protect.ts";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const fixtures = path.join(repoRoot, "test/fixtures/articles");
const seedPath = path.resolve(repoRoot, "../shared/seed/article-ru.txt");
const hasSeed = existsSync(seedPath);
if (!hasSeed) console.warn(`SKIPPED seed boilerplate test: ${seedPath} is absent (twin on vestnik-main.txt still runs)`);

interface ArchiveArticle {
  url: string;
  title: string;
  text: string;
  published: string;
}

function readFixture(name: string): string {
  return readFileSync(path.join(fixtures, name), "utf8");
}

function readArchive(): ArchiveArticle[] {
  return readFixture("vestnik-archive.jsonl")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as ArchiveArticle);
}

function nonBlankLines(text: string): string[] {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "");
}

/** What `SourceStore.countBlocks` reports once every article is recorded: sources holding each key. */
function countBlocksAcross(texts: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const text of texts) {
    for (const key of new Set(splitBlocks(text).map((block) => blockKey(block.text)))) {
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return counts;
}

/** An article that ends with its notice line and its read-all line loses exactly those two. */
function expectLosesLastTwoLines(text: string): void {
  const lines = nonBlankLines(text);
  const result = protectText(text);
  expect(result.removed).toEqual(lines.slice(-2));
  expect(result.kept.map((block) => block.text)).toEqual(lines.slice(0, -2));
  expect(result.protectedText).toBe(lines.slice(0, -2).join("\n\n"));
  for (const block of result.kept) expect(text.slice(block.start, block.end)).toBe(block.text);
}

describe("protectText on articles", () => {
  it.skipIf(!hasSeed)("the seed article loses exactly its policy notice and read-all line (needs ../shared)", () => {
    expectLosesLastTwoLines(readFileSync(seedPath, "utf8"));
  });

  it("vestnik-main.txt loses exactly its policy notice and read-all line", () => {
    expectLosesLastTwoLines(readFixture("vestnik-main.txt"));
  });

  it("keeps the paragraph that mentions photo shoots and the minister's quotation", () => {
    const kept = protectText(readFixture("vestnik-main.txt")).kept.map((block) => block.text);
    expect(kept.filter((text) => /фото/i.test(text))).toHaveLength(1);
    expect(kept.filter((text) => text.startsWith("«"))).toHaveLength(1);
  });

  it.each(["ministry-press-release.txt", "unrelated-base-rate.txt", "unrelated-housing.txt", "unrelated-tariffs.txt"])(
    "%s, which has no boilerplate, loses nothing",
    (name) => {
      const text = readFixture(name);
      const result = protectText(text);
      expect(result.removed).toEqual([]);
      expect(result.protectedText).toBe(nonBlankLines(text).join("\n\n"));
    },
  );

  it("removes Kazakh and English notices and keeps the prose around them", () => {
    const prose = [
      "Ұлттық банк базалық мөлшерлемені 14,75% деңгейінде сақтады.",
      "The National Bank kept the base rate at 14.75%, the regulator said on Friday.",
    ];
    const notices = [
      "Материалдарды пайдаланғанда сайтқа гиперсілтеме міндетті.",
      "Сондай-ақ оқыңыз: Астанада жаңа терминал ашылды",
      "Reproduction in whole or in part without written permission is prohibited.",
      "© 2024 Steppe Business Review. All rights reserved.",
    ];
    const text = [prose[0], notices[0], notices[1], prose[1], notices[2], notices[3]].join("\n\n");
    const result = protectText(text);
    expect(result.removed).toEqual(notices);
    expect(result.protectedText).toBe(prose.join("\n\n"));
  });

  it("removes photo credits, subscription calls and read-also lines from the archive, and every notice", () => {
    for (const article of readArchive()) {
      const removed = protectText(article.text).removed;
      expect(removed.slice(-2)).toEqual(nonBlankLines(article.text).slice(-2));
      expect(removed.every((text) => /^(?:При использовании|Читать все|Фото|Читайте также|Подписывайтесь)/.test(text))).toBe(true);
    }
  });

  it("returns nothing for blank text", () => {
    expect(protectText("\n\n")).toEqual({ protectedText: "", removed: [], kept: [], words: { codes: new Uint32Array(0), sentences: new Uint32Array(0) } });
  });
});

describe("recurring blocks", () => {
  const archive = readArchive();
  const counts = countBlocksAcross(archive.map((article) => article.text));
  const isRecurring = recurrenceFromCounts(counts);
  const rateLine = (text: string) => nonBlankLines(text).find((line) => line.startsWith("Официальный курс"));

  it("finds exactly the template lines of the archive: notice, read-all line and the rate line", () => {
    const recurring = new Set<string>();
    for (const article of archive) {
      for (const block of splitBlocks(article.text)) if (isRecurring(blockKey(block.text))) recurring.add(block.text);
    }
    const rateLines = archive.map((article) => rateLine(article.text)).filter((line) => line !== undefined);
    expect(rateLines.length).toBeGreaterThanOrEqual(MIN_RECURRING_SOURCES);
    expect(new Set(rateLines).size).toBe(rateLines.length);
    const lastTwo = nonBlankLines(archive[0]!.text).slice(-2);
    expect([...recurring].sort()).toEqual([...lastTwo, ...rateLines].sort());
  });

  it("drops a recurring block no pattern knows only when the predicate says so", () => {
    const article = archive.find((candidate) => rateLine(candidate.text) !== undefined)!;
    const line = rateLine(article.text)!;
    expect(protectText(article.text).kept.map((block) => block.text)).toContain(line);
    const result = protectText(article.text, { isRecurring });
    expect(result.removed).toContain(line);
    expect(result.protectedText).not.toContain("Официальный курс");
  });

  it("drops the archive's notice from the main article by recurrence alone", () => {
    const main = readFixture("vestnik-main.txt");
    const notices = nonBlankLines(main).slice(-2);
    for (const notice of notices) expect(isRecurring(blockKey(notice))).toBe(true);
  });

  it(`counts a block as boilerplate from ${MIN_RECURRING_SOURCES} sources of the domain on`, () => {
    const paragraph = "Напомним, программа поддержки экспортеров действует с 2019 года.";
    const text = `Первый абзац новости.\n\n${paragraph}`;
    const below = protectText(text, { isRecurring: recurrenceFromCounts(new Map([[blockKey(paragraph), MIN_RECURRING_SOURCES - 1]])) });
    expect(below.removed).toEqual([]);
    const at = protectText(text, { isRecurring: recurrenceFromCounts(new Map([[blockKey(paragraph), MIN_RECURRING_SOURCES]])) });
    expect(at.removed).toEqual([paragraph]);
    expect(at.protectedText).toBe("Первый абзац новости.");
  });

  it("asks the predicate about every block by its key", () => {
    const text = "Заголовок\n\nАбзац один.\nАбзац два.";
    const asked: string[] = [];
    protectText(text, {
      isRecurring: (key) => {
        asked.push(key);
        return false;
      },
    });
    expect(asked).toEqual(["Заголовок", "Абзац один.", "Абзац два."].map(blockKey));
  });
});

import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO, cli, tempDir, write } from "./support.ts";

const ARTICLE = path.join(REPO, "test/fixtures/articles/vestnik-main.txt");

describe("copyquota compare", () => {
  it("shows aligned passages with the edited words marked, without a database", async () => {
    const dir = tempDir("compare");
    const candidate = write(
      dir,
      "reprint.txt",
      "Наши коллеги пишут: в 2024 году правительство выделит 120 млрд тенге на возмещение затрат экспортеров готовой продукции и льготное страхование экспортных контрактов.",
    );
    const run = await cli(["compare", ARTICLE, candidate]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/reused:\s+\d+ of \d+ chars = \d+\.\d% in 1 passage/);
    expect(run.stdout).toContain("── passage 1:");
    // "обработанной" was replaced by "готовой": each side marks its own word.
    expect(run.stdout).toContain("⟨обработанной⟩");
    expect(run.stdout).toContain("⟨готовой⟩");
    // Only those: the words the two sides share are never marked as changed.
    expect(run.stdout.match(/⟨[^⟩]+⟩/g)).toEqual(["⟨обработанной⟩", "⟨готовой⟩"]);
    // The headline is not protected text: the source side starts at the lead.
    expect(run.stdout).not.toContain("source:    Казахстан направит");
  });

  it("never marks a word both sides share as changed, even between two edited words", async () => {
    const dir = tempDir("compare-shared-words");
    const source = write(dir, "source.txt", "Министерство сельского хозяйства сообщило, что экспорт пшеницы в первом квартале вырос на двадцать процентов по сравнению с прошлым годом.");
    const candidate = write(dir, "reprint.txt", "Министерство сельского хозяйства заявило, что вывоз пшеницы в первом полугодии вырос на двадцать пунктов по сравнению с прошлым годом.");
    const run = await cli(["compare", source, candidate]);
    expect(run.code, run.stderr).toBe(0);
    // "что" sits between two edited words, too far from any run of three equal words to be a seed of its own.
    expect(run.stdout.match(/⟨[^⟩]+⟩/g)).toEqual(["⟨сообщило⟩", "⟨экспорт⟩", "⟨квартале⟩", "⟨процентов⟩", "⟨заявило⟩", "⟨вывоз⟩", "⟨полугодии⟩", "⟨пунктов⟩"]);
  });

  it("names a missing input and exits 2", async () => {
    const run = await cli(["compare", ARTICLE, "/nonexistent/page.html"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("/nonexistent/page.html");
  });
});

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
    // The headline is not protected text: the source side starts at the lead.
    expect(run.stdout).not.toContain("source:    Казахстан направит");
  });

  it("names a missing input and exits 2", async () => {
    const run = await cli(["compare", ARTICLE, "/nonexistent/page.html"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("/nonexistent/page.html");
  });
});

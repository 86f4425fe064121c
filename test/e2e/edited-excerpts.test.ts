import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { cli, jsonl, tempDir, write } from "./support.ts";
import type { CheckResult } from "../../src/core/types.ts";
import { SHORT_ARTICLE, SHORT_SENTENCE } from "../core/fictional-texts.ts";

/** Each test spawns the CLI, seconds of tsx on a loaded two-core machine. */
const SPAWNING = { timeout: 300_000 };
const SOURCE_URL = "https://zhaik-news.example/2026/12/vodoprovod.html";

/**
 * Issue 12, item 3 through the real CLI: a page reusing one six-word sentence of a short article, with a
 * filler inserted and a word deleted, is a match whose passage is the whole sentence, the deleted word counted.
 */
describe("check --json finds an edited short sentence of a short article", () => {
  let dir: string;
  let db: string;

  beforeAll(async () => {
    dir = tempDir("edited-excerpts");
    db = path.join(dir, "test.db");
    const added = await cli(["--db", db, "sources", "add", "--url", SOURCE_URL, "--published", "2026-12-01T08:00:00Z", write(dir, "source.txt", SHORT_ARTICLE)]);
    expect(added.code, added.stderr).toBe(0);
  }, SPAWNING.timeout);

  async function check(text: string): Promise<CheckResult> {
    const run = await cli(["--db", db, "check", "--json", "--url", "https://reposter.example/news/1.html", write(dir, "page.txt", text)]);
    const [result] = jsonl<CheckResult>(run.stdout);
    expect(result, run.stderr).toBeDefined();
    return result!;
  }

  it("reports the sentence as reused, over 5% of the article, without a link a violation", SPAWNING, async () => {
    const result = await check("Наш корреспондент побывал в районе. Спасатели при этом просят жителей беречь воду. Редакция продолжит следить за ситуацией.");
    expect(result.matches).toHaveLength(1);
    const match = result.matches[0]!;
    expect(match.source.url).toBe(SOURCE_URL);
    expect(match.passages).toHaveLength(1);
    expect(SHORT_ARTICLE.slice(match.passages[0]!.source.start, match.passages[0]!.source.end)).toBe(SHORT_SENTENCE);
    expect(match.reusedChars).toBe(SHORT_SENTENCE.length);
    expect(match.share).toBeGreaterThan(0.05);
    expect(match.verdict).toBe("violation");
  });

  it("reports nothing for a page sharing only a stock phrase and scattered words with it", SPAWNING, async () => {
    const result = await check("Спасатели просят жителей. Беречь питьевую воду! Об этом сообщил в среду его представитель.");
    expect(result.matches).toHaveLength(0);
    expect(result.verdict).toBe("no_reuse");
  });
});

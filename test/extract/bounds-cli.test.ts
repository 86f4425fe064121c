import { rmSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cli, jsonl, tempDir, write } from "../e2e/support.ts";

/** Two spawns of the CLI on a loaded machine. */
const SPAWNING = { timeout: 180_000 };

const dir = tempDir("bounds");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ARTICLE = path.resolve(import.meta.dirname, "../fixtures/articles/vestnik-main.html");

describe("check --json with a page past a cap (issue 13, item 2)", () => {
  it("names the page and the limit, exits 2, and still checks the inputs after it", SPAWNING, async () => {
    const db = path.join(dir, "bounds.db");
    expect((await cli(["--db", db, "sources", "add", "--url", "https://vestnik.example/news/1", ARTICLE])).code).toBe(0);
    const deep = write(dir, "deep.html", `<html><body>${"<div>".repeat(10_000)}<p>Текст.</p>${"</div>".repeat(10_000)}</body></html>`);
    const run = await cli(["--db", db, "check", "--json", deep, ARTICLE]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${deep}: is refused: nesting depth 10,003 exceeds the limit of 256`);
    const checked = jsonl<{ candidate: { title: string }; matches: Array<{ source: { url: string } }> }>(run.stdout);
    expect(checked).toHaveLength(1);
    expect(checked[0]!.matches.map((m) => m.source.url)).toEqual(["https://vestnik.example/news/1"]);
  });
});

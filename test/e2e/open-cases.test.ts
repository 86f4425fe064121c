import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { REPO, cli, jsonl, tempDir, write } from "./support.ts";
import type { Case } from "../../src/cases/case.ts";

/** Each test spawns the CLI several times, each spawn seconds of tsx on a loaded two-core machine. */
const SPAWNING = { timeout: 300_000 };

/**
 * Issue 14, item 5: `check` found violations but `cases list` showed none. `check --open-cases` records each
 * check and opens or updates cases as `POST /api/check` does; a plain `check` writes nothing. The real CLI.
 */

const FIXTURES = path.join(REPO, "test/fixtures/articles");
const ARTICLE_URL = "https://vestnik-delovoy.example/news/economy/2024/03/14/eksporteram-120-mlrd-tenge";
/** The outlet's page: a whole copy of the article, without a link back, wherever its --url puts it. */
const REPRINT = path.join(FIXTURES, "vestnik-main.html");
const REUSERS = ["https://stepnews.example/economy/copy", "https://www.agro-novosti.example/news/1", "https://finpost.example/a/2"];

describe("check --open-cases", () => {
  let dir: string;
  let db: string;

  beforeAll(async () => {
    dir = tempDir("open-cases");
    db = path.join(dir, "test.db");
    const added = await cli(["--db", db, "sources", "add", "--url", ARTICLE_URL, "--published", "2024-03-14T10:30:00+05:00", path.join(FIXTURES, "vestnik-main.txt")]);
    expect(added.code, added.stderr).toBe(0);
  }, SPAWNING.timeout);

  async function listCases(): Promise<Case[]> {
    const run = await cli(["--db", db, "cases", "list", "--json"]);
    expect(run.code, run.stderr).toBe(0);
    return jsonl<Case>(run.stdout);
  }

  it("a plain check records nothing", SPAWNING, async () => {
    const run = await cli(["--db", db, "check", "--url", REUSERS[0]!, REPRINT]);
    expect(run.code).toBe(1);
    expect(await listCases()).toEqual([]);
  });

  it("three violations open three cases that cases list shows; checking a page again updates its case", SPAWNING, async () => {
    for (const url of REUSERS) {
      const run = await cli(["--db", db, "check", "--open-cases", "--json", "--url", url, REPRINT]);
      expect(run.code, run.stderr).toBe(1);
      expect(run.stderr).toContain("cases: 1 opened, 0 updated (0 of them reopened), 0 resolved");
      expect(jsonl(run.stdout)).toHaveLength(1);
    }
    const cases = await listCases();
    expect(cases.map((c) => c.candidate.url).sort()).toEqual([...REUSERS].sort());
    expect(cases.every((c) => c.status === "new" && c.source.url === ARTICLE_URL && c.violations.includes("over_quota"))).toBe(true);

    const again = await cli(["--db", db, "check", "--open-cases", "--url", REUSERS[0]!, REPRINT]);
    expect(again.stderr).toContain("cases: 0 opened, 1 updated (0 of them reopened), 0 resolved");
    expect(await listCases()).toHaveLength(3);
  });

  it("a policy file given with --open-cases is the one applied: a page within it resolves its case", SPAWNING, async () => {
    const lenient = write(dir, "lenient.json", JSON.stringify({ maxShare: 1, link: { required: false } }));
    const run = await cli(["--db", db, "--policy", lenient, "check", "--open-cases", "--url", REUSERS[1]!, REPRINT]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain("1 resolved");
    const resolved = (await listCases()).find((c) => c.candidate.url === REUSERS[1]);
    expect(resolved?.status).toBe("resolved");
  });

  it("the publisher's own page opens no case", SPAWNING, async () => {
    const run = await cli(["--db", db, "check", "--open-cases", "--url", ARTICLE_URL, REPRINT]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain("cases: 0 opened");
    expect(await listCases()).toHaveLength(3);
  });

  it("a file without a web address cannot be a case, even one whose canonical link names one: exit 2 saying to give --url", SPAWNING, async () => {
    const text = write(dir, "reprint.txt", "Казахстан направит 120 млрд тенге на поддержку экспортеров несырьевых товаров.");
    for (const file of [text, REPRINT]) {
      const run = await cli(["--db", db, "check", "--open-cases", file]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`${file}: a case needs the page's web address: give --url URL`);
    }
    expect(await listCases()).toHaveLength(3);
  });
});

import path from "node:path";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { beforeAll, describe, expect, it } from "vitest";
import { REPO, cli, jsonl, tempDir, write } from "./support.ts";
import type { CheckResult } from "../../src/core/types.ts";

/** Each test spawns the CLI several times, each spawn seconds of tsx on a loaded two-core machine. */
const SPAWNING = { timeout: 300_000 };

/**
 * Issue 14, item 1: the publisher checking its own article got a violation of itself. A page on the
 * publisher's own domains (the policy's `publisherDomains`, and the domains of its own sources) reusing its
 * own articles is judged `own_page`: never a violation, exit 0. The real CLI, on the fixture outlet's page.
 */

const FIXTURES = path.join(REPO, "test/fixtures/articles");
const manifest = JSON.parse(readFileSync(path.join(FIXTURES, "manifest.json"), "utf8")) as {
  documents: { file: string; html?: string; url: string; published: string; role: string }[];
};
const main = manifest.documents.find((d) => d.role === "source")!;
const release = manifest.documents.find((d) => d.role === "reference")!;
/** The outlet's own page as it publishes it: its canonical link names the source's URL, as a copy of it would. */
const OWN_PAGE = path.join(FIXTURES, main.html!);

describe("the publisher's own pages are never violations", () => {
  let dir: string;
  let db: string;

  beforeAll(async () => {
    dir = tempDir("own-pages");
    db = path.join(dir, "test.db");
    const own = await cli(["--db", db, "sources", "add", "--url", main.url, "--published", main.published, path.join(FIXTURES, main.file)]);
    expect(own.code, own.stderr).toBe(0);
    const ref = await cli(["--db", db, "sources", "add", "--reference", "--url", release.url, "--published", release.published, path.join(FIXTURES, release.file)]);
    expect(ref.code, ref.stderr).toBe(0);
  }, SPAWNING.timeout);

  async function check(args: string[]): Promise<{ code: number; result: CheckResult; stdout: string; stderr: string }> {
    const run = await cli(["--db", db, ...args]);
    const [result] = jsonl<CheckResult>(run.stdout);
    expect(result, run.stderr).toBeDefined();
    return { code: run.code, result: result!, stdout: run.stdout, stderr: run.stderr };
  }

  it("the outlet's own page, at its URL and at its www., m. and section hosts → own_page, exit 0", SPAWNING, async () => {
    const host = new URL(main.url).hostname;
    for (const url of [main.url, main.url.replace(host, `www.${host}`), main.url.replace(host, `m.${host}`), `https://regions.${host}/copy`]) {
      const { code, result } = await check(["check", "--json", "--url", url, OWN_PAGE]);
      const own = result.matches.find((m) => m.source.url === main.url);
      expect(own, `${url}: the article is found`).toBeDefined();
      expect(own!.share, url).toBeGreaterThan(0.5);
      expect(own).toMatchObject({ verdict: "own_page", violations: [] });
      expect(result.verdict).toBe("own_page");
      expect(code).toBe(0);
    }
  });

  it("the same page on a reuser's domain is still a violation", SPAWNING, async () => {
    const { code, result } = await check(["check", "--json", "--url", "https://stepnews.example/economy/copy", OWN_PAGE]);
    expect(result.matches.find((m) => m.source.url === main.url)).toMatchObject({ verdict: "violation" });
    expect(result.verdict).toBe("violation");
    expect(code).toBe(1);
  });

  it("a domain the policy names (a mirror) is the publisher's too, with its subdomains", SPAWNING, async () => {
    const policy = write(dir, "mirror.json", JSON.stringify({ publisherDomains: ["vestnik-mirror.example"] }));
    const mirrored = await check(["--policy", policy, "check", "--json", "--url", "https://www.vestnik-mirror.example/news/1", OWN_PAGE]);
    expect(mirrored.result.verdict).toBe("own_page");
    expect(mirrored.code).toBe(0);
    const unnamed = await check(["check", "--json", "--url", "https://www.vestnik-mirror.example/news/1", OWN_PAGE]);
    expect(unnamed.result.verdict).toBe("violation");
  });

  it("a reference source's domain is not the publisher's: the press release's site copying the article violates", SPAWNING, async () => {
    const releaseHost = new URL(release.url).hostname;
    const { code, result } = await check(["check", "--json", "--url", `https://${releaseHost}/news/copy`, OWN_PAGE]);
    expect(result.matches.find((m) => m.source.url === main.url)).toMatchObject({ verdict: "violation" });
    expect(code).toBe(1);
  });

  it("a saved page or a page found elsewhere is not the publisher's for naming the article as its canonical link", SPAWNING, async () => {
    const saved = await check(["check", "--json", OWN_PAGE]);
    expect(saved.result.candidate.url).toBe(main.url);
    expect(saved.result.verdict).toBe("violation");
    expect(saved.code).toBe(1);

    const html = readFileSync(OWN_PAGE);
    const site = createServer((_request, response) => response.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(html));
    await new Promise<void>((resolve) => site.listen(0, "127.0.0.1", resolve));
    try {
      const found = await check(["--allow-private", "check", "--json", `http://127.0.0.1:${(site.address() as AddressInfo).port}/copy`]);
      expect(found.result.verdict).toBe("violation");
      expect(found.code).toBe(1);
    } finally {
      await new Promise((resolve) => site.close(resolve));
    }
  });

  it("the report says OWN PAGE", SPAWNING, async () => {
    const run = await cli(["--db", db, "check", "--url", main.url, OWN_PAGE]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("OWN PAGE");
    expect(run.stdout).toContain("verdict  own_page");
  });
});

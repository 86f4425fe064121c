import path from "node:path";
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { REPO, bodyParagraphs, cli, jsonl, reuserPage, tempDir, write, type ArticleUnderTest } from "./support.ts";
import { registrableDomain } from "../../src/core/links/normalize-url.ts";
import type { CheckResult, Match } from "../../src/core/types.ts";

/**
 * "A link to the publisher's domain" means a link to the source's registrable domain. Fictional outlets that
 * shared one registrable domain (`vestnik.example.kz`, `stepnews.example.kz` → `example.kz`) made any outlet's
 * link to its own pages count as a link to the publisher. These checks run the real CLI on a reuser whose
 * article body links only to its own site, and on the same page linking to the publisher's site instead.
 */

const FIXTURES = path.join(REPO, "test/fixtures/articles");
const manifest = JSON.parse(readFileSync(path.join(FIXTURES, "manifest.json"), "utf8")) as {
  documents: { file: string; url: string; published: string; role: string }[];
};
const main = manifest.documents.find((d) => d.role === "source")!;
const article: ArticleUnderTest = { name: "vestnik", url: main.url, published: main.published, text: readFileSync(path.join(FIXTURES, main.file), "utf8") };

/** The reuser of `reuserPage`; a day after the source, so the copy cannot be the original. */
const REUSER_URL = "https://stepnews.example/economy/2024/03/15/eksporteram-120-mlrd";
const REUSER_PUBLISHED = "2024-03-15T09:00:00+05:00";

/** A policy that accepts a link to any page of the publisher, so a link to the wrong domain is the only way to miss. */
const DOMAIN_LINK_POLICY = { link: { required: true, target: "domain", indexable: false } };

describe("each fictional outlet is a domain of its own", () => {
  let dir: string;
  let db: string;
  let domainPolicy: string;

  beforeAll(async () => {
    dir = tempDir("outlet-domains");
    db = path.join(dir, "test.db");
    domainPolicy = write(dir, "domain-link.json", JSON.stringify(DOMAIN_LINK_POLICY));
    const added = await cli(["--db", db, "sources", "add", "--url", article.url, "--published", article.published, write(dir, "article.txt", article.text)]);
    expect(added.code, added.stderr).toBe(0);
  });

  /** The whole article copied, with `links` (raw anchors) in a paragraph of the article body. */
  async function checkCopy(links: string, extra: string[] = []): Promise<{ code: number; match: Match; result: CheckResult }> {
    const paragraphs = [...bodyParagraphs(article), `Читайте также: ${links}.`];
    const html = reuserPage({ url: REUSER_URL, title: "Экспортерам дадут 120 млрд", published: REUSER_PUBLISHED, paragraphs });
    const run = await cli(["--db", db, ...extra, "check", "--json", write(dir, `page-${Math.random().toString(36).slice(2)}.html`, html)]);
    const [result] = jsonl<CheckResult>(run.stdout);
    expect(result, run.stderr).toBeDefined();
    const match = result!.matches.find((m) => m.source.url === article.url);
    expect(match, "the copied article is found").toBeDefined();
    return { code: run.code, match: match!, result: result! };
  }

  it("the fixture outlets and the reuser have pairwise distinct registrable domains", () => {
    const hosts = [...manifest.documents.map((d) => d.url), REUSER_URL];
    const domains = hosts.map((url) => registrableDomain(url));
    expect(domains.every((d) => d !== null)).toBe(true);
    expect(new Set(domains).size).toBe(hosts.length);
    // Edition and section hosts of an outlet still belong to it.
    expect(registrableDomain("https://m.stepnews.example/x")).toBe(registrableDomain(REUSER_URL));
    expect(registrableDomain("https://www.vestnik-delovoy.example/")).toBe(registrableDomain(article.url));
  });

  it("a whole copy whose body links only to the reuser's own pages → missing_link", async () => {
    const ownLinks = [
      `<a href="https://stepnews.example/economy/2024/03/01/eksport-zerna">экспорт зерна вырос</a>`,
      `<a href="https://m.stepnews.example/tag/eksport">все новости об экспорте</a>`,
    ].join(", ");
    for (const extra of [[], ["--policy", domainPolicy]]) {
      const { code, match, result } = await checkCopy(ownLinks, extra);
      expect(match.share).toBeGreaterThan(0.9);
      expect(match.link).toMatchObject({ present: false, href: null, target: null });
      expect(match.violations).toEqual(["over_quota", "missing_link"]);
      expect(result.verdict).toBe("violation");
      expect(code).toBe(1);
    }
  });

  it("the same copy linking to the publisher's site (www. variant) counts as a domain link", async () => {
    const { match } = await checkCopy(`<a href="https://www.vestnik-delovoy.example/news/economy">лента «Делового вестника»</a>`, ["--policy", domainPolicy]);
    expect(match.link).toMatchObject({ present: true, href: "https://www.vestnik-delovoy.example/news/economy", target: "domain" });
    expect(match.violations).toEqual(["over_quota"]);
  });
});

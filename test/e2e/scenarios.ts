import { beforeAll, expect, it } from "vitest";
import iconv from "iconv-lite";
import { bodyParagraphs, cli, jsonl, reuserPage, rewrite, tempDir, write, type ArticleUnderTest } from "./support.ts";
import type { CheckResult } from "../../src/core/types.ts";

/** A press release holding the article's quoted statement word for word, published the day before. */
export interface ReferenceUnderTest {
  url: string;
  published: string;
  text: string;
}

/**
 * The end-to-end contract of issue 2, run through the real CLI against one article. It runs twice: on the
 * seed article (when ../shared is present) and on our own fictional twin, so a clone anywhere tests it.
 */
export function defineScenarios(load: () => { article: ArticleUnderTest; reference: ReferenceUnderTest; unrelated: string }): void {
  let dir: string;
  let db: string;
  let article: ArticleUnderTest;
  let reference: ReferenceUnderTest;
  let unrelated: string;
  let paragraphs: string[];
  let protectedChars: number;
  const CANDIDATE_URL = "https://stepnews.example/economy/2025/reprint-1";
  const AFTER = "2025-06-01T09:00:00+05:00";

  async function check(html: string, extra: string[] = [], checkOptions: string[] = []): Promise<{ code: number; result: CheckResult; stderr: string }> {
    const file = write(dir, `candidate-${Math.random().toString(36).slice(2)}.html`, html);
    const run = await cli(["--db", db, ...extra, "check", "--json", ...checkOptions, file]);
    const [result] = jsonl<CheckResult>(run.stdout);
    return { code: run.code, result: result!, stderr: run.stderr };
  }

  function page(paras: readonly string[], link?: Parameters<typeof reuserPage>[0]["link"], published = AFTER, url = CANDIDATE_URL): string {
    return reuserPage({ url, title: "Перепечатка", published, paragraphs: paras, link });
  }

  function own(result: CheckResult) {
    return result.matches.find((m) => m.source.url === article.url);
  }

  beforeAll(async () => {
    ({ article, reference, unrelated } = load());
    paragraphs = bodyParagraphs(article);
    dir = tempDir("e2e");
    db = `${dir}/test.db`;
    const src = write(dir, "article.txt", article.text);
    const ref = write(dir, "reference.txt", reference.text);
    const added = await cli(["--db", db, "sources", "add", "--url", article.url, "--published", article.published, src]);
    expect(added.code, added.stderr).toBe(0);
    const refAdded = await cli(["--db", db, "sources", "add", "--reference", "--url", reference.url, "--published", reference.published, ref]);
    expect(refAdded.code, refAdded.stderr).toBe(0);
    const shown = await cli(["--db", db, "sources", "show", "--json", article.url]);
    const source = JSON.parse(shown.stdout) as { protectedText: string; boilerplate: string[] };
    protectedChars = source.protectedText.length;
    // The notice and the "read all news" line sit inside the body and must not be protected text.
    expect(source.boilerplate.length).toBeGreaterThanOrEqual(2);
    expect(source.protectedText).not.toMatch(/30%\s+текста|Читать все/);
  });

  it("full copy with a link to the article → over_quota only", async () => {
    const { code, result } = await check(page(paragraphs, { href: article.url }));
    const m = own(result)!;
    // Everything is covered; the quoted statement the press release published first leaves the numerator.
    expect((m.reusedChars + m.excludedChars) / m.sourceChars).toBeGreaterThan(0.97);
    expect(m.excluded.every((e) => e.reason === "reference" && e.referenceUrl === reference.url)).toBe(true);
    expect(m.excludedChars).toBeGreaterThan(0);
    expect(m.share).toBeGreaterThan(0.5);
    expect(m.violations).toEqual(["over_quota"]);
    expect(m.link).toMatchObject({ present: true, target: "article", nofollow: false, noindex: false });
    expect(result.verdict).toBe("violation");
    expect(code).toBe(1);
    // Passages slice the same text out of both sides.
    expect(m.passages.length).toBeGreaterThan(0);
  });

  it("one paragraph with a link → compliant, share = the paragraph's length", async () => {
    const para = [...paragraphs].filter((p) => !p.startsWith("«")).sort((a, b) => b.length - a.length)[0]!;
    const { code, result } = await check(page(["Коллеги пишут о важной новости.", para, "Мы будем следить за развитием событий."], { href: article.url }));
    const m = own(result)!;
    expect(Math.abs(m.reusedChars - para.length)).toBeLessThanOrEqual(2);
    expect(m.sourceChars).toBe(protectedChars);
    expect(m.share).toBeCloseTo(m.reusedChars / m.sourceChars, 4);
    expect(m.verdict).toBe("compliant");
    expect(code).toBe(0);
  });

  it("the same paragraph without a link → missing_link", async () => {
    const para = paragraphs[1]!;
    const { code, result } = await check(page([para]));
    expect(own(result)!.violations).toEqual(["missing_link"]);
    expect(code).toBe(1);
  });

  it("a nofollow link under an indexable policy → link_not_indexable", async () => {
    const policy = write(dir, "indexable.json", JSON.stringify({ maxShare: 0.3, link: { required: true, target: "article", indexable: true } }));
    const { code, result } = await check(page([paragraphs[1]!], { href: article.url, rel: "nofollow" }), ["--policy", policy]);
    const m = own(result)!;
    expect(m.link.nofollow).toBe(true);
    expect(m.violations).toEqual(["link_not_indexable"]);
    expect(code).toBe(1);
  });

  it("a link inside <noindex> under an indexable policy → link_not_indexable", async () => {
    const policy = write(dir, "indexable2.json", JSON.stringify({ link: { required: true, target: "article", indexable: true } }));
    const { result } = await check(page([paragraphs[1]!], { href: article.url, noindex: true }), ["--policy", policy]);
    expect(own(result)!.link.noindex).toBe(true);
    expect(own(result)!.violations).toEqual(["link_not_indexable"]);
  });

  it("a link only in the footer does not count → missing_link", async () => {
    const { result } = await check(page([paragraphs[1]!], { href: article.url, footerOnly: true }));
    expect(own(result)!.violations).toEqual(["missing_link"]);
  });

  it("half the article rewritten (word forms changed, sentences reordered) → over_quota", async () => {
    const half = paragraphs.slice(0, Math.ceil(paragraphs.length * 0.6));
    const halfChars = half.join("\n\n").length;
    const { result } = await check(page(rewrite(half), { href: article.url }));
    const m = own(result)!;
    expect(m.violations).toContain("over_quota");
    // Rewording loses at most a few words at sentence edges.
    const covered = m.reusedChars + m.excludedChars;
    expect(covered).toBeGreaterThan(halfChars * 0.85);
    expect(covered).toBeLessThanOrEqual(halfChars + 10);
  });

  it("an unrelated article → no_reuse", async () => {
    const { code, result } = await check(page(unrelated.split(/\n\s*\n/).slice(1)));
    expect(result.verdict).toBe("no_reuse");
    expect(result.matches.filter((m) => !m.source.reference)).toEqual([]);
    expect(code).toBe(0);
  });

  it("a licensed partner's full copy, found on the partner's site → licensed", async () => {
    const policy = write(dir, "license.json", JSON.stringify({ licenses: [{ domain: "partner-media.example", from: "2020-01-01", until: "2030-12-31" }] }));
    const partnerUrl = "https://www.partner-media.example/news/1";
    const { code, result } = await check(page(paragraphs, undefined, AFTER, partnerUrl), ["--policy", policy], ["--url", partnerUrl]);
    expect(own(result)!.verdict).toBe("licensed");
    expect(own(result)!.licensed).toBe(true);
    expect(result.verdict).toBe("licensed");
    expect(code).toBe(0);
  });

  it("a full copy that only names the licensed partner's page as its canonical → not licensed", async () => {
    const policy = write(dir, "license.json", JSON.stringify({ licenses: [{ domain: "partner-media.example", from: "2020-01-01", until: "2030-12-31" }] }));
    const claims = page(paragraphs, undefined, AFTER, "https://www.partner-media.example/news/1");
    const saved = await check(claims, ["--policy", policy]);
    expect(own(saved.result)!.licensed).toBe(false);
    expect(own(saved.result)!.verdict).toBe("violation");
    const elsewhere = await check(claims, ["--policy", policy], ["--url", CANDIDATE_URL]);
    expect(own(elsewhere.result)!.licensed).toBe(false);
    expect(elsewhere.code).toBe(1);
  });

  it("a page copying only the quoted statement, held by a --reference press release → share near 0", async () => {
    const quote = paragraphs.find((p) => p.startsWith("«"))!;
    const words = quote.slice(0, quote.lastIndexOf("»") + 1);
    const { code, result } = await check(page(["Заявление прозвучало накануне.", words]));
    const m = own(result);
    expect(m === undefined || m.share < 0.02).toBe(true);
    if (m) expect(m.excluded.some((e) => e.reason === "reference" && e.referenceUrl === reference.url)).toBe(true);
    expect(result.verdict).not.toBe("violation");
    expect(code).toBe(0);
  });

  it("a candidate dated before the source → predates_source, never a violation", async () => {
    const before = new Date(Date.parse(article.published) - 86_400_000 * 30).toISOString();
    const { code, result } = await check(page(paragraphs, undefined, before));
    expect(own(result)!.verdict).toBe("predates_source");
    expect(own(result)!.predatesSource).toBe(true);
    expect(own(result)!.violations).toEqual([]);
    expect(code).toBe(0);
  });

  it("a windows-1251 page is decoded and checked", async () => {
    const html = reuserPage({ url: CANDIDATE_URL, title: "Перепечатка в кодировке", published: AFTER, paragraphs, link: { href: article.url }, charset: "windows-1251" });
    const file = write(dir, "cp1251.html", iconv.encode(html, "windows-1251"));
    const run = await cli(["--db", db, "check", "--json", file]);
    const [result] = jsonl<CheckResult>(run.stdout);
    expect(result!.candidate.title).toContain("Перепечатка в кодировке");
    const m = own(result!)!;
    expect((m.reusedChars + m.excludedChars) / m.sourceChars).toBeGreaterThan(0.97);
  });

  it("empty, binary and non-HTML files → exit 2 naming the file, database intact", async () => {
    const before = await cli(["--db", db, "sources", "list", "--json"]);
    const bad = [
      write(dir, "empty.html", ""),
      write(dir, "image.png", Buffer.from("89504e470d0a1a0a0000000d49484452", "hex")),
      write(dir, "data.json", '{"not": "an article"}'),
    ];
    // Each command gets all three files: every one must be named, and none may stop the others' report.
    for (const args of [["check", ...bad], ["sources", "add", ...bad]]) {
      const run = await cli(["--db", db, ...args]);
      expect(run.code, `${args[0]}: ${run.stderr}`).toBe(2);
      for (const file of bad) expect(run.stderr).toContain(file);
    }
    const after = await cli(["--db", db, "sources", "list", "--json"]);
    expect(after.stdout).toBe(before.stdout);
    const { result } = await check(page(paragraphs, { href: article.url }));
    expect(own(result)!.violations).toEqual(["over_quota"]);
  });

  it("re-adding a source replaces it instead of duplicating it", async () => {
    const src = write(dir, "again.txt", article.text);
    const run = await cli(["--db", db, "sources", "add", "--url", article.url, "--published", article.published, src]);
    expect(run.stderr).toContain("0 added, 1 replaced");
    const list = jsonl<{ url: string }>((await cli(["--db", db, "sources", "list", "--json"])).stdout);
    expect(list.filter((s) => s.url === article.url)).toHaveLength(1);
  });

  it("human-readable output shows share vs cap, link and verdict", async () => {
    const file = write(dir, "human.html", page(paragraphs));
    const run = await cli(["--db", db, "check", file]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/share\s+\d+\.\d% \(\d+ of \d+ chars\) vs cap 30\.0%/);
    expect(run.stdout).toContain("link     none");
    expect(run.stdout).toContain("over_quota, missing_link");
  });
}

import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";

/** The fixture articles are shared by other tests: these checks keep them saying what their README says. */

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../fixtures/articles");

interface ManifestDocument {
  file: string;
  html?: string;
  url: string;
  title: string;
  published: string;
  role: "source" | "reference" | "unrelated";
}

interface Manifest {
  documents: ManifestDocument[];
  archive: { file: string; domain: string };
}

const read = (name: string) => readFileSync(path.join(fixtures, name), "utf8");
const manifest = JSON.parse(read("manifest.json")) as Manifest;
const byFile = (file: string) => manifest.documents.find((doc) => doc.file === file)!;
const paragraphs = (text: string) => text.trim().split(/\n\s*\n/);
const words = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

function wordRuns(text: string, length: number): Set<string> {
  const list = words(text);
  const runs = new Set<string>();
  for (let i = 0; i + length <= list.length; i++) runs.add(list.slice(i, i + length).join(" "));
  return runs;
}

const main = read("vestnik-main.txt");
const mainParagraphs = paragraphs(main);

describe("article fixtures", () => {
  it("the main article has a title, a lead, six body paragraphs and the notice with the read-all line", () => {
    expect(mainParagraphs).toHaveLength(9);
    expect(mainParagraphs[0]!).toBe(byFile("vestnik-main.txt").title);
    const bodyChars = mainParagraphs.slice(1, -1).join("\n\n").length;
    expect(bodyChars).toBeGreaterThanOrEqual(2500);
    expect(bodyChars).toBeLessThanOrEqual(3000);
    expect(mainParagraphs.at(-1)!.split("\n")).toHaveLength(2);
  });

  it("the HTML page carries the same article, its canonical URL, date and JSON-LD", () => {
    const doc = byFile("vestnik-main.txt");
    const { document } = parseHTML(read(doc.html!));
    expect(document.querySelector('link[rel="canonical"]')?.getAttribute("href")).toBe(doc.url);
    expect(document.querySelector('meta[property="article:published_time"]')?.getAttribute("content")).toBe(doc.published);
    expect(document.querySelector("h1")?.textContent).toBe(doc.title);
    const bodyTexts = [...document.querySelectorAll(".article__body p")].map((p) => p.textContent);
    expect(bodyTexts).toEqual([...mainParagraphs.slice(1, -1), ...mainParagraphs.at(-1)!.split("\n")]);
    const jsonLd = JSON.parse(document.querySelector('script[type="application/ld+json"]')!.textContent!) as Record<string, unknown>;
    expect(jsonLd).toMatchObject({ "@type": "NewsArticle", headline: doc.title, datePublished: doc.published });
    for (const chrome of ["header", "nav", "aside", "footer"]) expect(document.querySelector(chrome)).not.toBeNull();
  });

  it("the press release holds the minister's quotation word for word and came out the day before", () => {
    const quote = mainParagraphs.find((p) => p.startsWith("«"))!.match(/«.*»/)![0];
    expect(read("ministry-press-release.txt")).toContain(quote);
    const release = byFile("ministry-press-release.txt");
    const article = byFile("vestnik-main.txt");
    expect(release.role).toBe("reference");
    expect(Date.parse(article.published.slice(0, 10)) - Date.parse(release.published.slice(0, 10))).toBe(86_400_000);
  });

  it.each(manifest.documents.filter((doc) => doc.role === "unrelated").map((doc) => doc.file))(
    "%s shares no run of four words with the main article",
    (file) => {
      const shared = [...wordRuns(read(file), 4)].filter((run) => wordRuns(main, 4).has(run));
      expect(shared).toEqual([]);
      expect(read(file)).toMatch(/сообщает пресс-служба|говорится в сообщении/);
    },
  );

  it("the archive holds 8 to 12 distinct articles of the outlet, each ending like the main article", () => {
    const lines = read(manifest.archive.file).trim().split("\n");
    expect(lines.length).toBeGreaterThanOrEqual(8);
    expect(lines.length).toBeLessThanOrEqual(12);
    const articles = lines.map((line) => JSON.parse(line) as { url: string; title: string; text: string; published: string });
    expect(new Set(articles.map((a) => a.url)).size).toBe(articles.length);
    for (const article of articles) {
      expect(new URL(article.url).hostname).toBe(manifest.archive.domain);
      expect(article.title).not.toBe("");
      expect(Number.isNaN(Date.parse(article.published))).toBe(false);
      expect(paragraphs(article.text).at(-1)).toBe(mainParagraphs.at(-1));
    }
  });
});

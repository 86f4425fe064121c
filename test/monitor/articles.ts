import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Engine } from "../../src/engine/engine.ts";
import { readInputPage } from "../../src/io/inputs/read-input-page.ts";

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const ARTICLES = path.join(REPO, "test/fixtures/articles");

/** A source article of «Деловой вестник» as the fixtures give it. */
export interface SourceArticle {
  url: string;
  title: string;
  published: string;
  /** Lead and body paragraphs, without the outlet's notice and "read all news" line. */
  paragraphs: string[];
}

const NOTICE = /^(При использовании материалов|При работе с материалами|Читать все|Читайте также|Фото:|Подписывайтесь)/;

function paragraphsOf(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .flatMap((block) => block.split("\n"))
    .map((line) => line.trim())
    .filter((line) => line !== "" && !NOTICE.test(line));
}

interface ManifestEntry {
  file: string;
  html?: string;
  url: string;
  title: string;
  published: string;
  role: string;
}

function manifest(): { documents: ManifestEntry[]; archive: { file: string } } {
  return JSON.parse(readFileSync(path.join(ARTICLES, "manifest.json"), "utf8")) as { documents: ManifestEntry[]; archive: { file: string } };
}

/** The main article (vestnik-main) and the ten archive articles. */
export function vestnikArticles(): { main: SourceArticle; archive: SourceArticle[] } {
  const entry = manifest().documents.find((doc) => doc.file === "vestnik-main.txt")!;
  const mainText = readFileSync(path.join(ARTICLES, entry.file), "utf8");
  const main = { url: entry.url, title: entry.title, published: entry.published, paragraphs: paragraphsOf(mainText).slice(1) };
  const archive = readFileSync(path.join(ARTICLES, manifest().archive.file), "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as { url: string; title: string; text: string; published: string })
    .map((doc) => ({ url: doc.url, title: doc.title, published: doc.published, paragraphs: paragraphsOf(doc.text) }));
  return { main, archive };
}

/** Indexes the vestnik sources: the main article from its HTML page, the archive from its JSONL lines. */
export async function indexVestnik(engine: Engine): Promise<void> {
  const entry = manifest().documents.find((doc) => doc.file === "vestnik-main.txt")!;
  const html = readFileSync(path.join(ARTICLES, entry.html!), "utf8");
  await engine.addSource((await readInputPage(html, { subject: entry.html!, fetched: null, declaredUrl: entry.url })).doc, { reference: false });
  for (const line of readFileSync(path.join(ARTICLES, manifest().archive.file), "utf8").split("\n")) {
    if (line.trim() === "") continue;
    const doc = JSON.parse(line) as { url: string; title: string; text: string; published: string };
    await engine.addSource({ url: doc.url, title: doc.title, published: doc.published, text: doc.text, links: [] }, { reference: false });
  }
}

/** Text of our own that reuses nothing: an item of another fictional outlet. */
export function ownText(): string[] {
  return paragraphsOf(readFileSync(path.join(ARTICLES, "unrelated-housing.txt"), "utf8")).slice(1);
}

/** A republisher's article page («Новости Степи», a fictional outlet): its chrome around the given paragraphs. */
export function republishedPage(options: {
  title: string;
  published: string;
  paragraphs: readonly string[];
  /** A link to the source in the article body. */
  linkTo?: string;
  canonical?: string;
  /** Declared in a `<meta charset>`. */
  charset?: string;
}): string {
  const canonical = options.canonical ? `<link rel="canonical" href="${options.canonical}">` : "";
  const link = options.linkTo ? `<p>Источник: <a href="${options.linkTo}">Деловой вестник</a></p>` : "";
  return `<!doctype html>
<html lang="ru"><head><meta charset="${options.charset ?? "utf-8"}">
<title>${options.title} — Новости Степи</title>${canonical}
<meta property="article:published_time" content="${options.published}">
</head><body>
<header><a href="/">Новости Степи</a><nav><a href="/economy">Экономика</a> <a href="/politics">Политика</a></nav></header>
<main><article><h1>${options.title}</h1>
${options.paragraphs.map((p) => `<p>${p}</p>`).join("\n")}
${link}
</article></main>
<aside><h3>Популярное</h3><ul><li><a href="/a1">Курс тенге на сегодня</a></li><li><a href="/a2">Погода в Астане</a></li></ul></aside>
<footer>© Новости Степи. <a href="/about">О нас</a></footer>
</body></html>`;
}

/** A home page announcing the site's feed. */
export function homePage(feedPath: string): string {
  return `<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>Новости Степи</title>
<link rel="alternate" type="application/rss+xml" title="Новости Степи" href="${feedPath}">
</head><body><h1>Новости Степи</h1><p>Главные новости региона.</p></body></html>`;
}

export interface ListedItem {
  url: string;
  title?: string;
  date?: string;
}

/** An RSS 2.0 feed listing the items. */
export function rssFeed(siteUrl: string, items: readonly ListedItem[]): string {
  const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Новости Степи</title><link>${escape(siteUrl)}</link><description>Лента</description>
${items
  .map((item) => `<item><title>${escape(item.title ?? "Новость")}</title><link>${escape(item.url)}</link>${item.date ? `<pubDate>${new Date(item.date).toUTCString()}</pubDate>` : ""}</item>`)
  .join("\n")}
</channel></rss>`;
}

/** A sitemap (urlset) listing the items. */
export function sitemap(items: readonly ListedItem[]): string {
  const escape = (text: string) => text.replace(/&/g, "&amp;");
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${items.map((item) => `<url><loc>${escape(item.url)}</loc>${item.date ? `<lastmod>${item.date}</lastmod>` : ""}</url>`).join("\n")}
</urlset>`;
}

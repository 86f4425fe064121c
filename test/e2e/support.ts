import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const SHARED = path.resolve(REPO, "../shared");
export const BIN = path.join(REPO, "bin/copyquota.js");

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real CLI in a child process, as a user would (in `cwd`, by default the test's own). */
export function cli(args: readonly string[], env: Record<string, string> = {}, cwd?: string): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, cwd, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : 99) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** Parses `check --json` output: one object per line. */
export function jsonl<T = Record<string, unknown>>(stdout: string): T[] {
  return stdout
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

export function tempDir(prefix: string): string {
  return mkdtempSync(path.join(tmpdir(), `copyquota-${prefix}-`));
}

export function write(dir: string, name: string, content: string | Uint8Array): string {
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return file;
}

export function sharedAvailable(): boolean {
  return existsSync(path.join(SHARED, "seed/article-ru.txt"));
}

/** An article under test: where its text comes from and the facts the scenarios need. */
export interface ArticleUnderTest {
  name: string;
  url: string;
  published: string;
  /** Title line, blank line, lead, body, policy notice and "read all news" — as the outlet prints it. */
  text: string;
}

/** The article's real paragraphs: without title, policy notice and "read all" line. */
export function bodyParagraphs(article: ArticleUnderTest): string[] {
  return article.text
    .split(/\n\s*\n/)
    .slice(1)
    .flatMap((block) => block.split("\n"))
    .map((p) => p.trim())
    .filter((p) => p && !/^(При работе с материалами|При использовании материалов|Читать все)/.test(p));
}

export function readArticle(file: string): string {
  return readFileSync(file, "utf8");
}

export interface LinkSpec {
  href: string;
  rel?: string;
  noindex?: boolean;
  /** Put the link only in the site footer (chrome), not in the article. */
  footerOnly?: boolean;
}

/** A republisher's page: its own chrome around an article made of the given paragraphs. */
export function reuserPage(options: { url: string; title: string; published: string; paragraphs: readonly string[]; link?: LinkSpec; charset?: string }): string {
  const link = options.link;
  const anchor = link ? `<a href="${link.href}"${link.rel ? ` rel="${link.rel}"` : ""}>Источник</a>` : "";
  const inArticle = link && !link.footerOnly ? `<p>${link.noindex ? `<noindex>${anchor}</noindex>` : anchor}</p>` : "";
  return `<!doctype html>
<html lang="ru"><head><meta charset="${options.charset ?? "utf-8"}">
<title>${options.title} — Новости Степи</title>
<link rel="canonical" href="${options.url}">
<meta property="article:published_time" content="${options.published}">
</head><body>
<header><a href="https://stepnews.example/">Новости Степи</a><nav><a href="https://stepnews.example/economy">Экономика</a> <a href="https://stepnews.example/politics">Политика</a></nav></header>
<main><article><h1>${options.title}</h1>
${options.paragraphs.map((p) => `<p>${p}</p>`).join("\n")}
${inArticle}
</article></main>
<aside><h3>Популярное</h3><ul><li><a href="https://stepnews.example/a1">Курс тенге на сегодня</a></li><li><a href="https://stepnews.example/a2">Погода в Астане</a></li></ul></aside>
<footer>© Новости Степи. ${link?.footerOnly ? anchor : ""} <a href="https://stepnews.example/about">О нас</a></footer>
</body></html>`;
}

/** Deterministic light rewriting: word endings changed, sentences reordered, a few words dropped. */
export function rewrite(paragraphs: readonly string[]): string[] {
  const sentences = paragraphs.join(" ").match(/[^.!?…]+[.!?…]+[»"]?\s*/g) ?? [];
  const changed = sentences.map((s, i) =>
    s
      .replace(/([а-я]{4,})ого\b/g, "$1ому")
      .replace(/([а-я]{4,})ий\b/g, "$1ого")
      .replace(/([а-я]{4,})ции\b/g, "$1ция")
      .replace(i % 2 ? /\s(также|еще|очень|всех)\s/g : /^$/, " ")
      .trim(),
  );
  // Adjacent pairs swapped: every sentence moves, none is lost.
  for (let i = 0; i + 1 < changed.length; i += 2) [changed[i], changed[i + 1]] = [changed[i + 1]!, changed[i]!];
  return [changed.join(" ")];
}

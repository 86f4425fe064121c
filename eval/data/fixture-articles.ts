import { readFileSync } from "node:fs";
import path from "node:path";
import { repoRoot } from "../paths.ts";
import type { NewsArticle } from "./ru-news.ts";

/** The project's own fictional articles (test/fixtures/articles), for runs without ../shared. */
const DIR = path.join(repoRoot, "test", "fixtures", "articles");

interface ManifestDocument {
  file: string;
  url: string;
  title: string;
  published: string;
  role: "source" | "reference" | "unrelated";
}

interface Manifest {
  documents: ManifestDocument[];
  archive: { file: string };
}

/**
 * The fixtures as news articles: the outlet is the URL's host. Text files start with their title line,
 * which is dropped (the manifest carries the title).
 */
export function readFixtureArticles(): NewsArticle[] {
  const manifestFile = path.join(DIR, "manifest.json");
  const manifest = JSON.parse(readFileSync(manifestFile, "utf8")) as Manifest;
  if (!Array.isArray(manifest.documents) || !manifest.archive?.file) throw new Error(`${manifestFile}: expected "documents" and "archive.file"`);
  const documents = manifest.documents.map((d, i) => {
    const text = readFileSync(path.join(DIR, d.file), "utf8").replace(/\r\n/g, "\n");
    return article(`fx${i + 1}`, d.url, d.title, d.published, text.slice(text.indexOf("\n")).trim());
  });
  const archive = readFileSync(path.join(DIR, manifest.archive.file), "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((line, i) => {
      const row = JSON.parse(line) as { url: string; title: string; text: string; published: string };
      return article(`fa${i + 1}`, row.url, row.title, row.published, row.text);
    });
  return [...documents, ...archive];
}

function article(id: string, url: string, title: string, published: string, text: string): NewsArticle {
  return { id, outlet: new URL(url).hostname, url, published: new Date(published).toISOString(), title, text, rawFile: "test/fixtures/articles" };
}

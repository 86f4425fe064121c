import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { repoRoot } from "../paths.ts";

/** The golden pages: our own fictional news pages, each with the article text and metadata a reader would take from it. */
export const goldenDir = path.join(repoRoot, "test", "fixtures", "extraction");

/** What a golden page's `expected.json` says the page is. */
export interface ExpectedMetadata {
  title: string;
  /** ISO instant, as `extractPage` gives it, or null when the page carries no date. */
  published: string | null;
  /** The canonical URL; also where the page is taken to have been found. */
  url: string;
}

export interface GoldenPage {
  /** The folder's name. */
  name: string;
  html: string;
  /** The article's own text, paragraphs separated by blank lines. */
  expectedText: string;
  expected: ExpectedMetadata;
}

/** Reads every folder of `dir`; a folder missing a file or with a malformed `expected.json` is an error naming it. */
export function readGoldenPages(dir = goldenDir): GoldenPage[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => readGoldenPage(path.join(dir, name)));
}

function readGoldenPage(folder: string): GoldenPage {
  const read = (file: string) => {
    const full = path.join(folder, file);
    if (!existsSync(full)) throw new Error(`golden page ${folder}: ${file} is missing`);
    return readFileSync(full, "utf8");
  };
  const expected = JSON.parse(read("expected.json")) as Partial<ExpectedMetadata>;
  if (typeof expected.title !== "string" || typeof expected.url !== "string" || (expected.published !== null && typeof expected.published !== "string")) {
    throw new Error(`golden page ${folder}: expected.json needs a string title and url, and published as a string or null`);
  }
  return { name: path.basename(folder), html: read("source.html"), expectedText: read("expected.txt").trim(), expected: expected as ExpectedMetadata };
}

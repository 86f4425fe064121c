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
  /** The canonical URL the page declares, or null when it declares none. */
  url: string | null;
}

/** `expected.json`: the metadata, and what the page is taken for. */
export interface ExpectedPage extends ExpectedMetadata {
  /** Where the page was found, when it declares no canonical URL. */
  pageUrl?: string;
  /**
   * Why the extractor's metadata differs from the expected, when it is a known shortcoming kept in view
   * rather than hidden by writing the wrong value as expected.
   */
  knownDifference?: string;
}

export interface GoldenPage {
  /** The folder's name. */
  name: string;
  html: string;
  /** The article's own text, paragraphs separated by blank lines. */
  expectedText: string;
  expected: ExpectedPage;
  /** Where the page was found: `pageUrl`, else its canonical URL. */
  foundAt: string;
}

/** The metadata fields of an expected page or an extracted one, to compare. */
export function metadataOf(page: ExpectedMetadata): ExpectedMetadata {
  return { title: page.title, published: page.published, url: page.url };
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
  const expected = JSON.parse(read("expected.json")) as Partial<ExpectedPage>;
  const stringOrNull = (value: unknown) => value === null || typeof value === "string";
  const foundAt = expected.pageUrl ?? expected.url;
  if (typeof expected.title !== "string" || !stringOrNull(expected.published) || !stringOrNull(expected.url) || typeof foundAt !== "string") {
    throw new Error(`golden page ${folder}: expected.json needs a string title, published and url as strings or null, and pageUrl when url is null`);
  }
  const name = path.basename(folder);
  return { name, html: read("source.html"), expectedText: read("expected.txt").trim(), expected: expected as ExpectedPage, foundAt };
}

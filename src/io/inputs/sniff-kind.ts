import { looksLikeHtml } from "../../core/extract/html.ts";

/** What an input holds. */
export type InputKind = "html" | "text" | "jsonl" | "feed" | "sitemap";

/** Root elements of the XML formats we read. */
const XML_ROOTS: Record<string, InputKind> = {
  rss: "feed",
  "rdf:rdf": "feed",
  feed: "feed",
  urlset: "sitemap",
  sitemapindex: "sitemap",
};

/**
 * Tells what an input holds from its content; the file extension or Content-Type only decides between HTML
 * and plain text when the content does not (an HTML fragment that starts with text).
 * Returns a problem (a string) for content we cannot read as documents.
 */
export function sniffKind(text: string, hint: { extension?: string; contentType?: string }): InputKind | { problem: string } {
  const start = text.trimStart();
  if (start.startsWith("<")) {
    const root = xmlRootName(start);
    const kind = root === null ? undefined : XML_ROOTS[root.toLowerCase()];
    if (kind) return kind;
    if (looksLikeHtml(start)) return "html";
    if (start.startsWith("<?xml")) return { problem: `is an XML document with root <${root ?? "?"}>, not HTML, a feed or a sitemap` };
  }
  if (start.startsWith("{") || start.startsWith("[")) {
    const json = jsonShape(start);
    if (json === "lines") return "jsonl";
    if (json === "document") return { problem: "is a JSON document, not JSON Lines (one document object per line)" };
  }
  const declaredHtml = /^html?$/i.test(hint.extension ?? "") || /^\s*(?:text\/html|application\/xhtml)/i.test(hint.contentType ?? "");
  return declaredHtml ? "html" : "text";
}

/** The name of the first element, after the XML declaration, processing instructions, comments and doctype. */
export function xmlRootName(text: string): string | null {
  const rest = text.replace(/^(?:\s+|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!doctype[^>[]*(?:\[[\s\S]*?\])?\s*>)*/i, "");
  return /^<([A-Za-z_][\w:.-]*)/.exec(rest)?.[1] ?? null;
}

/**
 * "lines" when the first non-blank line is a JSON object (JSON Lines; bad lines further down are the
 * loader's to report), "document" when the whole text is one JSON value spread over lines, else null
 * (text that merely starts with a brace).
 */
function jsonShape(text: string): "lines" | "document" | null {
  const newline = text.indexOf("\n");
  const firstLine = (newline < 0 ? text : text.slice(0, newline)).trim();
  if (isJsonObject(firstLine)) return "lines";
  try {
    JSON.parse(text);
    return "document";
  } catch {
    return firstLine.startsWith("{") && text.split("\n").some((line) => isJsonObject(line.trim())) ? "lines" : null;
  }
}

export function isJsonObject(line: string): boolean {
  if (!line.startsWith("{")) return false;
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === "object" && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

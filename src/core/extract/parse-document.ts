import { parseHTML } from "linkedom";

/**
 * Parses HTML into a DOM document with a `<body>`.
 * linkedom builds the tree as written and does not invent the `<html>`/`<body>` elements a browser would:
 * a fragment or a page without `<body>` would leave `document.body` empty while the text sits beside it,
 * and Readability reads only `document.body`. Such input is wrapped the way a browser would place it.
 */
export function parseDocument(html: string): Document {
  return parseHTML(hasBody(html) ? html : wrapInBody(html)).document;
}

function hasBody(html: string): boolean {
  return /<body[\s>]/i.test(html);
}

/** The tags a wrapper supplies itself; `(?:\s[^>]*)?` keeps `<header>` from matching `<head`. */
const STRUCTURE_TAGS = /<!doctype[^>]*>|<\/?(?:html|head)(?:\s[^>]*)?>/gi;

function wrapInBody(html: string): string {
  const headEnd = html.search(/<\/head\s*>/i);
  const head = headEnd >= 0 ? html.slice(0, headEnd) : "";
  const body = headEnd >= 0 ? html.slice(html.indexOf(">", headEnd) + 1) : html;
  return `<!DOCTYPE html><html><head>${head.replace(STRUCTURE_TAGS, "")}</head><body>${body.replace(STRUCTURE_TAGS, "")}</body></html>`;
}

import type { ExtractedPage, PageLink } from "../types.ts";
import { blockTexts } from "./blocks.ts";
import { surveyPage } from "./links.ts";
import { readMainContent } from "./main-content.ts";
import { elementsInOrder } from "./elements.ts";
import { firstTime, readMetadata } from "./metadata.ts";
import { assertPageBounds } from "./page-bounds.ts";
import { parseDocument } from "./parse-document.ts";

/**
 * Extracts a page's main text, metadata and links. `pageUrl` is where the page was found; relative links
 * resolve against `<base href>`, else `pageUrl`, else the canonical URL, and are dropped when none exists.
 *
 * One parse serves everything: metadata and links are read first, then the document, less its menus, is
 * handed to Readability, which rewrites it (see `readMainContent` for how its choices are traced back).
 * @throws PageRefusedError before parsing a page nested or sized past what any real page is (`page-bounds.ts`).
 */
export function extractPage(html: string, pageUrl?: string): ExtractedPage {
  assertPageBounds(html);
  const doc = parseDocument(html);
  const elements = elementsInOrder(doc);
  const meta = readMetadata(elements, pageUrl);
  const survey = surveyPage(doc, elements, meta.baseUrl ?? pageUrl ?? meta.canonicalUrl ?? undefined);
  const found = survey.links;
  const watched = found.flatMap((f) => (f.block ? [f.anchor, f.block] : [f.anchor]));
  // Menus are not text; Readability, which sometimes keeps them (it may pick a whole table row), and is
  // slower the more it reads, never sees them.
  for (const el of survey.navigation) el.remove();
  const main = readMainContent(doc, watched, pageUrl ?? meta.canonicalUrl);

  const readabilityTitle = main.title && meta.firstHeading ? headlineOf(main.title, meta.firstHeading) : main.title;
  const titles = [meta.ogTitle, readabilityTitle, meta.htmlTitle, meta.firstHeading].filter((t): t is string => !!t);
  const blocks = main.content ? blockTexts(main.content) : [];
  if (blocks.length > 0 && titles.some((t) => sameText(t, blocks[0]!))) blocks.shift();

  const links: PageLink[] = found.map((f) => ({
    ...f.link,
    // A link Readability dropped from a paragraph it kept (it drops hidden nodes) is still the article's.
    mainContent: !f.chrome && (main.kept(f.anchor) || (f.block !== null && main.kept(f.block))),
  }));

  return {
    url: meta.canonicalUrl,
    title: titles[0] ?? "",
    published: meta.published ?? firstTime(main.contentElements) ?? meta.articleTime ?? meta.pageTime,
    text: blocks.join("\n\n"),
    links,
  };
}

/**
 * What separates the headline from the site's name in a `<title>`. Readability cuts the name off at "|",
 * "-", "/", ">" and "»", but not at the en and em dashes WordPress ("&#8211;") and many Russian sites print.
 */
const SITE_NAME_SEPARATOR = /^\s+[|\-–—/>»:·•]\s/u;

/** The page's `<h1>` when a title is that headline followed by a separator and the site's name, else the title. */
function headlineOf(title: string, heading: string): string {
  const lead = heading.trim();
  const rest = title.slice(lead.length);
  return title.toLowerCase().startsWith(lead.toLowerCase()) && SITE_NAME_SEPARATOR.test(rest) ? lead : title;
}

function sameText(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/**
 * Whether a text is an HTML document or fragment rather than plain text or another XML format:
 * after any XML declaration, comments and blank space it opens with a doctype or a tag HTML defines.
 */
export function looksLikeHtml(text: string): boolean {
  const start = text
    .slice(0, 4096)
    .replace(/^\uFEFF/, "")
    .replace(/^(?:\s+|<\?xml[^>]*\?>|<!--[\s\S]*?-->)*/, "");
  if (/^<!doctype\s+html/i.test(start)) return true;
  const tag = /^<([a-z][a-z0-9]*)[\s/>]/i.exec(start)?.[1]?.toLowerCase();
  return tag !== undefined && HTML_OPENING_TAGS.has(tag);
}

/** Tags an HTML page or fragment plausibly starts with; XML formats (rss, feed, urlset) start otherwise. */
const HTML_OPENING_TAGS = new Set([
  "html", "head", "body", "meta", "title", "link", "base", "style", "script", "noscript", "header", "nav",
  "main", "article", "section", "aside", "footer", "div", "p", "h1", "h2", "h3", "h4", "h5", "h6", "table",
  "ul", "ol", "blockquote", "pre", "span", "a", "img", "figure", "form", "center", "font", "b", "i", "strong",
  "em", "br", "hr", "noindex",
]);

import type { IsoDate } from "../types.ts";
import { isArticleScope } from "./chrome.ts";
import { toIsoDate } from "./date.ts";
import { collapseWhitespace } from "./text.ts";

/** What a page says about itself in its markup, read before Readability rewrites the document. */
export interface PageMetadata {
  /** `<link rel=canonical>`, else `og:url`, absolute http(s); null when neither resolves. */
  canonicalUrl: string | null;
  /** `<base href>` resolved, when the page sets one. */
  baseUrl: string | null;
  ogTitle: string | null;
  htmlTitle: string | null;
  firstHeading: string | null;
  /** From `article:published_time`, JSON-LD `datePublished` or microdata, in that order of trust. */
  published: IsoDate;
  /** `<time datetime>` inside the page's `<article>`/`<main>`: a fallback for the date. */
  articleTime: IsoDate;
  /**
   * The first `<time datetime>` outside site chrome: the last resort, for old CMS layouts that print the
   * date in a plain `<div>` above the article body, outside any article element.
   */
  pageTime: IsoDate;
}

/**
 * Reads the metadata from the document's elements in order (see `elementsInOrder`): one pass, because
 * linkedom walks the whole document for every selector query.
 */
export function readMetadata(elements: readonly Element[], pageUrl: string | undefined): PageMetadata {
  const metas = new Map<string, string>();
  const canonicalHrefs: string[] = [];
  const jsonLd: string[] = [];
  const times: Element[] = [];
  let baseHref: string | null = null;
  let htmlTitle: string | null = null;
  let firstHeading: string | null = null;
  let microdataDate: string | null = null;
  for (const el of elements) {
    switch (el.localName) {
      case "meta": {
        // Open Graph uses `property`; many sites write `name` instead.
        const key = (el.getAttribute("property") ?? el.getAttribute("name") ?? "").toLowerCase();
        const content = el.getAttribute("content");
        if (key !== "" && content !== null && !metas.has(key)) metas.set(key, content);
        break;
      }
      case "link":
        if (relTokens(el).includes("canonical")) canonicalHrefs.push(el.getAttribute("href") ?? "");
        break;
      case "base":
        baseHref ??= el.getAttribute("href");
        break;
      case "title":
        htmlTitle ??= nonEmpty(el.textContent);
        break;
      case "h1":
        firstHeading ??= nonEmpty(el.textContent);
        break;
      case "script":
        if ((el.getAttribute("type") ?? "").toLowerCase() === "application/ld+json") jsonLd.push(el.textContent ?? "");
        break;
      case "time":
        if (el.hasAttribute("datetime")) times.push(el);
        break;
    }
    if (microdataDate === null && el.getAttribute("itemprop") === "datePublished") {
      microdataDate = el.getAttribute("content") ?? el.getAttribute("datetime");
    }
  }
  const canonicalUrl =
    canonicalHrefs.map((href) => resolveHttpUrl(href, pageUrl)).find((url) => url !== null) ??
    resolveHttpUrl(metas.get("og:url") ?? "", pageUrl);
  return {
    canonicalUrl,
    baseUrl: resolveHttpUrl(baseHref ?? "", pageUrl ?? canonicalUrl ?? undefined),
    ogTitle: nonEmpty(metas.get("og:title")),
    htmlTitle,
    firstHeading,
    published:
      toIsoDate(metas.get("article:published_time") ?? "") ??
      jsonLdDatePublished(jsonLd) ??
      toIsoDate(microdataDate ?? ""),
    articleTime: firstTime(times.filter(inArticleScope)),
    pageTime: firstTime(times.filter((el) => !inChrome(el))),
  };
}

/** The first `<time datetime>` among `elements` that carries a readable date, as ISO. */
export function firstTime(elements: readonly Element[]): IsoDate {
  for (const el of elements) {
    if (el.localName !== "time") continue;
    const iso = toIsoDate(el.getAttribute("datetime") ?? "");
    if (iso) return iso;
  }
  return null;
}

/** `base` may be undefined: then only an absolute `href` resolves. Only http(s) results count. */
export function resolveHttpUrl(href: string, base: string | undefined): string | null {
  const trimmed = href.trim();
  if (trimmed === "") return null;
  try {
    const url = new URL(trimmed, base);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

function relTokens(el: Element): string[] {
  return (el.getAttribute("rel") ?? "").toLowerCase().split(/\s+/);
}

function inArticleScope(el: Element): boolean {
  for (let node = el.parentElement; node; node = node.parentElement) if (isArticleScope(node)) return true;
  return false;
}

/**
 * `datePublished` from JSON-LD blocks, looking through arrays and `@graph`. An article-typed node wins over
 * other nodes (a WebPage node often carries its own, later, date).
 */
/** Class or id naming a site-wide part: a date there is today's date or another article's. */
const CHROME_NAME = /(^|[\s_-])(header|footer|nav|navbar|menu|sidebar|aside|widget|related|popular|breadcrumbs?)($|[\s_-])/i;

function inChrome(el: Element): boolean {
  for (let node = el.parentElement; node; node = node.parentElement) {
    if (["header", "nav", "aside", "footer"].includes(node.localName)) return true;
    if (CHROME_NAME.test(`${node.getAttribute("class") ?? ""} ${node.getAttribute("id") ?? ""}`)) return true;
  }
  return false;
}

function jsonLdDatePublished(blocks: readonly string[]): IsoDate {
  const found: Array<{ date: string; article: boolean }> = [];
  for (const block of blocks) {
    const data = parseJsonLd(block);
    if (data !== undefined) collectDates(data, found);
  }
  const ordered = [...found.filter((f) => f.article), ...found.filter((f) => !f.article)];
  for (const { date } of ordered) {
    const iso = toIsoDate(date);
    if (iso) return iso;
  }
  return null;
}

function parseJsonLd(text: string): unknown {
  // Some CMSs wrap the JSON in an HTML comment or a CDATA section.
  const body = text.trim().replace(/^(?:<!--|\/\/\s*<!\[CDATA\[)/, "").replace(/(?:-->|\/\/\s*\]\]>)$/, "");
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

function collectDates(node: unknown, found: Array<{ date: string; article: boolean }>): void {
  if (Array.isArray(node)) {
    for (const item of node) collectDates(item, found);
    return;
  }
  if (node === null || typeof node !== "object") return;
  const record = node as Record<string, unknown>;
  if (typeof record.datePublished === "string") {
    const types = ([] as unknown[]).concat(record["@type"] ?? []);
    const article = types.some((t) => typeof t === "string" && /article|posting|report/i.test(t));
    found.push({ date: record.datePublished, article });
  }
  for (const [key, value] of Object.entries(record)) {
    if (key !== "datePublished" && typeof value === "object") collectDates(value, found);
  }
}

function nonEmpty(text: string | null | undefined): string | null {
  const collapsed = collapseWhitespace(text ?? "");
  return collapsed === "" ? null : collapsed;
}

import { extractPage } from "../../core/extract/html.ts";
import type { IsoDate, TextDocument } from "../../core/types.ts";
import { InputError } from "./input-error.ts";

/** What the caller knows about a page besides its HTML. */
export interface PageContext {
  /** For messages. */
  origin: string;
  /** Where the page was found (a response's final URL, or --url for a file): links resolve against it. */
  pageUrl?: string;
  /** The URL to use whatever the page says (--url, a JSONL line's url). */
  url?: string;
  /** The URL to use when the page names none (a file's `file://` URL for a candidate). */
  fallbackUrl?: string;
  /** Overrides and fallbacks for title and date. */
  title?: string;
  fallbackTitle?: string;
  published?: IsoDate;
  fallbackPublished?: IsoDate;
}

/**
 * A document from an HTML page: its main text and links, the URL from the context's override, the page's
 * canonical URL, where it was found, or the fallback, in that order.
 */
export function pageDocument(html: string, context: PageContext): TextDocument {
  const page = extractPage(html, context.pageUrl);
  if (page.text === "") throw new InputError(context.origin, "has no extractable text (no article found in the page)");
  const url = context.url ?? page.url ?? context.pageUrl ?? context.fallbackUrl;
  if (!url) {
    throw new InputError(context.origin, "needs --url: the page names no canonical URL and a source must have its real URL");
  }
  return {
    url,
    title: context.title ?? (page.title || context.fallbackTitle || url),
    published: context.published ?? page.published ?? context.fallbackPublished ?? null,
    text: page.text,
    links: page.links,
  };
}

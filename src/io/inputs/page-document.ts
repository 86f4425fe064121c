import { PageRefusedError } from "../../core/extract/page-refused.ts";
import type { ExtractedPage, IsoDate, TextDocument } from "../../core/types.ts";
import { extractPageOffThread } from "../threads/page-extractor.ts";
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
 * canonical URL, where it was found, or the fallback, in that order. The page is extracted in an extraction
 * thread, held to the page caps and time budget, so that a hostile one neither blocks the server's event
 * loop nor runs unbounded.
 * @throws InputError naming the input: no text, no URL, or a page refused (past a cap, over the budget).
 */
export async function pageDocument(html: string, context: PageContext): Promise<TextDocument> {
  let page: ExtractedPage;
  try {
    page = await extractPageOffThread(html, context.pageUrl);
  } catch (error) {
    throw error instanceof PageRefusedError ? new InputError(context.origin, `is refused: ${error.message}`) : error;
  }
  return documentOf(page, context);
}

function documentOf(page: ExtractedPage, context: PageContext): TextDocument {
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

import { looksLikeHtml } from "../../core/extract/html.ts";
import type { ExtractedPage, IsoDate, TextDocument } from "../../core/types.ts";
import { decodeBody, sniffBinary } from "../decode.ts";
import { plainTextDocument } from "../inputs/plain-text.ts";
import { extractPageOffThread } from "../threads/page-extractor.ts";
import type { PageAddresses } from "./page-identity.ts";
import { linkBase, pageIdentity } from "./page-identity.ts";
import { UnreadablePageError } from "./unreadable-page.ts";

/** A page's bytes as received or read from a file. */
export interface PageBody {
  bytes: Uint8Array;
  /** The response's `Content-Type` header; null when none came (a file has none). */
  contentType: string | null;
}

/** What is known of a page besides its content: where it is, and what the caller says of it. */
export interface PageContext extends Omit<PageAddresses, "canonicalUrl"> {
  /** Names the page in messages: a file path, `file:line`, a URL, `the HTML submitted for …`. */
  subject: string;
  /** The title to use whatever the page says (`--title`, the API's `title`, a JSON Lines record's). */
  title?: string;
  /** The title when the page has none (a feed item's); else the page's URL stands in. */
  fallbackTitle?: string;
  /** The publication time to use whatever the page says; null means "no date". Undefined: the page's. */
  published?: IsoDate;
  /** The publication time when the page gives none (a feed item's). */
  fallbackPublished?: IsoDate;
}

/** A page read: the document checked or indexed, and the canonical URL the page claims, kept for what it is. */
export interface ReadPage {
  doc: TextDocument;
  /** `<link rel=canonical>` or `og:url`, absolute; null when the page names none (or is plain text). Never the identity of a page fetched or declared. */
  canonicalUrl: string | null;
}

/**
 * HTML → the page's text, links and metadata, held to the page caps (`page-bounds.ts`): `extractPageOffThread`
 * (the default) also to the time budget, off the caller's event loop; `extractPage` in the caller's thread, for
 * a caller that is itself a worker thread (the monitor's analyzers).
 * @throws PageRefusedError past a cap or the budget.
 */
export type PageExtractor = (html: string, baseUrl: string | undefined) => ExtractedPage | Promise<ExtractedPage>;

/**
 * The one way the product reads a page from its bytes (the API's fetched pages, the monitor's): decoded by
 * `decodeBody`'s charset rule (BOM, header, `<meta>`, sniffing, labels the bytes contradict passed over), then
 * HTML as `readHtml` reads it; plain text is taken as a candidate's, kept exactly. Inputs already decoded
 * (the command line's files, JSON Lines records, feed items, the API's submitted HTML) start at `readHtml`.
 * @throws UnreadablePageError (`not_a_page`: binary, XML or JSON; `no_text`); PageRefusedError past a cap.
 */
export async function readPage(body: PageBody, context: PageContext, extract: PageExtractor = extractPageOffThread): Promise<ReadPage> {
  if (sniffBinary(body.bytes)) throw new UnreadablePageError("not_a_page", context.subject, "is binary data (an image, a PDF or an archive), not a page");
  const { text } = decodeBody(body.bytes, body.contentType ?? undefined);
  if (looksLikeHtml(text)) return readHtml(text, context, extract);
  if (/^\s*(?:<\?xml|<[a-z][\w:.-]*[\s>])/i.test(text) || /^\s*[{[]/.test(text)) {
    throw new UnreadablePageError("not_a_page", context.subject, `is XML or JSON (${body.contentType ?? "no content type"}), not an HTML page or plain text`);
  }
  if (text.trim() === "") throw new UnreadablePageError("no_text", context.subject, "is empty");
  const url = identityOf(context, null);
  const doc = plainTextDocument(text, { url, title: context.title, fallbackTitle: context.fallbackTitle ?? url, published: publishedOf(context, null), purpose: "candidate" });
  return { doc, canonicalUrl: null };
}

/**
 * A document from a page's HTML: its main text and links, under the page's identity (`pageIdentity`: where it
 * was fetched, else the URL declared for it; a saved file's own canonical link only when neither is known),
 * with the title and date the caller gives, else the page's, else the caller's fallbacks.
 * @throws UnreadablePageError (`no_text`; `no_url` for a page with no address at all); PageRefusedError past a cap.
 */
export async function readHtml(html: string, context: PageContext, extract: PageExtractor = extractPageOffThread): Promise<ReadPage> {
  const page = await extract(html, linkBase(context));
  if (page.text.trim() === "") throw new UnreadablePageError("no_text", context.subject, "has no extractable text (no article found in the page)");
  const url = identityOf(context, page.url);
  const doc = { url, title: context.title ?? (page.title || context.fallbackTitle || url), published: publishedOf(context, page.published), text: page.text, links: page.links };
  return { doc, canonicalUrl: page.url };
}

function identityOf(context: PageContext, canonicalUrl: string | null): string {
  const url = pageIdentity({ ...context, canonicalUrl });
  // Only a saved source file, which has no address but the one it claims, can come to this.
  if (url === null) throw new UnreadablePageError("no_url", context.subject, "needs --url: the page names no canonical URL and a source must have its real URL");
  return url;
}

function publishedOf(context: PageContext, pagePublished: IsoDate): IsoDate {
  return context.published !== undefined ? context.published : (pagePublished ?? context.fallbackPublished ?? null);
}

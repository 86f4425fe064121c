import { extractPage, looksLikeHtml } from "../core/extract/html.ts";
import { PageRefusedError } from "../core/extract/page-refused.ts";
import type { ExtractedPage, TextDocument } from "../core/types.ts";
import { sniffBinary } from "../io/decode.ts";
import { decodePage } from "./decode-page.ts";
import { plainTextDocument } from "../io/inputs/plain-text.ts";
import { DescribedFailure, PageError } from "./failure.ts";

/** A fetched page ready to check, with the canonical URL it names (for dedupe). */
export interface ReadPage {
  doc: TextDocument;
  /** `<link rel=canonical>` or `og:url`, absolute; null when the page names none (or is plain text). */
  canonicalUrl: string | null;
}

/**
 * The document a fetched page holds. Its URL is the one the monitor found and fetched (`url`), not the
 * canonical URL the page claims: a republisher's page may name the original article as canonical, and the
 * case belongs to the address where the text is published.
 * @throws PageError when the body is binary, a feed or other non-page XML, or holds no readable text;
 * DescribedFailure with the refusal's reason (`too_deep`, `too_many_elements`) for a page past a cap.
 */
export function readPage(body: Uint8Array, contentType: string | undefined, url: string, finalUrl: string): ReadPage {
  if (sniffBinary(body)) throw new PageError("not_a_page", `${url} is binary data, not a page`);
  const text = decodePage(body, contentType);
  if (looksLikeHtml(text)) {
    const page = boundedExtract(text, url, finalUrl);
    if (page.text.trim() === "") throw new PageError("no_text", `${url} has no readable text (no article found in the page)`);
    return { doc: { url, title: page.title, published: page.published, text: page.text, links: page.links }, canonicalUrl: page.url };
  }
  if (/^\s*(?:<\?xml|<[a-z][\w:.-]*[\s>])/i.test(text) || /^\s*[{[]/.test(text)) {
    throw new PageError("not_a_page", `${url} is XML or JSON (${contentType ?? "no content type"}), not an HTML page or plain text`);
  }
  if (text.trim() === "") throw new PageError("no_text", `${url} is empty`);
  return { doc: plainTextDocument(text, { url, fallbackTitle: url, published: null, purpose: "candidate" }), canonicalUrl: null };
}

function boundedExtract(html: string, url: string, finalUrl: string): ExtractedPage {
  try {
    return extractPage(html, finalUrl);
  } catch (error) {
    if (!(error instanceof PageRefusedError)) throw error;
    throw new DescribedFailure({ reason: error.reason, message: `${url}: ${error.message}`, transient: false });
  }
}

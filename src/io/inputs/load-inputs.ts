import path from "node:path";
import { pathToFileURL } from "node:url";
import { toIsoDate } from "../../core/extract/date.ts";
import type { IsoDate } from "../../core/types.ts";
import type { Fetcher } from "../fetch/fetcher.ts";
import { pageIdentity } from "../page-reader/page-identity.ts";
import { feedDocuments } from "./feed.ts";
import type { PageLoader } from "./feed.ts";
import { InputError } from "./input-error.ts";
import { jsonlDocuments } from "./jsonl.ts";
import type { ReadPage } from "../page-reader/read-page.ts";
import { plainTextDocument } from "./plain-text.ts";
import { readInputPage } from "./read-input-page.ts";
import { readFileInput } from "./read-file.ts";
import { fetchInput, isHttpUrl } from "./read-input.ts";
import type { RawInput } from "./read-input.ts";
import { sitemapDocuments } from "./sitemap.ts";
import { sniffKind } from "./sniff-kind.ts";
import type { InputKind } from "./sniff-kind.ts";
import type { InputItem, LoadOptions } from "./types.ts";

/**
 * Turns a command-line input, a file path or an http(s) URL, into documents. What the input holds is
 * sniffed from its content: an HTML page, plain text, JSON Lines of documents, an RSS/Atom feed or a sitemap.
 * An input that cannot be read as a whole throws an `InputError`; a part of a multi-document input that
 * fails is yielded as an `InputFailure` and the rest still loads.
 */
export async function* loadInputs(input: string, options: LoadOptions): AsyncGenerator<InputItem> {
  const published = publishedOption(input, options.published);
  const url = urlOption(input, options.url);
  const title = options.title?.trim() || undefined;
  const { purpose, fetch } = options;
  const raw = isHttpUrl(input) ? await fetchInput(input, fetch) : await readFileInput(input, { streamJsonl: options.streamJsonl ?? false });
  if ("lines" in raw) {
    refuseOneDocumentOptions(input, "jsonl", { url, title });
    yield* jsonlDocuments(raw, { purpose, published, baseUrl: pathToFileURL(raw.path).href });
    return;
  }
  const kind = kindOf(raw);
  if (kind === "html" || kind === "text") {
    const { doc, canonicalUrl } = await singleDocument(raw, kind, { purpose, url, published });
    yield { origin: raw.origin, doc: title === undefined ? doc : { ...doc, title }, bytes: raw.bytes, fetched: raw.fetched, canonicalUrl };
    return;
  }
  refuseOneDocumentOptions(input, kind, { url, title });
  const loadPage = pageLoader(fetch, purpose, published);
  if (kind === "jsonl") {
    yield* jsonlDocuments(raw, { purpose, published, baseUrl: raw.url ?? pathToFileURL(raw.path ?? raw.origin).href });
  } else if (kind === "feed") {
    yield* feedDocuments(raw, { purpose, published, loadPage });
  } else {
    if (!fetch) throw new InputError(input, "is a sitemap: its pages must be fetched, and no fetcher was given");
    yield* sitemapDocuments(raw, { fetch, loadPage });
  }
}

/** `--url` and `--title` name one document; an input holding several refuses them. */
function refuseOneDocumentOptions(input: string, kind: InputKind, options: { url?: string; title?: string }): void {
  if (options.url !== undefined) throw new InputError(input, `--url names one document, but this ${kind} input holds several`);
  if (options.title !== undefined) throw new InputError(input, `--title names one document, but this ${kind} input holds several`);
}

function publishedOption(input: string, published: string | undefined): IsoDate {
  if (published === undefined) return null;
  const iso = toIsoDate(published);
  if (!iso) throw new InputError(input, `--published "${published}" is not a date (write 2024-03-15 or an ISO 8601 timestamp)`);
  return iso;
}

function urlOption(input: string, url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  if (!isHttpUrl(url)) throw new InputError(input, `--url "${url}" is not an http(s) URL`);
  try {
    return new URL(url).href;
  } catch {
    throw new InputError(input, `--url "${url}" is not a valid URL`);
  }
}

function kindOf(raw: RawInput): InputKind {
  const extension = path.extname(raw.path ?? new URL(raw.url ?? "file:///").pathname).slice(1);
  const kind = sniffKind(raw.text, { extension, contentType: raw.contentType });
  if (typeof kind !== "string") throw new InputError(raw.origin, kind.problem);
  return kind;
}

/**
 * A page or plain text, under the page reader's identity (`pageIdentity`): where it was fetched from, else
 * --url, else for a file what it says of itself (HTML: its canonical link) or, for a candidate, its `file://`
 * URL; a source file without any fails, for a source must be findable. A page's canonical link comes with it.
 */
async function singleDocument(
  raw: RawInput,
  kind: "html" | "text",
  options: { purpose: "source" | "candidate"; url?: string; published: IsoDate },
  fallbacks: { title?: string; published?: IsoDate } = {},
): Promise<ReadPage> {
  const addresses = {
    fetched: raw.fetched ? { url: raw.fetched.requestedUrl, finalUrl: raw.fetched.url } : null,
    declaredUrl: options.url ?? null,
    fileUrl: raw.path && options.purpose === "candidate" ? pathToFileURL(raw.path).href : undefined,
  };
  if (kind === "html") {
    return readInputPage(raw.text, {
      subject: raw.origin,
      ...addresses,
      fallbackTitle: fallbacks.title,
      published: options.published ?? undefined,
      fallbackPublished: fallbacks.published,
    });
  }
  const url = pageIdentity({ ...addresses, canonicalUrl: null });
  if (!url) throw new InputError(raw.origin, "needs --url: plain text does not say where it was published");
  const doc = plainTextDocument(raw.text, {
    url,
    fallbackTitle: fallbacks.title ?? path.basename(raw.path ?? url),
    published: options.published ?? fallbacks.published ?? null,
    purpose: options.purpose,
  });
  return { doc, canonicalUrl: null };
}

/** Fetches and extracts a page a feed item or sitemap points to. */
function pageLoader(fetch: Fetcher | undefined, purpose: "source" | "candidate", published: IsoDate): PageLoader {
  return async (url, fallbacks) => {
    const raw = await fetchInput(url, fetch);
    const kind = kindOf(raw);
    if (kind !== "html" && kind !== "text") throw new InputError(url, `is a ${kind}, not a page`);
    const { doc, canonicalUrl } = await singleDocument(raw, kind, { purpose, published }, fallbacks);
    return { origin: url, doc, bytes: raw.bytes, fetched: raw.fetched, canonicalUrl };
  };
}

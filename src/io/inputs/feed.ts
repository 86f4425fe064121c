import Parser from "rss-parser";
import { toIsoDate } from "../../core/extract/date.ts";
import { resolveHttpUrl } from "../../core/extract/metadata.ts";
import type { IsoDate } from "../../core/types.ts";
import { mapAhead } from "./ahead.ts";
import { asFailure, InputError, quoted } from "./input-error.ts";
import { readInputPage } from "./read-input-page.ts";
import { linesToBlocks, plainTextDocument } from "./plain-text.ts";
import type { RawInput } from "./read-input.ts";
import { xmlRootName } from "./sniff-kind.ts";
import type { InputItem, LoadedInput } from "./types.ts";

/**
 * An item's body counts as the full article above this many characters of text. Feeds put a lead of one to
 * three sentences (well under 500 characters) in their summaries; a news article runs to 1,500 and more.
 */
const FULL_TEXT_MIN_CHARS = 500;
/** Pages fetched at once for items without full text; see `mapAhead`. The fetcher paces each host itself. */
const FETCH_WIDTH = 4;

type FeedItem = Parser.Item & { "yandex:full-text"?: string; "content:encoded"?: string };

/** Loads the page an item links to; the fallbacks apply when the page does not say. */
export type PageLoader = (url: string, fallbacks: { title?: string; published?: IsoDate }) => Promise<LoadedInput>;

/**
 * Documents from an RSS or Atom feed. An item carrying its full text (`yandex:full-text`, `content:encoded`,
 * Atom `content`) becomes a document directly; any other item's link is fetched and extracted.
 * A malformed feed fails as a whole; an item that cannot be loaded becomes an `InputFailure`.
 */
export async function* feedDocuments(
  raw: RawInput,
  options: { purpose: "source" | "candidate"; published: IsoDate; loadPage: PageLoader },
): AsyncGenerator<InputItem> {
  let feed: Parser.Output<FeedItem>;
  try {
    // A parser of its own for each feed: xml2js, under rss-parser, keeps its state after an error, and the
    // next feed given to the same parser never got an answer (the process then exited with no output).
    const parser = new Parser<Record<string, never>, FeedItem>({ customFields: { item: ["yandex:full-text"] } });
    feed = await parser.parseString(raw.text);
  } catch (error) {
    throw new InputError(raw.origin, `is a malformed feed: ${(error as Error).message.replace(/\s*\n\s*/g, ", ")}`);
  }
  const atom = xmlRootName(raw.text.trimStart()) === "feed";
  const base = raw.url ?? resolveHttpUrl(feed.link ?? "", undefined) ?? undefined;
  const items = feed.items.map((item, index) => ({ item, index }));
  yield* mapAhead(items, FETCH_WIDTH, async ({ item, index }): Promise<InputItem> => {
    const link = resolveHttpUrl(item.link ?? item.guid ?? "", base);
    const origin = link ?? `${raw.origin} item ${index + 1}${item.title ? ` (${quoted(item.title.replace(/\s+/g, " ").trim())})` : ""}`;
    try {
      if (!link) throw new InputError(origin, "has no link to its page");
      // rss-parser reads what `Date` reads; a month-name pubDate ("15 марта 2024 10:05") only `toIsoDate` reads.
      const itemDate = item.isoDate ?? toIsoDate(item.pubDate ?? "");
      const published = options.published ?? itemDate;
      const full = fullText(item, atom);
      if (!full) {
        return await options.loadPage(link, { title: item.title, published: itemDate });
      }
      const doc = /<[a-z][^>]*>/i.test(full)
        ? (await readInputPage(articleWrapper(item.title ?? "", full), { subject: origin, fetched: null, declaredUrl: link, title: item.title, published: published ?? undefined })).doc
        : plainTextDocument(linesToBlocks(full), { url: link, title: item.title, fallbackTitle: link, published, purpose: options.purpose });
      return { origin, doc };
    } catch (error) {
      return asFailure(origin, error);
    }
  });
}

function fullText(item: FeedItem, atom: boolean): string | null {
  const candidates = [item["yandex:full-text"], item["content:encoded"], atom ? item.content : undefined];
  return candidates.find((text): text is string => !!text && visibleLength(text) > FULL_TEXT_MIN_CHARS) ?? null;
}

function visibleLength(text: string): number {
  return text.replace(/<[^>]*>/g, " ").replace(/\s+/g, " ").trim().length;
}

/** An item's HTML body as a page Readability can read. */
function articleWrapper(title: string, body: string): string {
  const escaped = title.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  return `<!DOCTYPE html><html><head><title>${escaped}</title></head><body><article>${body}</article></body></html>`;
}

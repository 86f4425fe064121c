import { XMLParser, XMLValidator } from "fast-xml-parser";
import type { IsoDate } from "../core/types.ts";

/**
 * What a feed or sitemap lists: the URLs of a site's items, with the date each carries. The loaders in
 * `src/io/inputs` turn feeds into documents; the monitor only needs the addresses, to fetch each page itself
 * (conditionally, deduplicated, with its evidence), so it reads listings here.
 */
export interface Listing {
  /** `feed`: RSS 2.0, RSS 1.0 (RDF), Atom or JSON Feed; `sitemap`: a urlset; `sitemap_index`: a sitemap of sitemaps. */
  kind: "feed" | "sitemap" | "sitemap_index";
  entries: ListingEntry[];
  /**
   * Set when the XML is not well-formed but a lenient parse still recovered entries (a stray `&` in a URL is
   * the usual culprit): what the validator objected to, so the operator can tell the site.
   */
  malformed: string | null;
}

export interface ListingEntry {
  /** Absolute http(s) URL: an item's page, or for `sitemap_index` a child sitemap. */
  url: string;
  /** The item's publication or modification time (`pubDate`, `updated`, `lastmod`…), or null. */
  date: IsoDate;
}

/** A body that is not a feed or sitemap we can read; the message says why. */
export class ListingError extends Error {
  override readonly name = "ListingError";
  constructor(
    readonly reason: "malformed_xml" | "not_a_listing",
    message: string,
  ) {
    super(message);
  }
}

/** Elements that repeat in listings; declared so that one occurrence parses as a list of one too. */
const REPEATED: ReadonlySet<string> = new Set(["item", "entry", "url", "sitemap", "link"]);

/**
 * A hostile listing can declare entities in its DOCTYPE that expand into each other ("billion laughs"). Feeds
 * use a handful of entities at most; these bounds leave room for them and stop an expansion at 100 KB.
 */
const ENTITY_LIMITS = { enabled: true, maxEntityCount: 100, maxEntitySize: 10_000, maxTotalExpansions: 1_000, maxExpandedLength: 100_000 };

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: ENTITY_LIMITS,
  isArray: (name) => REPEATED.has(name),
});

/**
 * Reads the entries of a feed or sitemap. Relative URLs resolve against `listingUrl`; entries that are not
 * http(s) URLs are dropped, and each URL is listed once.
 * @throws ListingError when the text is neither a feed nor a sitemap, or too broken to recover any entry.
 */
export function parseListing(text: string, listingUrl: string): Listing {
  const body = text.replace(/^\uFEFF/, "").trimStart();
  if (body.startsWith("{")) return jsonFeed(body, listingUrl);
  const validity = XMLValidator.validate(body);
  const malformed = validity === true ? null : `line ${validity.err.line}: ${validity.err.msg}`;
  let tree: Record<string, unknown>;
  try {
    tree = parser.parse(body) as Record<string, unknown>;
  } catch (error) {
    throw new ListingError("malformed_xml", `${listingUrl} is not well-formed XML (${malformed ?? (error as Error).message})`);
  }
  const listing = readTree(tree, listingUrl);
  if (listing === null) {
    if (malformed !== null) throw new ListingError("malformed_xml", `${listingUrl} is not well-formed XML (${malformed})`);
    const root = Object.keys(tree).find((key) => !key.startsWith("?")) ?? "nothing";
    throw new ListingError("not_a_listing", `${listingUrl} is neither a feed nor a sitemap (its root element is <${root}>)`);
  }
  if (malformed !== null && listing.entries.length === 0) {
    throw new ListingError("malformed_xml", `${listingUrl} is not well-formed XML (${malformed})`);
  }
  return { ...listing, malformed };
}

/** The entries of a parsed XML tree, or null when its root is not a feed or sitemap element. */
function readTree(tree: Record<string, unknown>, base: string): Omit<Listing, "malformed"> | null {
  const rss = record(tree.rss);
  if (rss) return { kind: "feed", entries: unique(records(record(rss.channel)?.item).map((item) => rssEntry(item, base))) };
  const rdf = record(tree["rdf:RDF"]);
  if (rdf) return { kind: "feed", entries: unique(records(rdf.item).map((item) => rssEntry(item, base))) };
  const feed = record(tree.feed);
  if (feed) return { kind: "feed", entries: unique(records(feed.entry).map((entry) => atomEntry(entry, base))) };
  const urlset = record(tree.urlset);
  if (urlset) return { kind: "sitemap", entries: unique(records(urlset.url).map((url) => sitemapEntry(url, base))) };
  const index = record(tree.sitemapindex);
  if (index) return { kind: "sitemap_index", entries: unique(records(index.sitemap).map((sitemap) => sitemapEntry(sitemap, base))) };
  return null;
}

function rssEntry(item: Record<string, unknown>, base: string): ListingEntry | null {
  const guid = item.guid;
  // A guid is the item's address only when it does not say otherwise (RSS 2.0: isPermaLink defaults to true).
  const permalink = typeof guid === "string" ? guid : record(guid)?.["@isPermaLink"] !== "false" ? text(record(guid)?.["#text"]) : null;
  const href = texts(item.link)[0] ?? permalink;
  return entry(href, base, text(item.pubDate) ?? text(item["dc:date"]) ?? text(item.published));
}

function atomEntry(entry_: Record<string, unknown>, base: string): ListingEntry | null {
  const links = records(entry_.link);
  const alternate = links.find((link) => (link["@rel"] ?? "alternate") === "alternate") ?? null;
  return entry(text(alternate?.["@href"]), base, text(entry_.published) ?? text(entry_.updated));
}

function sitemapEntry(node: Record<string, unknown>, base: string): ListingEntry | null {
  const news = record(node["news:news"]);
  return entry(text(node.loc), base, text(news?.["news:publication_date"]) ?? text(node.lastmod));
}

/** JSON Feed 1.x (https://jsonfeed.org/version/1.1): `items[].url`, dated by `date_published`. */
function jsonFeed(body: string, base: string): Listing {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (error) {
    throw new ListingError("not_a_listing", `${base} is neither a feed nor a sitemap (invalid JSON: ${(error as Error).message})`);
  }
  const feed = record(parsed);
  if (!feed || typeof feed.version !== "string" || !feed.version.startsWith("https://jsonfeed.org/") || !Array.isArray(feed.items)) {
    throw new ListingError("not_a_listing", `${base} is JSON but not a JSON Feed (no "version" naming jsonfeed.org with "items")`);
  }
  const entries = records(feed.items).map((item) => entry(text(item.url) ?? text(item.external_url), base, text(item.date_published) ?? text(item.date_modified)));
  return { kind: "feed", entries: unique(entries), malformed: null };
}

function entry(href: string | null, base: string, date: string | null): ListingEntry | null {
  if (href === null) return null;
  let url: URL;
  try {
    url = new URL(href, base);
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  url.hash = "";
  return { url: url.href, date: isoDate(date) };
}

function isoDate(value: string | null): IsoDate {
  if (value === null) return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

function unique(entries: readonly (ListingEntry | null)[]): ListingEntry[] {
  const seen = new Set<string>();
  const kept: ListingEntry[] = [];
  for (const item of entries) {
    if (item === null || seen.has(item.url)) continue;
    seen.add(item.url);
    kept.push(item);
  }
  return kept;
}

function record(value: unknown): Record<string, unknown> | null {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

function records(value: unknown): Record<string, unknown>[] {
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.map(record).filter((item): item is Record<string, unknown> => item !== null);
}

/** The text of an element that holds only text (or text plus attributes). */
function text(value: unknown): string | null {
  if (typeof value === "string") return value.trim() === "" ? null : value.trim();
  const node = record(value);
  return node ? text(node["#text"]) : null;
}

function texts(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list.map(text).filter((item): item is string => item !== null);
}

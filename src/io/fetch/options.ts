import { z } from "zod";
import { isIpLiteral } from "./ip-ranges.ts";

/**
 * The fetcher's settings, each with a default chosen for fetching news pages and feeds from sites we do not
 * control, politely and without letting any one of them exhaust our time, memory or network.
 */

/** Names the bot and where its operator explains it, so a site owner can identify and contact us. */
export const DEFAULT_USER_AGENT = "CopyQuotaBot/0.1 (+https://copyquota.example/bot)";

/** A TCP+TLS handshake to a healthy server takes well under a second even across continents; 10 s tolerates a slow one. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

/** Dynamic news pages are rendered before the first byte; 15 s allows a slow CMS, not a hung one. */
export const DEFAULT_HEADERS_TIMEOUT_MS = 15_000;

/** Total time to receive the body once headers arrived: 5 MB at a modest 2 Mbit/s takes about 20 s. */
export const DEFAULT_BODY_TIMEOUT_MS = 30_000;

/** News article pages weigh 50 KB–2 MB of HTML; 5 MiB fits every real one and bounds what a hostile site can send. */
export const DEFAULT_MAX_BODY_BYTES = 5 * 1024 * 1024;

/**
 * Cap on the decoded body. A compressed body within the wire cap may legitimately decode to several times
 * its size (HTML compresses 4–10×), so this is larger than `maxBodyBytes`: 20 MiB is ten times the largest
 * real news page, while a decompression bomb (1000× expansion) is stopped here long before memory suffers.
 */
export const DEFAULT_MAX_DECODED_BYTES = 20 * 1024 * 1024;

/** What browsers and RFC 9309 (for robots.txt) consider enough for legitimate redirect chains. */
export const DEFAULT_MAX_REDIRECTS = 5;

/** One request per second per host is the customary crawler courtesy; a news site will not notice it. */
export const DEFAULT_PER_HOST_DELAY_MS = 1_000;

/** Two retries ride out a restarting server or a dropped packet without hammering a site that is down. */
export const DEFAULT_RETRIES = 2;

/** First retry after 0.5 s, second after 1 s (doubling): long enough for a transient fault to clear. */
export const DEFAULT_RETRY_BASE_DELAY_MS = 500;

/**
 * The longest `Retry-After` (of a 429 or 503) waited out within a fetch. 15 s, like the wait for a slow
 * server's headers: a fetch told to wait costs no more than one that is slow, and a CLI user is not held for
 * minutes. A longer one fails the fetch at once with the delay (`FetchError.retryAfterMs`); the monitor then
 * schedules the URL's retry for when the server asked.
 */
export const DEFAULT_MAX_RETRY_AFTER_MS = 15_000;

/**
 * The text formats the pipeline reads: HTML pages, XML and feeds (RSS 2.0, RSS 1.0/RDF, Atom), plain
 * text, JSON (including JSON Feed). Anything else (images, PDFs, archives) is refused before its body is read.
 */
export const DEFAULT_ACCEPTED_CONTENT_TYPES: readonly string[] = Object.freeze([
  "text/html",
  "application/xhtml+xml",
  "application/xml",
  "text/xml",
  "application/rss+xml",
  "application/rdf+xml",
  "application/atom+xml",
  "text/plain",
  "application/json",
  "application/feed+json",
]);

/** A media type as `type/subtype` in lower case, without parameters. */
const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/;

/** A whole number of at least `min` (milliseconds, bytes, counts). */
function wholeNumber(min: number) {
  return z.number("must be a number").int("must be a whole number").min(min, `must be at least ${min}`);
}

const schema = z
  .object({
    /** Sent as `User-Agent`; its product token (before the first "/") is the name robots.txt rules are matched against. */
    userAgent: z
      .string()
      .regex(/^[A-Za-z0-9._-]+(\/\S+)?( [\x20-\x7e]*)?$/, "must start with a product token such as Name/1.0 and contain only printable ASCII")
      .default(DEFAULT_USER_AGENT),
    /** Time to open the TCP connection (and TLS session), DNS lookup included. */
    connectTimeoutMs: wholeNumber(1).default(DEFAULT_CONNECT_TIMEOUT_MS),
    /** Time from sending a request (connecting included) until its response headers are in. */
    headersTimeoutMs: wholeNumber(1).default(DEFAULT_HEADERS_TIMEOUT_MS),
    /** Total time for the whole body after the headers, not just the gap between two chunks. */
    bodyTimeoutMs: wholeNumber(1).default(DEFAULT_BODY_TIMEOUT_MS),
    /** Cap on the body as it crosses the wire (still compressed), enforced while it streams in. */
    maxBodyBytes: wholeNumber(1).default(DEFAULT_MAX_BODY_BYTES),
    /** Cap on the body once its content-coding is removed: what is kept in memory and returned. */
    maxDecodedBytes: wholeNumber(1).default(DEFAULT_MAX_DECODED_BYTES),
    maxRedirects: wholeNumber(0).default(DEFAULT_MAX_REDIRECTS),
    /** Lift the SSRF guard entirely (tests, a local demo). */
    allowPrivate: z.boolean().default(false),
    /** Exact non-public addresses reachable even when `allowPrivate` is false (a local test server, an intranet mirror). */
    privateAddressAllowList: z
      .array(z.string().refine(isIpLiteral, "must be an IPv4 or IPv6 address"))
      .default([]),
    obeyRobots: z.boolean().default(true),
    /** Pause between the end of one request to a host and the start of the next; 0 turns politeness off (benchmarks). */
    perHostDelayMs: wholeNumber(0).default(DEFAULT_PER_HOST_DELAY_MS),
    /** Extra attempts after a 5xx, a timeout or a network failure. */
    retries: wholeNumber(0).max(10, "must be at most 10").default(DEFAULT_RETRIES),
    retryBaseDelayMs: wholeNumber(0).default(DEFAULT_RETRY_BASE_DELAY_MS),
    /** Longest `Retry-After` a retry waits for; past it the fetch fails with the delay for the caller. */
    maxRetryAfterMs: wholeNumber(0).default(DEFAULT_MAX_RETRY_AFTER_MS),
    acceptedContentTypes: z
      .array(z.string().transform((type) => type.trim().toLowerCase()).pipe(z.string().regex(MEDIA_TYPE, "must be a type/subtype media type")))
      .min(1)
      .default([...DEFAULT_ACCEPTED_CONTENT_TYPES]),
  })
  .strict();

/** What callers may pass: every setting optional, defaults above. */
export type FetcherOptions = z.input<typeof schema>;

/** Settings after validation and defaults, frozen. */
export type ResolvedFetcherOptions = Readonly<
  Omit<z.output<typeof schema>, "privateAddressAllowList" | "acceptedContentTypes"> & {
    privateAddressAllowList: readonly string[];
    acceptedContentTypes: readonly string[];
  }
>;

/** Validates `input`, fills defaults and freezes the result; throws naming each bad option and why. */
export function resolveFetcherOptions(input: FetcherOptions = {}): ResolvedFetcherOptions {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const where = issue.path.length > 0 ? issue.path.join(".") : "options";
      return `${where}: ${issue.message}`;
    });
    throw new Error(`Invalid fetcher options: ${problems.join("; ")}`);
  }
  const options = parsed.data;
  return Object.freeze({
    ...options,
    privateAddressAllowList: Object.freeze([...options.privateAddressAllowList]),
    acceptedContentTypes: Object.freeze([...new Set(options.acceptedContentTypes)]),
  });
}

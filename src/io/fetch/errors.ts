/**
 * Why a fetch failed, as a machine-readable word the caller can branch on
 * (retry later, report to the user, drop the candidate) without parsing messages.
 */
export type FetchErrorReason =
  /** The URL does not parse. */
  | "bad_url"
  /** Not http: or https:. */
  | "unsupported_scheme"
  /** The host is, or resolves to, a private, loopback, link-local or otherwise non-public address. */
  | "private_address"
  /** The site's robots.txt forbids the URL to our user agent, or could not be read (RFC 9309 §2.3.1.4). */
  | "robots_disallowed"
  /** Connecting, waiting for the headers or receiving the body took too long. */
  | "timeout"
  /** The connection failed or broke: refused, reset, DNS failure, TLS error. */
  | "network"
  /** The final response has a status we do not accept (see `FetchError.status`). */
  | "http_status"
  | "too_many_redirects"
  | "redirect_loop"
  /** The response is not a text format the pipeline reads (HTML, XML, feeds, plain text, JSON). */
  | "bad_content_type"
  /** The body on the wire is larger than `maxBodyBytes`. */
  | "too_large"
  /** The body grows past `maxDecodedBytes` once its content-coding is removed. */
  | "decompression_bomb"
  /** The content-coding is unknown or the compressed data is corrupt. */
  | "bad_encoding"
  /** The fetcher was closed before or during the request. */
  | "closed";

/** What a `FetchError` may carry besides its reason and detail. */
export interface FetchErrorOptions {
  status?: number;
  cause?: unknown;
  retryAfterMs?: number | null;
}

/** A fetch that failed: which URL, why (as a word), and a message naming both. */
export class FetchError extends Error {
  override readonly name = "FetchError";
  /** The URL the caller asked for (the chain's start, also when a later hop failed). */
  readonly url: string;
  readonly reason: FetchErrorReason;
  /** The HTTP status for `http_status`, otherwise null. */
  readonly status: number | null;
  /** What went wrong, without the "Fetching <url> failed" preamble of `message`. */
  readonly detail: string;
  /**
   * For a 429 or 503 with a `Retry-After` header: how long the server asked us to wait (ms, as of its answer),
   * so that a caller scheduling its own retry (the monitor) comes back then. Otherwise null.
   */
  readonly retryAfterMs: number | null;

  constructor(url: string, reason: FetchErrorReason, detail: string, options: FetchErrorOptions = {}) {
    super(`Fetching ${url} failed: ${detail}`, options.cause === undefined ? undefined : { cause: options.cause });
    this.url = url;
    this.reason = reason;
    this.status = options.status ?? null;
    this.detail = detail;
    this.retryAfterMs = options.retryAfterMs ?? null;
  }
}

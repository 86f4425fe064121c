import { Agent } from "undici";
import { acceptHeader, isAccepted, mediaType } from "./content-type.ts";
import { FetchError } from "./errors.ts";
import { exchange, hopFailure } from "./exchange.ts";
import type { ExchangeSettings, Hop } from "./exchange.ts";
import type { ConditionalFetcher, FetchedResource, Fetcher, Validators } from "./fetcher.ts";
import { resolveFetcherOptions } from "./options.ts";
import type { FetcherOptions, ResolvedFetcherOptions } from "./options.ts";
import { HostQueue } from "./politeness.ts";
import { withRetries } from "./retry.ts";
import { RETRY_AFTER_STATUSES, retryAfterMs } from "./retry-after.ts";
import { RobotsCache } from "./robots.ts";
import { AddressGuard } from "./ssrf-guard.ts";

/** The fetcher over HTTP: `Fetcher` itself, plus conditional GET and a `close` that releases its connections. */
export type HttpFetcher = Fetcher & {
  fetchConditional: ConditionalFetcher;
  /** The settings in force, validated and with defaults filled in. */
  readonly options: ResolvedFetcherOptions;
  /** Closes pooled connections once in-flight requests finish; later calls reject with reason `closed`. */
  close(): Promise<void>;
};

/** How a URL is being fetched: a page for the pipeline, or a site's robots.txt. */
interface Purpose {
  /** Check robots.txt before each request (not when fetching robots.txt itself). */
  robots: boolean;
  /** Refuse content types outside `acceptedContentTypes` (robots.txt is read whatever its type). */
  checkType: boolean;
  /** Sent as `If-None-Match`/`If-Modified-Since`; a 304 answer is then a result, not an error. */
  validators: Validators | null;
}

/** A single request's outcome, before redirects are followed. */
type HopResult = { redirect: URL } | { resource: FetchedResource };

const PAGE: Purpose = { robots: true, checkType: true, validators: null };
const ROBOTS_TXT: Purpose = { robots: false, checkType: false, validators: null };

/** Every coding `readBody` can remove. */
const ACCEPT_ENCODING = "gzip, deflate, br";

const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

/**
 * Creates the fetcher CopyQuota uses for sources, candidates and monitored sites. It only speaks http(s),
 * never reaches a non-public address unless told to, follows redirects itself (re-checking each hop),
 * obeys robots.txt, sends one request at a time per host with a pause between, retries transient failures
 * with backoff, bounds every wait and every byte count, and reads only text formats.
 * Throws on invalid options, naming each.
 */
export function createFetcher(input: FetcherOptions = {}): HttpFetcher {
  const options = resolveFetcherOptions(input);
  const guard = options.allowPrivate ? null : new AddressGuard(options.privateAddressAllowList);
  const agent = new Agent({
    connect: { timeout: options.connectTimeoutMs, ...(guard ? { lookup: guard.lookup } : {}) },
    // `exchange` enforces both as deadlines of its own: undici measures them with a timer wheel of about
    // one second's resolution, and its body timeout bounds only the silence between chunks, not the total.
    headersTimeout: 0,
    bodyTimeout: 0,
  });
  const settings: ExchangeSettings = { ...options, dispatcher: agent };
  const hosts = new HostQueue(options.perHostDelayMs);
  const productToken = options.userAgent.split(/[/ ]/)[0] ?? options.userAgent;
  const robots = new RobotsCache((robotsUrl) => follow(robotsUrl, ROBOTS_TXT), productToken);
  const accept = acceptHeader(options.acceptedContentTypes);
  let closed = false;
  let closing: Promise<void> | null = null;

  /** Fetches `requested`, following redirects, each hop checked like the first. */
  async function follow(requested: string, purpose: Purpose): Promise<FetchedResource> {
    let url = parseTarget(requested);
    const visited = new Set([url.href]);
    for (let redirects = 0; ; redirects++) {
      const hop: Hop = { requested, url };
      await admit(hop, purpose);
      const result = await withRetries(() => hosts.run(hop.url.hostname, () => attempt(hop, purpose)), options);
      if ("resource" in result) return result.resource;
      const next = result.redirect;
      if (visited.has(next.href)) {
        throw hopFailure(hop, "redirect_loop", `redirect loop: ${[...visited, next.href].join(" → ")}`);
      }
      if (redirects >= options.maxRedirects) {
        throw hopFailure(hop, "too_many_redirects", `more than maxRedirects (${options.maxRedirects}) redirects: ${[...visited, next.href].join(" → ")}`);
      }
      visited.add(next.href);
      url = next;
    }
  }

  /** Refuses a hop before any request: closed fetcher, non-http(s) scheme, private IP literal, robots.txt. */
  async function admit(hop: Hop, purpose: Purpose): Promise<void> {
    if (closed) throw hopFailure(hop, "closed", "the fetcher is closed");
    if (hop.url.protocol !== "http:" && hop.url.protocol !== "https:") {
      throw hopFailure(hop, "unsupported_scheme", `only http and https URLs are fetched, not ${hop.url.protocol}`);
    }
    const refusal = guard?.checkHost(hop.url.hostname);
    if (refusal) throw hopFailure(hop, "private_address", refusal.message, { cause: refusal });
    if (purpose.robots && options.obeyRobots) {
      const why = await robotsRefusal(hop);
      if (why !== null) throw hopFailure(hop, "robots_disallowed", why);
    }
  }

  /** What robots.txt says about the hop; a robots.txt the fetcher may not even request fails the hop likewise. */
  async function robotsRefusal(hop: Hop): Promise<string | null> {
    try {
      return await robots.refusal(hop.url);
    } catch (error) {
      if (!(error instanceof FetchError)) throw error;
      throw hopFailure(hop, error.reason, `${error.detail} (while fetching ${error.url})`, { cause: error });
    }
  }

  /** One request for a hop; throws for statuses and types we refuse, which the retry policy then judges. */
  async function attempt(hop: Hop, purpose: Purpose): Promise<HopResult> {
    if (closed) throw hopFailure(hop, "closed", "the fetcher is closed");
    const headers: Record<string, string> = {
      "user-agent": options.userAgent,
      accept: purpose.checkType ? accept : "*/*",
      "accept-encoding": ACCEPT_ENCODING,
    };
    if (purpose.validators?.etag !== undefined) headers["if-none-match"] = purpose.validators.etag;
    if (purpose.validators?.lastModified !== undefined) headers["if-modified-since"] = purpose.validators.lastModified;
    let location: string | undefined;
    const { head, body } = await exchange(hop, headers, settings, ({ status, headers: received }) => {
      if (REDIRECT_STATUSES.has(status) && received.location !== undefined) {
        location = received.location;
        return false;
      }
      if (status === 304 && purpose.validators !== null) return false;
      if (status < 200 || status > 299) {
        const wait = RETRY_AFTER_STATUSES.has(status) ? retryAfterMs(received["retry-after"], Date.now()) : null;
        const asked = wait === null ? "" : ` and asked us to retry after ${Math.ceil(wait / 1000)} s`;
        throw hopFailure(hop, "http_status", `the server answered HTTP ${status}${asked}`, { status, retryAfterMs: wait });
      }
      const type = mediaType(received["content-type"]);
      if (purpose.checkType && !isAccepted(type, options.acceptedContentTypes)) {
        throw hopFailure(hop, "bad_content_type", `its content type ${type} is not one we read (${options.acceptedContentTypes.join(", ")})`);
      }
      return true;
    });
    if (location !== undefined) return { redirect: redirectTarget(hop, location) };
    const resource: FetchedResource = {
      requestedUrl: hop.requested,
      url: hop.url.href,
      status: head.status,
      headers: head.headers,
      body: body ?? new Uint8Array(0),
      fetchedAt: head.receivedAt,
    };
    return { resource };
  }

  const fetcher: Fetcher = (url) => follow(url, PAGE);

  const fetchConditional: ConditionalFetcher = async (url, validators) => {
    const resource = await follow(url, { ...PAGE, validators });
    if (resource.status === 304) return { notModified: true };
    return { notModified: false, resource, validators: validatorsOf(resource) };
  };

  function close(): Promise<void> {
    closed = true;
    closing ??= agent.close();
    return closing;
  }

  return Object.freeze(Object.assign(fetcher, { fetchConditional, options, close }));
}

/** The caller's URL, parsed, without its fragment (which is never sent). */
function parseTarget(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch (error) {
    throw new FetchError(text, "bad_url", "it is not an absolute URL", { cause: error });
  }
  url.hash = "";
  return url;
}

/** Where a redirect points, resolved against the hop's URL, without its fragment. */
function redirectTarget(hop: Hop, location: string): URL {
  let url: URL;
  try {
    url = new URL(location, hop.url);
  } catch (error) {
    throw hopFailure(hop, "bad_url", `the redirect Location "${location}" is not a valid URL`, { cause: error });
  }
  url.hash = "";
  return url;
}

function validatorsOf(resource: FetchedResource): Validators {
  const validators: Validators = {};
  const { etag, "last-modified": lastModified } = resource.headers;
  if (etag !== undefined) validators.etag = etag;
  if (lastModified !== undefined) validators.lastModified = lastModified;
  return validators;
}

import { createRequire } from "node:module";
import type { Robot } from "robots-parser";
import type { FetchedResource } from "./fetcher.ts";
import { FetchError } from "./errors.ts";

/**
 * robots-parser is CommonJS (`module.exports = function`) while its typings declare an ES default export,
 * which NodeNext types as the module object rather than the function; requiring it yields the function.
 */
const robotsParser = createRequire(import.meta.url)("robots-parser") as (url: string, contents: string) => Robot;

/** Fetches a robots.txt URL: resolves with a 2xx response, rejects with a `FetchError` otherwise. */
export type RobotsLoader = (robotsUrl: string) => Promise<FetchedResource>;

/** Why a URL of the origin may not be fetched, or null when it may. */
type RobotsRules = (url: string) => string | null;

interface CacheEntry {
  rules: Promise<RobotsRules>;
  expiresAt: number;
}

/** RFC 9309 §2.4: a cached robots.txt SHOULD NOT be used for more than 24 hours. */
const ROBOTS_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * How long an unreachable robots.txt keeps its origin closed before we ask again: long enough to cover one
 * pass over a site (so a batch does not re-request a failing robots.txt for every URL), short enough that
 * the next pass gets a fresh chance.
 */
const ROBOTS_UNREACHABLE_TTL_MS = 10 * 60 * 1000;

const allowAll: RobotsRules = () => null;

/**
 * robots.txt per origin (scheme, host, port, as RFC 9309 scopes it), fetched once and cached.
 *   - 2xx: its rules for our product token (or `*`);
 *   - 4xx: "unavailable", everything allowed (§2.3.1.3) — except 429, which says "slow down", not "absent";
 *   - 5xx, 429, timeouts, network failures, oversize: "unreachable", everything disallowed (§2.3.1.4), for
 *     `ROBOTS_UNREACHABLE_TTL_MS` only;
 *   - a robots.txt on a refused (private) address is not a verdict about the site: that error propagates.
 */
export class RobotsCache {
  private readonly entries = new Map<string, CacheEntry>();

  constructor(
    private readonly load: RobotsLoader,
    /** The name robots.txt groups are matched against, e.g. "CopyQuotaBot". */
    private readonly productToken: string,
  ) {}

  /** Why robots.txt forbids `url` to us, or null when it allows it. */
  async refusal(url: URL): Promise<string | null> {
    const now = Date.now();
    let entry = this.entries.get(url.origin);
    if (!entry || entry.expiresAt <= now) {
      entry = this.fetchRules(url.origin, now);
      this.entries.set(url.origin, entry);
    }
    try {
      return (await entry.rules)(url.href);
    } catch (error) {
      if (this.entries.get(url.origin) === entry) this.entries.delete(url.origin);
      throw error;
    }
  }

  private fetchRules(origin: string, now: number): CacheEntry {
    const robotsUrl = `${origin}/robots.txt`;
    const entry: CacheEntry = { rules: Promise.resolve(allowAll), expiresAt: now + ROBOTS_TTL_MS };
    entry.rules = this.load(robotsUrl).then(
      (resource) => {
        const robots = robotsParser(robotsUrl, new TextDecoder().decode(resource.body));
        return (url: string) => {
          if (robots.isAllowed(url, this.productToken) !== false) return null;
          const line = robots.getMatchingLineNumber(url, this.productToken);
          return `${robotsUrl} disallows it for ${this.productToken} (line ${line})`;
        };
      },
      (error: unknown) => {
        if (!(error instanceof FetchError) || error.reason === "private_address" || error.reason === "closed") throw error;
        const status = error.status;
        if (error.reason === "http_status" && status !== null && status >= 400 && status < 500 && status !== 429) return allowAll;
        entry.expiresAt = now + ROBOTS_UNREACHABLE_TTL_MS;
        const why = `${robotsUrl} could not be read (${error.reason}), and RFC 9309 says to assume it disallows everything`;
        return () => why;
      },
    );
    return entry;
  }
}

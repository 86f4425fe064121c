import { FetchError } from "../io/fetch/errors.ts";
import { isTransient } from "../io/fetch/retry.ts";
import { UnreadablePageError } from "../io/page-reader/unreadable-page.ts";
import { ListingError } from "./listing.ts";

/** Why a job failed, as recorded for its URL: a word to branch and count on, and the message behind it. */
export interface Failure {
  /**
   * The fetcher's reason (`timeout`, `robots_disallowed`, `private_address`, `decompression_bomb`…), a
   * listing's (`malformed_xml`, `not_a_listing`; `sitemap_too_deep`, `sitemap_cap` for a sitemap past the
   * pass's `ListingBudget`), `no_text` for a page without readable text, `not_a_page` for a body that is no
   * HTML or text, `abandoned` for a job its workers kept dying on, or `internal_error`.
   */
  reason: string;
  message: string;
  /** Another attempt later may succeed (a 5xx, a 429, a timeout, a dropped connection). */
  transient: boolean;
  /** How long the server asked us to wait before the next attempt (a 429's or 503's `Retry-After`), in ms. */
  retryAfterMs?: number;
}

/** A failure described where it happened (an analysis worker) and carried back to the job as it was. */
export class DescribedFailure extends Error {
  override readonly name = "DescribedFailure";
  constructor(readonly failure: Failure) {
    super(failure.message);
  }
}

export function describeFailure(error: unknown): Failure {
  if (error instanceof DescribedFailure) return error.failure;
  if (error instanceof FetchError) {
    const failure: Failure = { reason: error.reason, message: error.message, transient: isTransient(error) };
    return error.retryAfterMs === null ? failure : { ...failure, retryAfterMs: error.retryAfterMs };
  }
  if (error instanceof ListingError || error instanceof UnreadablePageError) return { reason: error.reason, message: error.message, transient: false };
  // A bug of ours or a library's on a hostile input: recorded against the URL, not retried, never fatal.
  const message = error instanceof Error ? error.message : String(error);
  return { reason: "internal_error", message, transient: false };
}

/**
 * Waits before the monitor's own retries of a transient failure. The fetcher already retried within a
 * second or two, so what is left is an outage: a minute rides out a restart, ten minutes a deploy, an hour
 * a longer incident. After the last, the URL is failed; the next time a listing names it as updated, or
 * its case is due for a re-check, it is tried afresh.
 */
export const RETRY_DELAYS_MS: readonly number[] = Object.freeze([60_000, 600_000, 3_600_000]);

/**
 * The longest `Retry-After` the monitor honours: a day. A news page matters while it is news, and a server
 * asking for more is refusing us rather than busy; a date years ahead must not park the URL for years.
 */
export const MAX_RETRY_AFTER_MS = 86_400_000;

/**
 * When to try again after `attempts` failed attempts (counting this one), or null to give up: when the server
 * said (`Retry-After`, up to `MAX_RETRY_AFTER_MS`), else after `RETRY_DELAYS_MS`; as many attempts either way.
 */
export function retryAt(failure: Failure, attempts: number, now: number): number | null {
  if (!failure.transient) return null;
  const delay = RETRY_DELAYS_MS[attempts - 1];
  if (delay === undefined) return null;
  return now + (failure.retryAfterMs === undefined ? delay : Math.min(failure.retryAfterMs, MAX_RETRY_AFTER_MS));
}

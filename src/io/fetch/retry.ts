import { setTimeout as sleep } from "node:timers/promises";
import { FetchError } from "./errors.ts";

/**
 * Whether another attempt may succeed: server errors (5xx), 429 Too Many Requests and timeouts are often
 * transient (a restart, an overloaded backend, a rate limit), as are broken connections. Everything else (other
 * 4xx, refusals, caps, robots) would fail the same way again, and a host name that does not exist will not
 * start existing within a second.
 */
export function isTransient(error: unknown): boolean {
  if (!(error instanceof FetchError)) return false;
  switch (error.reason) {
    case "timeout":
      return true;
    case "http_status":
      return error.status !== null && (error.status >= 500 || error.status === 429);
    case "network":
      return !(error.cause instanceof Error && "code" in error.cause && error.cause.code === "ENOTFOUND");
    default:
      return false;
  }
}

/** How `withRetries` retries; see the fetcher options of the same names. */
export interface RetrySettings {
  retries: number;
  retryBaseDelayMs: number;
  maxRetryAfterMs: number;
}

/**
 * Runs `attempt` up to `retries + 1` times while it fails transiently, waiting `retryBaseDelayMs`, then twice
 * that, and so on between attempts (exponential backoff, so a struggling server gets more room each time) —
 * or longer when the server's `Retry-After` asks for it. A `Retry-After` past `maxRetryAfterMs` is not waited
 * out here: the error is thrown at once, carrying the delay, for the caller to come back then.
 */
export async function withRetries<T>(attempt: () => Promise<T>, settings: RetrySettings): Promise<T> {
  for (let done = 0; ; done++) {
    try {
      return await attempt();
    } catch (error) {
      if (done >= settings.retries || !isTransient(error)) throw error;
      const asked = error instanceof FetchError ? error.retryAfterMs : null;
      if (asked !== null && asked > settings.maxRetryAfterMs) throw error;
      await sleep(Math.max(asked ?? 0, settings.retryBaseDelayMs * 2 ** done));
    }
  }
}

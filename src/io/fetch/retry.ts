import { setTimeout as sleep } from "node:timers/promises";
import { FetchError } from "./errors.ts";

/**
 * Whether another attempt may succeed: server errors (5xx) and timeouts are often transient (a restart, an
 * overloaded backend), as are broken connections. Everything else (4xx, refusals, caps, robots) would fail
 * the same way again, and a host name that does not exist will not start existing within a second.
 */
export function isTransient(error: unknown): boolean {
  if (!(error instanceof FetchError)) return false;
  switch (error.reason) {
    case "timeout":
      return true;
    case "http_status":
      return error.status !== null && error.status >= 500;
    case "network":
      return !(error.cause instanceof Error && "code" in error.cause && error.cause.code === "ENOTFOUND");
    default:
      return false;
  }
}

/**
 * Runs `attempt` up to `retries + 1` times while it fails transiently, waiting `baseDelayMs`, then twice
 * that, and so on between attempts (exponential backoff, so a struggling server gets more room each time).
 */
export async function withRetries<T>(attempt: () => Promise<T>, retries: number, baseDelayMs: number): Promise<T> {
  for (let done = 0; ; done++) {
    try {
      return await attempt();
    } catch (error) {
      if (done >= retries || !isTransient(error)) throw error;
      await sleep(baseDelayMs * 2 ** done);
    }
  }
}

import type { FastifyReply, FastifyRequest } from "fastify";

/**
 * Failed authentications per client address, to slow down guessing: after `MAX_FAILURES` within
 * `WINDOW_MS`, the client is refused (429) until the window that began with its first failure ends.
 * Kept in memory: each server process counts its own clients, which bounds guessing per process; keys of
 * 256 random bits need no more, and a chosen admin key has at least `MIN_API_KEY_LENGTH` characters.
 */

/** Ten failures: more than a person mistyping or pasting a revoked key a few times will make. */
const MAX_FAILURES = 10;

/** Fifteen minutes, so a script guessing at full speed gets 40 tries an hour instead of thousands a second. */
const WINDOW_MS = 15 * 60_000;

/** Past this many clients remembered, expired windows are dropped, so a flood of addresses cannot grow it without end. */
const PRUNE_AT = 10_000;

interface Window {
  start: number;
  failures: number;
}

export class FailedAttempts {
  private readonly windows = new Map<string, Window>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Seconds until `client` may try again; 0 when it may now. */
  retryAfter(client: string): number {
    const window = this.current(client);
    if (window === undefined || window.failures < MAX_FAILURES) return 0;
    return Math.ceil((window.start + WINDOW_MS - this.now()) / 1000);
  }

  /** Answers 429 with `Retry-After` when the request's client is locked out; true when it did. */
  refuse(request: FastifyRequest, reply: FastifyReply): boolean {
    const wait = this.retryAfter(request.ip);
    if (wait === 0) return false;
    reply.code(429).header("retry-after", String(wait)).send({ error: "too_many_requests", message: `too many failed authentications from this address; try again in ${wait} s` });
    return true;
  }

  record(client: string): void {
    const window = this.current(client);
    if (window !== undefined) {
      window.failures += 1;
      return;
    }
    if (this.windows.size >= PRUNE_AT) this.prune();
    this.windows.set(client, { start: this.now(), failures: 1 });
  }

  private current(client: string): Window | undefined {
    const window = this.windows.get(client);
    if (window === undefined || window.start + WINDOW_MS > this.now()) return window;
    this.windows.delete(client);
    return undefined;
  }

  private prune(): void {
    for (const [client, window] of this.windows) if (window.start + WINDOW_MS <= this.now()) this.windows.delete(client);
  }
}

/**
 * Statuses whose `Retry-After` asks a client to come back later: 503 Service Unavailable (RFC 9110 §10.2.3) and
 * 429 Too Many Requests (RFC 6585 §4). On a redirect the header means something else, and on other errors
 * servers rarely send it.
 */
export const RETRY_AFTER_STATUSES: ReadonlySet<number> = new Set([429, 503]);

/**
 * How long a `Retry-After` value asks us to wait, in milliseconds from `now` (epoch ms): delay-seconds (`120`)
 * or an HTTP-date (`Sun, 06 Dec 2026 20:00:00 GMT`); a date already past asks for no wait. Null when the
 * header is absent or neither form.
 */
export function retryAfterMs(value: string | undefined, now: number): number | null {
  if (value === undefined) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // Every HTTP-date form names its month or weekday; a bare number that is not delay-seconds ("-1", "1.5") is no date.
  const date = /[a-z]/i.test(text) ? Date.parse(text) : Number.NaN;
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/** A calendar day, as a listing's `until` may give it instead of a timestamp. */
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The bound a listing's `until` puts on `first_seen` (ISO text, compared as text). A bare day means "up to the
 * end of that day": before the next day's start; a timestamp includes itself.
 */
export function firstSeenUntil(until: string): { value: string; inclusive: boolean } {
  return DAY.test(until) ? { value: new Date(Date.parse(until) + 86_400_000).toISOString().slice(0, 10), inclusive: false } : { value: until, inclusive: true };
}

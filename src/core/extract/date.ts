/**
 * Turns the date strings pages and feeds carry into ISO-8601 UTC timestamps.
 * A value without a time zone is read as UTC, so the result never depends on the machine's zone.
 */

const ISO_LIKE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
const RUSSIAN_NUMERIC = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
/** RFC 822/2822 as RSS `pubDate` writes it: "Fri, 15 Mar 2024 09:30:00 +0300". */
const RFC_2822 = /^(?:[a-z]{3},\s*)?\d{1,2}\s+[a-z]{3}\s+\d{2,4}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?(?:\s+(?:[+-]\d{4}|[a-z]{1,5}))?$/i;

/** The ISO form (`toISOString`) of a date string, or null when it is not a date we can read unambiguously. */
export function toIsoDate(value: string): string | null {
  const text = value.trim();
  const iso = ISO_LIKE.exec(text);
  if (iso) {
    const [, y, mo, d, h = "00", mi = "00", s = "00", frac = "", zone = "Z"] = iso;
    const offset = zone.toUpperCase() === "Z" ? "Z" : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
    return validDate(`${y}-${mo}-${d}T${h}:${mi}:${s}${frac}${offset}`, Number(y), Number(mo), Number(d));
  }
  const ru = RUSSIAN_NUMERIC.exec(text);
  if (ru) {
    const [, d = "", mo = "", y = "", h = "00", mi = "00", s = "00"] = ru;
    return validDate(`${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${mi}:${s}Z`, Number(y), Number(mo), Number(d));
  }
  if (RFC_2822.test(text)) {
    const time = Date.parse(text);
    return Number.isNaN(time) ? null : new Date(time).toISOString();
  }
  return null;
}

function pad(part: string): string {
  return part.padStart(2, "0");
}

/** Rejects dates `Date` would silently roll over (31 February becoming 2 March). */
function validDate(isoText: string, year: number, month: number, day: number): string | null {
  const time = Date.parse(isoText);
  if (Number.isNaN(time) || month < 1 || month > 12 || day < 1) return null;
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
  return new Date(time).toISOString();
}

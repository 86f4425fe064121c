import { monthNumber } from "./month-names.ts";

/**
 * Turns the date strings pages and feeds carry into ISO-8601 UTC timestamps.
 * A value without a time zone is read as UTC, so the result never depends on the machine's zone. This holds for
 * month-name dates: "1 января 2010 02:43" is 2010-01-01T02:43:00Z, as "2010-01-01 02:43" and "01.01.2010 02:43"
 * are, though the publisher probably meant its own (Moscow, Almaty) time. That zone belongs to the source, which a
 * date string does not name; reading every zoneless date the same way keeps two such dates comparable.
 */

const ISO_LIKE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
const RUSSIAN_NUMERIC = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
/** "14:05", ", 14:05:30", "в 14:05", "2:05 pm": the optional time after a month-name date. */
const TIME = String.raw`(?:,?\s+(?:в\s+)?(?<hour>\d{1,2}):(?<minute>\d{2})(?::(?<second>\d{2}))?(?:\s*(?<half>[ap])\.?m\.?)?)?`;
/** A weekday before the date ("Fri, ", "пятница, "), which says nothing the date does not. */
const WEEKDAY = String.raw`(?:\p{L}+\.?,\s*)?`;
const MONTH = String.raw`(?<month>\p{L}+\.?)`;
/**
 * Dates written with a month name, any of `MONTH_WORDS`: day first ("15 марта 2024 г., 10:05", "14 наурыз 2024 ж.",
 * "14 March 2024"), month first ("March 14, 2024", "Mar 14 2024 10:05") and year first, as Kazakh writes them
 * ("2024 жылғы 14 наурыз"). A four-digit year only: "15 Mar 24" is left to `RFC_2822`.
 */
const MONTH_NAME_DATES: readonly RegExp[] = [
  String.raw`${WEEKDAY}(?<day>\d{1,2})\s+${MONTH}\s+(?<year>\d{4})(?:\s*(?:г|года?|ж|жыл|жылы)\.?)?${TIME}`,
  String.raw`${WEEKDAY}${MONTH}\s+(?<day>\d{1,2}),?\s+(?<year>\d{4})${TIME}`,
  String.raw`(?<year>\d{4})(?:\s+(?:жылғы|ж\.))?\s+(?<day>\d{1,2})\s+${MONTH}${TIME}`,
].map((pattern) => new RegExp(`^${pattern}$`, "iu"));
/** RFC 822/2822 as RSS `pubDate` writes it: "Fri, 15 Mar 2024 09:30:00 +0300". */
const RFC_2822 = /^(?:[a-z]{3},\s*)?\d{1,2}\s+[a-z]{3}\s+\d{2,4}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?(?:\s+(?:[+-]\d{4}|[a-z]{1,5}))?$/i;

/**
 * A date a person typed (`--published`, the API's `published`) in ISO form, or null: typed dates are ISO 8601
 * only, on a day that exists, and read as `toIsoDate` reads them (no zone: UTC), so that the CLI and the API
 * store the same value for the same input. The other spellings `toIsoDate` reads are pages' and feeds'.
 */
export function typedIsoDate(value: string): string | null {
  return ISO_LIKE.test(value.trim()) ? toIsoDate(value) : null;
}

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
  // Before RFC 2822, whose `Date.parse` reads a date without a zone in the machine's zone and rolls 31 Feb over.
  const named = MONTH_NAME_DATES.map((pattern) => pattern.exec(text)?.groups).find((groups) => groups !== undefined);
  if (named) return monthNameDate(named);
  if (RFC_2822.test(text)) {
    const time = Date.parse(text);
    return Number.isNaN(time) ? null : new Date(time).toISOString();
  }
  return null;
}

/** The groups of a `MONTH_NAME_DATES` match as an ISO date, or null for an unknown month word or an impossible date. */
function monthNameDate({ day = "", month = "", year = "", hour = "00", minute = "00", second = "00", half }: Record<string, string | undefined>): string | null {
  const mo = monthNumber(month);
  const h = half === undefined ? hour : twelveHourClock(Number(hour), half.toLowerCase() === "p");
  if (mo === null || h === null) return null;
  return validDate(`${year}-${pad(String(mo))}-${pad(day)}T${pad(h)}:${minute}:${second}Z`, Number(year), mo, Number(day));
}

/** The 24-hour form of "2:05 pm"'s hour; null past 12, which no 12-hour clock shows. */
function twelveHourClock(hour: number, pm: boolean): string | null {
  if (hour < 1 || hour > 12) return null;
  return String((hour % 12) + (pm ? 12 : 0));
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

import { typedIsoDate } from "../core/extract/date.ts";
import { UsageError } from "./context.ts";

/** Validates a `--published` value: an ISO-8601 date or timestamp, returned in full ISO form. */
export function parsePublished(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const iso = typedIsoDate(value);
  if (iso === null) throw new UsageError(`--published ${JSON.stringify(value)}: not an ISO date on a day that exists (expected e.g. 2022-01-14 or 2022-01-14T10:30:00+06:00)`);
  return iso;
}

/** Validates a `--url` value: an absolute http(s) URL. */
export function parseUrlOption(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`--url ${JSON.stringify(value)}: not an absolute URL`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new UsageError(`--url ${JSON.stringify(value)}: must be http or https`);
  return url.href;
}

export function parsePositiveInt(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw new UsageError(`${name} ${JSON.stringify(value)}: must be a positive integer`);
    return n;
  };
}

import { UsageError } from "./context.ts";

/** Validates a `--published` value: an ISO-8601 date or timestamp, returned in full ISO form. */
export function parsePublished(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const time = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(time)) {
    throw new UsageError(`--published ${JSON.stringify(value)}: not an ISO date (expected e.g. 2022-01-14 or 2022-01-14T10:30:00+06:00)`);
  }
  return new Date(time).toISOString();
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

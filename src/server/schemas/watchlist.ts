import { z } from "zod";
import type { UrlStatus } from "../../monitor/url-states.ts";
import type { WatchedSiteView, WatchFailureView } from "../watched-site-view.ts";
import { URL_STATUSES } from "../../monitor/url-states.ts";
import { DEFAULT_INTERVAL_MS, MAX_INTERVAL_MS } from "../../monitor/manage-watchlist.ts";
import { formatDuration, parseDuration } from "../../monitor/duration.ts";
import { documents } from "./documents.ts";
import { IsoTimestamp } from "./request-fields.ts";

const UrlStatusSchema = z.enum(URL_STATUSES as [UrlStatus, ...UrlStatus[]]);

/** A time between passes as `watch add --interval` takes it (`90s`, `30m`, `6h`, `1d`), in milliseconds. */
const WatchInterval = z
  .string()
  .transform((value, ctx) => {
    try {
      const ms = parseDuration("interval", value);
      if (ms <= MAX_INTERVAL_MS) return ms;
      ctx.addIssue({ code: "custom", message: `interval ${JSON.stringify(value)}: at most ${formatDuration(MAX_INTERVAL_MS)} (a feed keeps only its latest items)` });
    } catch (error) {
      ctx.addIssue({ code: "custom", message: (error as Error).message });
    }
    return z.NEVER;
  })
  .describe(`time between passes: 90s, 30m, 6h, 1d… (at least 1s, at most ${formatDuration(MAX_INTERVAL_MS)})`);

export const WatchRequest = z.object({
  url: z.string().trim().min(1).describe("a site (its feeds and sitemaps are discovered), an RSS/Atom feed or a sitemap: an absolute http(s) URL"),
  interval: WatchInterval.optional().describe(`time between passes (default ${formatDuration(DEFAULT_INTERVAL_MS)})`),
  since: IsoTimestamp.transform((value) => new Date(Date.parse(value)).toISOString())
    .nullable()
    .optional()
    .describe("check only items dated on or after this; by default every item listed, however old"),
});

export const WatchScheduleRequest = z.object({ interval: WatchInterval });

export const WatchedSiteSchema = documents<WatchedSiteView>()(
  z.looseObject({
    id: z.number().int(),
    url: z.string().describe("the URL as given when it was added"),
    kind: z.enum(["site", "feed", "sitemap"]),
    listings: z.array(z.string()).describe("the feeds and sitemaps read each pass"),
    intervalMs: z.number().int(),
    interval: z.string().describe("intervalMs as 30m, 6h, 1d"),
    since: z.string().nullable().describe("items dated before this are not checked"),
    addedAt: z.string(),
    lastPassAt: z.string().nullable().describe("when the last pass over it started; null before the first"),
    nextPassAt: z.string(),
    urls: z.record(UrlStatusSchema, z.number().int()).describe("the site's URLs per status, as `watch list --json` gives them"),
    counts: z
      .object({ done: z.number().int(), failed: z.number().int(), queued: z.number().int() })
      .describe("URLs done with (checked, listed, unchanged, duplicate, gone), whose last attempt failed, and jobs queued"),
  }).meta({ id: "WatchedSite" }),
);

export const WatchFailureSchema = documents<WatchFailureView>()(
  z.looseObject({
    url: z.string(),
    role: z.enum(["site", "listing", "page"]),
    status: UrlStatusSchema.describe("failed, or retrying: another attempt is scheduled"),
    reason: z.string().nullable().describe("a reason word (timeout, http_status, robots_disallowed, malformed_xml…), a colon, then detail"),
    httpStatus: z.number().int().nullable(),
    updatedAt: z.string(),
  }).meta({ id: "WatchFailure" }),
);

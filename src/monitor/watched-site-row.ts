import type { NewWatch, WatchedSite, WatchKind } from "./watchlist.ts";
import { urlKey } from "./url-key.ts";

/**
 * A `monitor_sites` row as both databases give it. Integer columns are numbers from SQLite and decimal strings
 * from PostgreSQL's int8, which a JavaScript number cannot always hold (ids and intervals here always fit).
 */
export interface WatchedSiteRow {
  id: number | string;
  key: string;
  url: string;
  kind: WatchKind;
  /** JSON text of the listings' URLs. */
  listings: string;
  interval_ms: number | string;
  since: string | null;
  added_at: string;
  last_pass_at: string | null;
  next_pass_at: string;
}

/** The columns a watch fills, whether it adds a site or updates the one of the same key. */
export function watchColumns(watch: NewWatch): Pick<WatchedSiteRow, "key" | "url" | "kind" | "listings" | "interval_ms" | "since"> {
  return { key: urlKey(watch.url), url: watch.url, kind: watch.kind, listings: JSON.stringify(watch.listings), interval_ms: watch.intervalMs, since: watch.since };
}

export function watchedSiteFromRow(row: WatchedSiteRow): WatchedSite {
  return {
    id: Number(row.id),
    url: row.url,
    kind: row.kind,
    listings: JSON.parse(row.listings) as string[],
    intervalMs: Number(row.interval_ms),
    since: row.since,
    addedAt: row.added_at,
    lastPassAt: row.last_pass_at,
    nextPassAt: row.next_pass_at,
  };
}

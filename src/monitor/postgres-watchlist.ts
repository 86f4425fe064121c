import type { PgExecutor } from "../io/storage/postgres-executor.ts";
import type { NewWatch, SiteSchedule, WatchedSite, Watchlist } from "./watchlist.ts";
import { urlKey } from "./url-key.ts";
import { watchColumns, watchedSiteFromRow, type WatchedSiteRow } from "./watched-site-row.ts";

/**
 * The watchlist in PostgreSQL (tables: `postgres-tables/watchlist.ts`), shared by the servers and monitor workers
 * of one database. Every method is one statement, hence atomic on its own; the SQLite watchlist's semantics.
 *
 * What guards the races between processes:
 * - Two `add`s of one URL (two servers, or a server and `watch add`): `INSERT … ON CONFLICT (key)` on the unique
 *   key. The second waits for the first's row and then updates it: one site, whose id both get back.
 * - Two workers finding one site `due`, or a worker and a person rescheduling it or making it due now between
 *   the worker's `due` and its `markPassed`: `markPassed` is a compare-and-set on the schedule the worker read.
 *   The second `UPDATE` waits for the first's row lock, then finds the row changed and updates nothing, so the
 *   worker that lost queues nothing (see `scheduleDue`) and the winner's schedule stands.
 */
export class PostgresWatchlist implements Watchlist {
  constructor(private readonly db: PgExecutor) {}

  async add(watch: NewWatch, at: string): Promise<{ site: WatchedSite; replaced: boolean }> {
    const columns = watchColumns(watch);
    // xmax is 0 on a row this statement inserted and the updating transaction's id on one it updated: which of
    // the two happened, also when another process inserted the row a moment before.
    const { rows } = await this.db.query<WatchedSiteRow & { replaced: boolean }>(
      `INSERT INTO monitor_sites AS s (key, url, kind, listings, interval_ms, since, added_at, next_pass_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $7)
      ON CONFLICT (key) DO UPDATE SET url = excluded.url, kind = excluded.kind, listings = excluded.listings,
        interval_ms = excluded.interval_ms, since = excluded.since, next_pass_at = excluded.next_pass_at
      RETURNING s.*, s.xmax <> 0 AS replaced`,
      [columns.key, columns.url, columns.kind, columns.listings, columns.interval_ms, columns.since, at],
    );
    return { site: watchedSiteFromRow(rows[0]!), replaced: rows[0]!.replaced };
  }

  async get(idOrUrl: number | string): Promise<WatchedSite | null> {
    const { rows } = await this.db.query<WatchedSiteRow>(`SELECT * FROM monitor_sites WHERE ${siteMatching(idOrUrl)}`, [siteParam(idOrUrl)]);
    return rows[0] ? watchedSiteFromRow(rows[0]) : null;
  }

  async list(): Promise<WatchedSite[]> {
    const { rows } = await this.db.query<WatchedSiteRow>("SELECT * FROM monitor_sites ORDER BY id");
    return rows.map(watchedSiteFromRow);
  }

  async remove(idOrUrl: number | string): Promise<WatchedSite | null> {
    const { rows } = await this.db.query<WatchedSiteRow>(`DELETE FROM monitor_sites WHERE ${siteMatching(idOrUrl)} RETURNING *`, [siteParam(idOrUrl)]);
    return rows[0] ? watchedSiteFromRow(rows[0]) : null;
  }

  async setListings(id: number, listings: readonly string[]): Promise<void> {
    await this.db.query("UPDATE monitor_sites SET listings = $1 WHERE id = $2", [JSON.stringify(listings), id]);
  }

  async due(now: string): Promise<WatchedSite[]> {
    const { rows } = await this.db.query<WatchedSiteRow>("SELECT * FROM monitor_sites WHERE next_pass_at <= $1 ORDER BY next_pass_at, id", [now]);
    return rows.map(watchedSiteFromRow);
  }

  async markPassed(read: SiteSchedule, at: string, next: string): Promise<boolean> {
    const { rowCount } = await this.db.query(
      `UPDATE monitor_sites SET last_pass_at = $1, next_pass_at = $2
        WHERE id = $3 AND last_pass_at IS NOT DISTINCT FROM $4 AND next_pass_at = $5 AND interval_ms = $6`,
      [at, next, read.id, read.lastPassAt, read.nextPassAt, read.intervalMs],
    );
    return rowCount === 1;
  }

  async nextDue(): Promise<string | null> {
    const { rows } = await this.db.query<{ next: string | null }>("SELECT min(next_pass_at) AS next FROM monitor_sites");
    return rows[0]!.next;
  }
}

/** The condition naming a site by id, or by URL in any spelling that normalizes to its key. */
function siteMatching(idOrUrl: number | string): string {
  return typeof idOrUrl === "number" ? "id = $1" : "key = $1";
}

/** The value `siteMatching` compares: no site has an id that is not a safe integer, and int8 refuses to compare with one. */
function siteParam(idOrUrl: number | string): number | string | null {
  if (typeof idOrUrl === "string") return urlKey(idOrUrl);
  return Number.isSafeInteger(idOrUrl) ? idOrUrl : null;
}

import type Database from "better-sqlite3";
import type { NewWatch, SiteSchedule, WatchedSite, Watchlist } from "./watchlist.ts";
import { urlKey } from "./url-key.ts";
import { watchColumns, watchedSiteFromRow, type WatchedSiteRow } from "./watched-site-row.ts";

/** The watchlist in the CopyQuota SQLite database. */
export class SqliteWatchlist implements Watchlist {
  private readonly stmts;
  private readonly upsert: (watch: NewWatch, at: string) => { site: WatchedSite; replaced: boolean };

  constructor(db: Database.Database) {
    this.stmts = {
      byId: db.prepare("SELECT * FROM monitor_sites WHERE id = ?"),
      byKey: db.prepare("SELECT * FROM monitor_sites WHERE key = ?"),
      all: db.prepare("SELECT * FROM monitor_sites ORDER BY id"),
      insert: db.prepare(`INSERT INTO monitor_sites (key, url, kind, listings, interval_ms, since, added_at, next_pass_at)
        VALUES (@key, @url, @kind, @listings, @interval_ms, @since, @at, @at)`),
      update: db.prepare(`UPDATE monitor_sites SET url = @url, kind = @kind, listings = @listings, interval_ms = @interval_ms, since = @since,
        next_pass_at = @at WHERE id = @id`),
      delete: db.prepare("DELETE FROM monitor_sites WHERE id = ?"),
      setListings: db.prepare("UPDATE monitor_sites SET listings = ? WHERE id = ?"),
      due: db.prepare("SELECT * FROM monitor_sites WHERE next_pass_at <= ? ORDER BY next_pass_at, id"),
      passed: db.prepare(`UPDATE monitor_sites SET last_pass_at = @at, next_pass_at = @next
        WHERE id = @id AND last_pass_at IS @lastPassAt AND next_pass_at = @nextPassAt AND interval_ms = @intervalMs`),
      nextDue: db.prepare("SELECT min(next_pass_at) FROM monitor_sites").pluck(),
    };
    this.upsert = db.transaction((watch: NewWatch, at: string) => {
      const params = { ...watchColumns(watch), at };
      const old = this.stmts.byKey.get(params.key) as WatchedSiteRow | undefined;
      if (old) this.stmts.update.run({ ...params, id: old.id });
      else this.stmts.insert.run(params);
      return { site: watchedSiteFromRow(this.stmts.byKey.get(params.key) as WatchedSiteRow), replaced: old !== undefined };
    });
  }

  async add(watch: NewWatch, at: string): Promise<{ site: WatchedSite; replaced: boolean }> {
    return this.upsert(watch, at);
  }

  async get(idOrUrl: number | string): Promise<WatchedSite | null> {
    const row = (typeof idOrUrl === "number" ? this.stmts.byId.get(idOrUrl) : this.stmts.byKey.get(urlKey(idOrUrl))) as WatchedSiteRow | undefined;
    return row ? watchedSiteFromRow(row) : null;
  }

  async list(): Promise<WatchedSite[]> {
    return (this.stmts.all.all() as WatchedSiteRow[]).map(watchedSiteFromRow);
  }

  async remove(idOrUrl: number | string): Promise<WatchedSite | null> {
    const site = await this.get(idOrUrl);
    if (site) this.stmts.delete.run(site.id);
    return site;
  }

  async setListings(id: number, listings: readonly string[]): Promise<void> {
    this.stmts.setListings.run(JSON.stringify(listings), id);
  }

  async due(now: string): Promise<WatchedSite[]> {
    return (this.stmts.due.all(now) as WatchedSiteRow[]).map(watchedSiteFromRow);
  }

  async markPassed(read: SiteSchedule, at: string, next: string): Promise<boolean> {
    const { id, lastPassAt, nextPassAt, intervalMs } = read;
    return this.stmts.passed.run({ at, next, id, lastPassAt, nextPassAt, intervalMs }).changes === 1;
  }

  async nextDue(): Promise<string | null> {
    return (this.stmts.nextDue.get() as string | null) ?? null;
  }
}

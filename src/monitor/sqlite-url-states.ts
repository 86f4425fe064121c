import type Database from "better-sqlite3";
import type { UrlState, UrlStateStore, UrlStatus } from "./url-states.ts";
import { URL_STATUSES } from "./url-states.ts";
import { urlStateFromRow, urlStateRow, type UrlStateRow } from "./url-state-row.ts";

/** URL states in the CopyQuota SQLite database, indexed for the two dedupe lookups. */
export class SqliteUrlStateStore implements UrlStateStore {
  private readonly db: Database.Database;
  private readonly stmts;

  constructor(db: Database.Database) {
    this.db = db;
    this.stmts = {
      get: db.prepare("SELECT * FROM monitor_urls WHERE key = ?"),
      put: db.prepare(`INSERT OR REPLACE INTO monitor_urls (key, url, role, site_id, status, reason, http_status, etag, last_modified,
          content_sha256, canonical_key, verdict, fetched_at, updated_at)
        VALUES (@key, @url, @role, @site_id, @status, @reason, @http_status, @etag, @last_modified, @content_sha256, @canonical_key,
          @verdict, @fetched_at, @updated_at)`),
      byContent: db.prepare("SELECT * FROM monitor_urls WHERE content_sha256 = ? AND status = 'checked' AND key <> ? LIMIT 1"),
      // Two lookups rather than one with OR, which SQLite would answer by scanning the whole index.
      byCanonical: db.prepare("SELECT * FROM monitor_urls WHERE canonical_key = @canonical AND status = 'checked' AND key <> @except LIMIT 1"),
      byKeyChecked: db.prepare("SELECT * FROM monitor_urls WHERE key = @canonical AND status = 'checked' AND key <> @except"),
    };
  }

  async get(key: string): Promise<UrlState | null> {
    const row = this.stmts.get.get(key) as UrlStateRow | undefined;
    return row ? urlStateFromRow(row) : null;
  }

  async put(state: UrlState): Promise<void> {
    this.stmts.put.run(urlStateRow(state));
  }

  async findByContent(sha256: string, exceptKey: string): Promise<UrlState | null> {
    const row = this.stmts.byContent.get(sha256, exceptKey) as UrlStateRow | undefined;
    return row ? urlStateFromRow(row) : null;
  }

  async findByCanonical(canonicalKey: string, exceptKey: string): Promise<UrlState | null> {
    const params = { canonical: canonicalKey, except: exceptKey };
    const row = (this.stmts.byCanonical.get(params) ?? this.stmts.byKeyChecked.get(params)) as UrlStateRow | undefined;
    return row ? urlStateFromRow(row) : null;
  }

  async list(filter: { siteId?: number; status?: UrlStatus[]; role?: UrlState["role"] }, page: { limit: number; offset: number }): Promise<UrlState[]> {
    const where: string[] = [];
    const params: Record<string, unknown> = { limit: page.limit, offset: page.offset };
    if (filter.siteId !== undefined) {
      where.push("site_id = @site_id");
      params.site_id = filter.siteId;
    }
    if (filter.role !== undefined) {
      where.push("role = @role");
      params.role = filter.role;
    }
    if (filter.status !== undefined) {
      where.push(`status IN (${filter.status.map((_, i) => `@status${i}`).join(", ") || "NULL"})`);
      filter.status.forEach((status, i) => (params[`status${i}`] = status));
    }
    const sql = `SELECT * FROM monitor_urls ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY updated_at, key LIMIT @limit OFFSET @offset`;
    return (this.db.prepare(sql).all(params) as UrlStateRow[]).map(urlStateFromRow);
  }

  async counts(siteId?: number): Promise<Record<UrlStatus, number>> {
    const counts = Object.fromEntries(URL_STATUSES.map((status) => [status, 0])) as Record<UrlStatus, number>;
    const rows = (
      siteId === undefined
        ? this.db.prepare("SELECT status, count(*) AS n FROM monitor_urls GROUP BY status").all()
        : this.db.prepare("SELECT status, count(*) AS n FROM monitor_urls WHERE site_id = ? GROUP BY status").all(siteId)
    ) as { status: UrlStatus; n: number }[];
    for (const row of rows) counts[row.status] = row.n;
    return counts;
  }
}

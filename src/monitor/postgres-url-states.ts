import type { PgExecutor } from "../io/storage/postgres-executor.ts";
import { withStorableText } from "../io/storage/postgres-text.ts";
import type { UrlState, UrlStateStore, UrlStatus } from "./url-states.ts";
import { URL_STATUSES } from "./url-states.ts";
import { urlStateFromRow, urlStateRow, type UrlStateRow } from "./url-state-row.ts";

/** Every column of `monitor_urls`, in the order `put` sends them. */
const COLUMNS = [
  "key", "url", "role", "site_id", "status", "reason", "http_status", "etag", "last_modified",
  "content_sha256", "canonical_key", "verdict", "fetched_at", "updated_at",
] as const satisfies readonly (keyof UrlStateRow)[];

/**
 * URL states in PostgreSQL (tables: `postgres-tables/url-states.ts`); the SQLite store's semantics, every method
 * one statement. Two workers putting one URL's state (a page and a re-check of it, say) is an upsert on the
 * primary key: the later commit wins, whole, as SQLite's `INSERT OR REPLACE` does; the queue's dedupe by
 * (kind, key) keeps two workers from working one page job at once.
 */
export class PostgresUrlStateStore implements UrlStateStore {
  private readonly db: PgExecutor;

  constructor(db: PgExecutor) {
    // A reason may quote what a hostile page or server sent (an error message): a NUL in it is kept as U+FFFD
    // rather than failing the unit of work that records the URL's state.
    this.db = withStorableText(db);
  }

  async get(key: string): Promise<UrlState | null> {
    const { rows } = await this.db.query<UrlStateRow>("SELECT * FROM monitor_urls WHERE key = $1", [key]);
    return rows[0] ? urlStateFromRow(rows[0]) : null;
  }

  async put(state: UrlState): Promise<void> {
    const row = urlStateRow(state);
    await this.db.query(
      `INSERT INTO monitor_urls (${COLUMNS.join(", ")}) VALUES (${COLUMNS.map((_, i) => `$${i + 1}`).join(", ")})
      ON CONFLICT (key) DO UPDATE SET ${COLUMNS.slice(1).map((column) => `${column} = excluded.${column}`).join(", ")}`,
      COLUMNS.map((column) => row[column]),
    );
  }

  /** The least key of those matching, as SQLite's index gives first. */
  async findByContent(sha256: string, exceptKey: string): Promise<UrlState | null> {
    const { rows } = await this.db.query<UrlStateRow>(
      "SELECT * FROM monitor_urls WHERE content_sha256 = $1 AND status = 'checked' AND key <> $2 ORDER BY key LIMIT 1",
      [sha256, exceptKey],
    );
    return rows[0] ? urlStateFromRow(rows[0]) : null;
  }

  /** A page naming `canonicalKey` as canonical (the least key) before the page that is it, as SQLite's two lookups. */
  async findByCanonical(canonicalKey: string, exceptKey: string): Promise<UrlState | null> {
    const { rows } = await this.db.query<UrlStateRow>(
      `SELECT * FROM monitor_urls WHERE (canonical_key = $1 OR key = $1) AND status = 'checked' AND key <> $2
        ORDER BY canonical_key IS NOT DISTINCT FROM $1 DESC, key LIMIT 1`,
      [canonicalKey, exceptKey],
    );
    return rows[0] ? urlStateFromRow(rows[0]) : null;
  }

  async list(filter: { siteId?: number; status?: UrlStatus[]; role?: UrlState["role"] }, page: { limit: number; offset: number }): Promise<UrlState[]> {
    const where: string[] = [];
    const values: unknown[] = [page.limit, page.offset];
    const param = (value: unknown) => `$${values.push(value)}`;
    if (filter.siteId !== undefined) where.push(`site_id = ${param(filter.siteId)}`);
    if (filter.role !== undefined) where.push(`role = ${param(filter.role)}`);
    if (filter.status !== undefined) where.push(`status = ANY(${param(filter.status)}::text[])`);
    const { rows } = await this.db.query<UrlStateRow>(
      `SELECT * FROM monitor_urls ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY updated_at, key LIMIT $1 OFFSET $2`,
      values,
    );
    return rows.map(urlStateFromRow);
  }

  async counts(siteId?: number): Promise<Record<UrlStatus, number>> {
    const counts = Object.fromEntries(URL_STATUSES.map((status) => [status, 0])) as Record<UrlStatus, number>;
    const { rows } = await this.db.query<{ status: UrlStatus; n: number }>(
      `SELECT status, count(*)::int4 AS n FROM monitor_urls ${siteId === undefined ? "" : "WHERE site_id = $1"} GROUP BY status`,
      siteId === undefined ? [] : [siteId],
    );
    for (const row of rows) counts[row.status] = row.n;
    return counts;
  }
}

import type { CandidateVerdict } from "../core/types.ts";
import type { UrlState, UrlStatus } from "./url-states.ts";

/**
 * A `monitor_urls` row as both databases give it; the validators are two columns. The site id is a number from
 * SQLite and a decimal string from PostgreSQL's int8, which a JavaScript number cannot always hold (ids fit).
 */
export interface UrlStateRow {
  key: string;
  url: string;
  role: UrlState["role"];
  site_id: number | string | null;
  status: UrlStatus;
  reason: string | null;
  http_status: number | null;
  etag: string | null;
  last_modified: string | null;
  content_sha256: string | null;
  canonical_key: string | null;
  verdict: CandidateVerdict | null;
  fetched_at: string | null;
  updated_at: string;
}

/** The row that stores `state`. */
export function urlStateRow(state: UrlState): UrlStateRow {
  return {
    key: state.key,
    url: state.url,
    role: state.role,
    site_id: state.siteId,
    status: state.status,
    reason: state.reason,
    http_status: state.httpStatus,
    etag: state.validators.etag ?? null,
    last_modified: state.validators.lastModified ?? null,
    content_sha256: state.contentSha256,
    canonical_key: state.canonicalKey,
    verdict: state.verdict,
    fetched_at: state.fetchedAt,
    updated_at: state.updatedAt,
  };
}

export function urlStateFromRow(row: UrlStateRow): UrlState {
  const validators: UrlState["validators"] = {};
  if (row.etag !== null) validators.etag = row.etag;
  if (row.last_modified !== null) validators.lastModified = row.last_modified;
  return {
    key: row.key,
    url: row.url,
    role: row.role,
    siteId: row.site_id === null ? null : Number(row.site_id),
    status: row.status,
    reason: row.reason,
    httpStatus: row.http_status,
    validators,
    contentSha256: row.content_sha256,
    canonicalKey: row.canonical_key,
    verdict: row.verdict,
    fetchedAt: row.fetched_at,
    updatedAt: row.updated_at,
  };
}

/**
 * URL states (`PostgresUrlStateStore`): SQLite's `monitor_urls` in PostgreSQL types, with its three indexes.
 * - `key` and `updated_at` order the listing (`ORDER BY updated_at, key`): in the "C" collation, byte order, as
 *   SQLite orders them, whatever the database's default collation.
 * - The two dedupe indexes end with `key`: SQLite's, on a table without rowid, hold the key too, so the first
 *   match it finds is the least key; PostgreSQL answers `ORDER BY key LIMIT 1` from the same index.
 */
export const URL_STATE_TABLES = `
  CREATE TABLE monitor_urls (
    key text COLLATE "C" PRIMARY KEY,
    url text NOT NULL,
    role text NOT NULL,
    site_id int8,
    status text NOT NULL,
    reason text,
    http_status int4,
    etag text,
    last_modified text,
    content_sha256 text,
    canonical_key text COLLATE "C",
    verdict text,
    fetched_at text,
    updated_at text COLLATE "C" NOT NULL
  );
  CREATE INDEX monitor_urls_by_content ON monitor_urls (content_sha256, key) WHERE status = 'checked';
  CREATE INDEX monitor_urls_by_canonical ON monitor_urls (canonical_key, key) WHERE status = 'checked';
  CREATE INDEX monitor_urls_by_site ON monitor_urls (site_id, status);
`;

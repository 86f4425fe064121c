/** What became of each URL the monitor met, indexed for its two dedupe lookups (`SqliteUrlStateStore`). */
export const URL_STATE_TABLES = `
  CREATE TABLE IF NOT EXISTS monitor_urls (
    key TEXT PRIMARY KEY,
    url TEXT NOT NULL,
    role TEXT NOT NULL,
    site_id INTEGER,
    status TEXT NOT NULL,
    reason TEXT,
    http_status INTEGER,
    etag TEXT,
    last_modified TEXT,
    content_sha256 TEXT,
    canonical_key TEXT,
    verdict TEXT,
    fetched_at TEXT,
    updated_at TEXT NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS monitor_urls_by_content ON monitor_urls (content_sha256) WHERE status = 'checked';
  CREATE INDEX IF NOT EXISTS monitor_urls_by_canonical ON monitor_urls (canonical_key) WHERE status = 'checked';
  CREATE INDEX IF NOT EXISTS monitor_urls_by_site ON monitor_urls (site_id, status);
`;

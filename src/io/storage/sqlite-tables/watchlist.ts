/** The watched sites (`SqliteWatchlist`). */
export const WATCHLIST_TABLES = `
  CREATE TABLE IF NOT EXISTS monitor_sites (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    url TEXT NOT NULL,
    kind TEXT NOT NULL,
    listings TEXT NOT NULL,
    interval_ms INTEGER NOT NULL,
    since TEXT,
    added_at TEXT NOT NULL,
    last_pass_at TEXT,
    next_pass_at TEXT NOT NULL
  );
`;

/** One row per monitor process, its status as JSON (`SqliteMonitorStatus`). */
export const MONITOR_STATUS_TABLES = `
  CREATE TABLE IF NOT EXISTS monitor_processes (
    process TEXT PRIMARY KEY,
    started_at TEXT NOT NULL,
    status TEXT NOT NULL
  );
`;

/**
 * The monitors' statuses, one row per monitor process (see `PostgresMonitorStatus`). The status is JSON text,
 * shown whole and never queried by field. `process` and `started_at` sort bytewise (COLLATE "C"), as SQLite's
 * BINARY does, so both databases list monitors in the same order.
 */
export const MONITOR_STATUS_TABLES = `
  CREATE TABLE monitor_processes (
    process text COLLATE "C" PRIMARY KEY,
    started_at text COLLATE "C" NOT NULL,
    status text NOT NULL
  );
`;

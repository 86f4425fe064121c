/** The monitor's job queue (`SqliteJobQueue`). */
export const JOB_QUEUE_TABLES = `
  CREATE TABLE IF NOT EXISTS monitor_jobs (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    url TEXT NOT NULL,
    site_id INTEGER,
    priority INTEGER NOT NULL,
    state TEXT NOT NULL,
    not_before INTEGER NOT NULL,
    owner TEXT,
    lease_until INTEGER,
    attempts INTEGER NOT NULL DEFAULT 0,
    claims INTEGER NOT NULL DEFAULT 0,
    reason TEXT,
    enqueued_at INTEGER NOT NULL,
    finished_at INTEGER,
    UNIQUE (kind, key)
  );
  CREATE INDEX IF NOT EXISTS monitor_jobs_pending ON monitor_jobs (priority, id) WHERE state IN ('ready', 'leased');
  CREATE INDEX IF NOT EXISTS monitor_jobs_by_site ON monitor_jobs (site_id) WHERE state = 'ready';
`;

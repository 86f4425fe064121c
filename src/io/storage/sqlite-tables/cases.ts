/** Checks, cases, their observations and status history (`SqliteCaseStore`). */
export const CASE_TABLES = `
  CREATE TABLE IF NOT EXISTS checks (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    candidate_key TEXT NOT NULL,
    verdict TEXT NOT NULL,
    candidate_text TEXT NOT NULL,
    result TEXT NOT NULL,
    evidence_sha256 TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS checks_by_candidate ON checks (candidate_key);
  CREATE TABLE IF NOT EXISTS cases (
    id INTEGER PRIMARY KEY,
    candidate_key TEXT NOT NULL,
    candidate_url TEXT NOT NULL,
    candidate_domain TEXT NOT NULL,
    candidate_title TEXT NOT NULL,
    source_url TEXT NOT NULL,
    source_title TEXT NOT NULL,
    status TEXT NOT NULL,
    share REAL NOT NULL,
    reused_chars INTEGER NOT NULL,
    source_chars INTEGER NOT NULL,
    max_share REAL NOT NULL,
    max_chars INTEGER,
    violations TEXT NOT NULL,
    link TEXT NOT NULL,
    passages TEXT NOT NULL,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    resolution TEXT,
    last_check_id INTEGER NOT NULL REFERENCES checks (id),
    UNIQUE (candidate_key, source_url)
  );
  CREATE INDEX IF NOT EXISTS cases_by_status ON cases (status, last_seen);
  CREATE INDEX IF NOT EXISTS cases_by_domain ON cases (candidate_domain);
  CREATE INDEX IF NOT EXISTS cases_by_first_seen ON cases (first_seen);
  CREATE TABLE IF NOT EXISTS case_observations (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases (id),
    check_id INTEGER REFERENCES checks (id),
    at TEXT NOT NULL,
    outcome TEXT NOT NULL,
    share REAL NOT NULL,
    violations TEXT NOT NULL,
    evidence_sha256 TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS case_observations_by_case ON case_observations (case_id);
  CREATE TABLE IF NOT EXISTS case_events (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases (id),
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    from_status TEXT,
    to_status TEXT NOT NULL,
    comment TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS case_events_by_case ON case_events (case_id);
`;

/** Evidence bytes keyed by SHA-256 and their captures (`SqliteEvidenceStore`); triggers refuse every UPDATE and DELETE. */
export const EVIDENCE_TABLES = `
  CREATE TABLE IF NOT EXISTS evidence_blobs (
    sha256 TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    bytes BLOB NOT NULL
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS evidence_captures (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL REFERENCES evidence_blobs (sha256),
    url TEXT NOT NULL,
    final_url TEXT NOT NULL,
    origin TEXT NOT NULL,
    fetched_at TEXT NOT NULL,
    status INTEGER,
    headers TEXT NOT NULL,
    content_type TEXT
  );
  CREATE INDEX IF NOT EXISTS evidence_captures_by_sha ON evidence_captures (sha256);
  CREATE TRIGGER IF NOT EXISTS evidence_blobs_no_update BEFORE UPDATE ON evidence_blobs
    BEGIN SELECT RAISE(ABORT, 'evidence is never rewritten'); END;
  CREATE TRIGGER IF NOT EXISTS evidence_blobs_no_delete BEFORE DELETE ON evidence_blobs
    BEGIN SELECT RAISE(ABORT, 'evidence is never deleted'); END;
  CREATE TRIGGER IF NOT EXISTS evidence_captures_no_update BEFORE UPDATE ON evidence_captures
    BEGIN SELECT RAISE(ABORT, 'evidence is never rewritten'); END;
  CREATE TRIGGER IF NOT EXISTS evidence_captures_no_delete BEFORE DELETE ON evidence_captures
    BEGIN SELECT RAISE(ABORT, 'evidence is never deleted'); END;
`;

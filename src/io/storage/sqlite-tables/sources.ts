import { INDEX_FORMAT } from "../../store/index-format.ts";

/**
 * Sources and their fingerprint index (`SqliteSourceStore`). The `meta` row stamps the index format a new file
 * is written in, so that a file of another format is refused rather than misread (see `refuseOtherIndexFormat`).
 */
export const SOURCE_TABLES = `
  CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  INSERT OR IGNORE INTO meta (key, value) VALUES ('index_format', '${INDEX_FORMAT}');
  CREATE TABLE IF NOT EXISTS sources (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    published TEXT,
    reference INTEGER NOT NULL,
    domain TEXT NOT NULL,
    text TEXT NOT NULL,
    -- Spans of the protected and boilerplate blocks in text; null when protected_text is stored instead.
    layout BLOB,
    protected_text TEXT,
    boilerplate TEXT,
    fingerprints BLOB NOT NULL,
    block_keys BLOB NOT NULL,
    added_at TEXT NOT NULL
  );
  -- Apart from sources, so that reading a source's words, which every check does for every candidate
  -- source, does not walk the overflow pages of its text.
  CREATE TABLE IF NOT EXISTS source_words (
    source_id INTEGER PRIMARY KEY,
    codes BLOB NOT NULL,
    sentences BLOB NOT NULL
  );
  CREATE TABLE IF NOT EXISTS fingerprints (
    hash INTEGER NOT NULL,
    source_id INTEGER NOT NULL,
    PRIMARY KEY (hash, source_id)
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS recent_fingerprints (
    hash INTEGER NOT NULL,
    source_id INTEGER NOT NULL,
    PRIMARY KEY (hash, source_id)
  ) WITHOUT ROWID;
  -- block_key: the block's key mixed with its source's domain (see DomainKeys).
  CREATE TABLE IF NOT EXISTS blocks (
    block_key INTEGER NOT NULL,
    source_id INTEGER NOT NULL,
    PRIMARY KEY (block_key, source_id)
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS recent_blocks (
    block_key INTEGER NOT NULL,
    source_id INTEGER NOT NULL,
    PRIMARY KEY (block_key, source_id)
  ) WITHOUT ROWID;
`;

/**
 * The sources whose postings a bulk load holds in memory (`SqliteBulkWriter`), and the process holding them:
 * a source listed here has no rows in the fingerprint tables yet. Those of a process that is gone are
 * indexed again from the lists their rows keep (`SqliteSourceStore`).
 */
export const HELD_SOURCES_TABLE = `
  CREATE TABLE IF NOT EXISTS held_sources (
    source_id INTEGER PRIMARY KEY,
    writer_pid INTEGER NOT NULL
  );
`;

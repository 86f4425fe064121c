import Database from "better-sqlite3";
import { existsSync, statSync } from "node:fs";

/** How much disk a store takes, in total and per SQLite object (table or index). */
export interface DbSize {
  /** Main file + WAL + shared-memory file, after a TRUNCATE checkpoint. */
  fileBytes: number;
  walBytes: number;
  /** Bytes of each table and index by name (from the dbstat virtual table), or null when SQLite lacks it. */
  objects: Record<string, number> | null;
  /** Bytes of fingerprint lists stored as blobs in the `sources` table (a column of the index kept there). */
  fingerprintBlobBytes: number | null;
  /** Postings: rows of the fingerprint tables, if there are any. */
  fingerprintRows: number | null;
}

function size(file: string): number {
  return existsSync(file) ? statSync(file).size : 0;
}

/** Bytes of a database on disk as it stands: main file, WAL and shared-memory file. */
export function dbFileBytes(file: string): number {
  return size(file) + size(`${file}-wal`) + size(`${file}-shm`);
}

/** The tables holding postings: the large one and the recent one merged into it (see SqliteSourceStore). */
const POSTING_TABLES = ["fingerprints", "recent_fingerprints"];

/** Checkpoints the WAL through a connection of our own and measures the file and its objects. */
export function measureDb(file: string): DbSize {
  const db = new Database(file);
  try {
    db.pragma("wal_checkpoint(TRUNCATE)");
    const walBytes = size(`${file}-wal`);
    const fileBytes = dbFileBytes(file);
    let objects: Record<string, number> | null = null;
    try {
      const rows = db.prepare("SELECT name, SUM(pgsize) AS bytes FROM dbstat GROUP BY name").all() as Array<{ name: string; bytes: number }>;
      objects = Object.fromEntries(rows.map((r) => [r.name, r.bytes]));
    } catch {
      objects = null;
    }
    const columns = (db.prepare("PRAGMA table_info(sources)").all() as Array<{ name: string }>).map((c) => c.name);
    const fingerprintBlobBytes = columns.includes("fingerprints")
      ? ((db.prepare("SELECT SUM(length(fingerprints)) FROM sources").pluck().get() as number | null) ?? 0)
      : null;
    const tables = POSTING_TABLES.filter((name) => db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined);
    const fingerprintRows =
      tables.length === 0 ? null : tables.reduce((n, name) => n + (db.prepare(`SELECT count(*) FROM ${name}`).pluck().get() as number), 0);
    return { fileBytes, walBytes, objects, fingerprintBlobBytes, fingerprintRows };
  } finally {
    db.close();
  }
}

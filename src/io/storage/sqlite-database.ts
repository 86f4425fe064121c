import Database from "better-sqlite3";
import { createPrivateFile } from "../store/private-file.ts";
import { BUSY_TIMEOUT_MS } from "../store/sqlite-busy.ts";
import { migrateSqlite } from "./sqlite-migrations.ts";

/**
 * Opens (creating when needed) a CopyQuota database file with the settings every store relies on, its schema
 * migrated to this build's (see `migrateSqlite`: a file of a newer schema is refused, and closed).
 */
export function openDatabase(file: string): Database.Database {
  if (file !== ":memory:" && file !== "") createPrivateFile(file);
  const db = new Database(file, { timeout: BUSY_TIMEOUT_MS });
  try {
    // 16 KB pages (a new file's; an existing one keeps its own): a commit writes each page its group dirtied
    // with a write(2) of its own, ~70 µs a source at 4 KB and ~22 µs at 16 KB when loading 20k sources, and
    // checks ran as fast. Larger pages made the random-key block-count updates slower than that gains.
    db.pragma("page_size = 16384");
    db.pragma("journal_mode = WAL");
    // NORMAL is durable across application crashes in WAL mode; only an OS crash can lose the last commit.
    db.pragma("synchronous = NORMAL");
    db.pragma("foreign_keys = ON");
    // 64 MB of page cache: fingerprint inserts and lookups hit random pages of a large B-tree, and the
    // 2 MB default makes a 100k-source index read from disk on most of them.
    db.pragma("cache_size = -65536");
    // Each grouped write is a savepoint, and a savepoint copies every page it touches to a statement journal
    // first. On disk that was a write(2) per page, half of indexing's time in SQLite; in memory it is a memcpy.
    db.pragma("temp_store = MEMORY");
    migrateSqlite(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

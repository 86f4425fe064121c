import type Database from "better-sqlite3";

/** What a file's schema holds, for migrations that adopt the layouts of files older than numbered migrations. */
export function hasTable(db: Database.Database, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

export function columnsOf(db: Database.Database, table: string): Set<string> {
  return new Set(db.prepare("SELECT name FROM pragma_table_info(?)").pluck().all(table) as string[]);
}

import type Database from "better-sqlite3";
import { INDEX_FORMAT, IndexFormatError } from "../store/index-format.ts";
import { hasTable } from "./sqlite-catalog.ts";

/**
 * Refuses a file whose sources were indexed in another format, naming the file and the way out, rather
 * than answering every check with "no reuse". A file without a `meta` table was written in format 1.
 */
export function refuseOtherIndexFormat(db: Database.Database): void {
  if (!hasTable(db, "sources")) return;
  const format = hasTable(db, "meta") ? Number((db.prepare("SELECT value FROM meta WHERE key = 'index_format'").pluck().get() as string | undefined) ?? 1) : 1;
  if (format !== INDEX_FORMAT) {
    throw new IndexFormatError(
      `${db.name}: its sources were indexed in format ${format}, and this version of CopyQuota reads format ${INDEX_FORMAT}. ` +
        "Add the archive again into a new database file (this one is left unchanged).",
    );
  }
}

import { existsSync, statSync } from "node:fs";
import path from "node:path";
import type { CliContext } from "./context.ts";
import { UsageError } from "./context.ts";
import { redactPostgresUrl } from "../io/store/postgres-url.ts";

/** The database as messages name it: the SQLite file's absolute path, or the PostgreSQL URL without its password. */
export function databaseName(context: CliContext): string {
  const url = context.postgresUrl();
  return url === null ? context.database() : redactPostgresUrl(url);
}

/**
 * For a command that only reads (`check`, `sources list|show|remove`, `cases`, `watch list|remove`, `monitor`):
 * the SQLite file must exist.
 * Opening a missing one would create an empty database, and a check against it would answer "no reuse" for
 * every page: a false all clear for a mistyped `--db`. A PostgreSQL database is the server's to create, and
 * its tables are made on first use; it has nothing to check here.
 */
export function requireDatabase(context: CliContext): void {
  if (context.postgresUrl() !== null) return;
  const file = context.database();
  if (existsSync(file) && statSync(file).isFile()) return;
  if (existsSync(file)) throw new UsageError(`${file} is a directory, not a database file`);
  const named = context.defaultDatabase() ? " (the default: give --db FILE or set COPYQUOTA_DB)" : "";
  throw new UsageError(`no database at ${file}${named} (create one with \`copyquota sources add …\`)`);
}

/**
 * SQLite refusing to open `file` (not a database, or not readable) as a usage error naming the file; any other
 * error as it is.
 */
export function asDatabaseFileError(error: unknown, file: string): unknown {
  const code = error instanceof Error && error.name === "SqliteError" && "code" in error ? error.code : null;
  if (code !== "SQLITE_NOTADB" && code !== "SQLITE_CANTOPEN") return error;
  return new UsageError(`${file}: cannot be opened as a CopyQuota database (SQLite: ${(error as Error).message})`, { cause: error });
}

/**
 * For `sources add`, which creates the file when it is missing: its directory must be there. SQLite would
 * otherwise fail with a message that names no path.
 */
export function requireCreatableDatabase(context: CliContext): void {
  if (context.postgresUrl() !== null) return;
  const file = context.database();
  if (existsSync(file)) {
    if (statSync(file).isDirectory()) throw new UsageError(`${file} is a directory, not a database file`);
    return;
  }
  const directory = path.dirname(file);
  if (!existsSync(directory) || !statSync(directory).isDirectory()) {
    throw new UsageError(`cannot create the database ${file}: there is no directory ${directory}`);
  }
}

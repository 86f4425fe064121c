import type { Storage } from "./storage.ts";
import type { SourceStore } from "../store/source-store.ts";
import { openDatabase } from "./sqlite-database.ts";
import { SqliteSourceStore } from "../store/sqlite-source-store.ts";
import { isPostgresUrl } from "../store/postgres-url.ts";
import { openSqliteStorage } from "./sqlite-storage.ts";

/**
 * The database `database` names: a PostgreSQL database for a `postgres://` URL, else a SQLite file (created
 * when missing). PostgreSQL's driver and repositories are loaded only when one is named, so that commands on
 * a SQLite file start without them.
 */
export async function openStorage(database: string, options: { now?: () => number } = {}): Promise<Storage> {
  if (!isPostgresUrl(database)) return openSqliteStorage(database, options);
  const { openPostgresStorage } = await import("./postgres-storage.ts");
  return openPostgresStorage(database, options);
}

/**
 * Only the sources of `database`, for a thread that reads the index and writes nothing: no migrations (the
 * process that started it opened the whole `Storage` first), no other repository.
 */
export async function openSourceStore(database: string): Promise<SourceStore> {
  if (!isPostgresUrl(database)) return new SqliteSourceStore(openDatabase(database));
  const [{ openPostgresPool }, { PostgresSourceStore }] = await Promise.all([import("../store/postgres-connection.ts"), import("../store/postgres-source-store.ts")]);
  return new PostgresSourceStore(await openPostgresPool(database));
}

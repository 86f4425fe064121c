import type { CliContext } from "./context.ts";
import type { Storage } from "../io/storage/storage.ts";
import { UsageError } from "./context.ts";
import { busyMessage, isDatabaseBusy } from "../io/store/sqlite-busy.ts";
import { NewerSchemaError } from "../io/storage/schema-version.ts";
import { IndexFormatError } from "../io/store/index-format.ts";
import { PostgresConnectError } from "../io/store/postgres-connect-error.ts";
import { openStorage } from "../io/storage/open-storage.ts";
import { asDatabaseFileError } from "./database-file.ts";

/**
 * A database that cannot be used as the user named it, as a usage error (one line, exit 2): a SQLite file kept
 * locked by another process or not a database; a PostgreSQL database that cannot be reached or refuses the
 * login; either of a newer schema or indexed in another format. Their messages name the database (password
 * hidden). Any other error as it is.
 */
export function asCliDatabaseError(error: unknown, context: CliContext): unknown {
  if (error instanceof UsageError) return error;
  if (isDatabaseBusy(error)) return new UsageError(busyMessage(context.database()), { cause: error });
  if (error instanceof NewerSchemaError || error instanceof IndexFormatError || error instanceof PostgresConnectError) return new UsageError(error.message, { cause: error });
  return context.postgresUrl() === null ? asDatabaseFileError(error, context.database()) : error;
}

/** `open` run on the database named by the global options, its failure a usage error when the database is to blame. */
export async function openForCli<T>(context: CliContext, open: (database: string) => Promise<T>): Promise<T> {
  try {
    return await open(context.database());
  } catch (error) {
    throw asCliDatabaseError(error, context);
  }
}

/** The database named by the global options, for the duration of `work`, always closed after. */
export async function withStorage<T>(context: CliContext, work: (storage: Storage) => Promise<T>): Promise<T> {
  const storage = await openForCli(context, (database) => openStorage(database));
  try {
    return await work(storage);
  } catch (error) {
    throw asCliDatabaseError(error, context);
  } finally {
    await storage.close();
  }
}

import type { Engine } from "../engine/engine.ts";
import type { SourceStore } from "../io/store/source-store.ts";
import type { SourceBulkWriter } from "../io/store/source-bulk-writer.ts";
import type { CliContext } from "./context.ts";
import { SqliteSourceStore } from "../io/store/sqlite-source-store.ts";
import { openStorage } from "../io/storage/open-storage.ts";
import { asCliDatabaseError, openForCli, withStorage } from "./open-storage.ts";

/**
 * Opens the database named by the global options — a SQLite file, or a PostgreSQL database given as a URL — for
 * the duration of `work`, and always closes it. A SQLite file another process kept locked past the busy timeout
 * is a usage error saying so.
 */
export async function withSourceStore<T>(context: CliContext, work: (store: SourceStore) => Promise<T>): Promise<T> {
  try {
    const store = await openSourceStore(context);
    try {
      return await work(store);
    } finally {
      await store.close();
    }
  } catch (error) {
    throw asCliDatabaseError(error, context);
  }
}

/**
 * `withSourceStore` with an engine over the store. The engine's code (stemmers, link attribution) is loaded
 * here, when a command indexes or checks, so that commands which only read the store start without it.
 */
export async function withEngine<T>(context: CliContext, work: (engine: Engine, store: SourceStore) => Promise<T>): Promise<T> {
  const { createEngine } = await import("../engine/create-engine.ts");
  return withSourceStore(context, (store) => work(createEngine(store), store));
}

/**
 * `withEngine` for commands that write many sources in a row: the engine, and a bulk writer of the database's
 * sources, closed (its last group written) before the database.
 */
export async function withBulkWriter<T>(context: CliContext, work: (engine: Engine, writer: SourceBulkWriter) => Promise<T>): Promise<T> {
  const { createEngine } = await import("../engine/create-engine.ts");
  return withStorage(context, async (storage) => {
    const writer = storage.bulkWriter();
    try {
      return await work(createEngine(storage.sources), writer);
    } finally {
      await writer.close();
    }
  });
}

async function openSourceStore(context: CliContext): Promise<SourceStore> {
  if (context.postgresUrl() !== null) return (await openForCli(context, (database) => openStorage(database))).sources;
  return SqliteSourceStore.open(context.database());
}

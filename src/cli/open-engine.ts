import type { Engine } from "../engine/engine.ts";
import type { SourceStore } from "../io/store/source-store.ts";
import type { CliContext } from "./context.ts";
import { SqliteSourceStore } from "../io/store/sqlite-source-store.ts";
import { createEngine } from "../engine/create-engine.ts";

/**
 * Opens the database named by the global options for the duration of `work`, and always closes it.
 * `bulk` groups commits, for commands that write many sources in a row.
 */
export async function withEngine<T>(context: CliContext, work: (engine: Engine, store: SourceStore) => Promise<T>, options: { bulk?: boolean } = {}): Promise<T> {
  const store = SqliteSourceStore.open(context.dbFile());
  if (options.bulk) store.groupCommits();
  try {
    return await work(createEngine(store), store);
  } finally {
    await store.close();
  }
}

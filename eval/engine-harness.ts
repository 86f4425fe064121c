import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { SqliteSourceStore } from "../src/io/store/sqlite-source-store.ts";

/**
 * A source store in a fresh SQLite file under the system's temp directory: the evaluation indexes real
 * text the same way production does (real file, WAL, fingerprint table), and leaves nothing behind.
 */
export interface TempStore {
  store: SqliteSourceStore;
  file: string;
  /** Closes the store and deletes its directory. */
  dispose(): Promise<void>;
}

export function openTempStore(name: string): TempStore {
  const dir = mkdtempSync(path.join(os.tmpdir(), `copyquota-eval-${name}-`));
  const file = path.join(dir, "sources.db");
  const store = SqliteSourceStore.open(file);
  return {
    store,
    file,
    async dispose() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

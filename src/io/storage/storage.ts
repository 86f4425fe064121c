import type { SourceStore } from "../store/source-store.ts";
import type { BulkWriterOptions, SourceBulkWriter } from "../store/source-bulk-writer.ts";
import type { Repositories, TransactionRepositories } from "./repositories.ts";

/**
 * One database: its connection (SQLite) or pool (PostgreSQL), its schema, brought to this build's version when
 * opened, and its repositories. Reads and single writes go through the repositories directly; work that must
 * commit as one goes through `transaction`, whose repositories are bound to it.
 */
export interface Storage extends Repositories {
  /** What messages call the database: its file, or its URL with the password hidden. */
  readonly name: string;
  readonly sources: SourceStore;
  /** A writer for loading many sources in a row into `sources` (`copyquota sources add`); close it before the storage. */
  bulkWriter(options?: BulkWriterOptions): SourceBulkWriter;
  /** Runs `work` in one transaction: everything it writes through `tx` commits together or not at all. */
  transaction<T>(work: (tx: TransactionRepositories) => Promise<T>): Promise<T>;
  /**
   * Runs `work` while holding a lock every process on this database respects, named `name`: for once-only
   * work several processes may start together (the first start's admin key and demo content).
   */
  exclusively<T>(name: string, work: () => Promise<T>): Promise<T>;
  /** Resolves when the database answers. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

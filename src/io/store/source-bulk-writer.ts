import type { SourceStore } from "./source-store.ts";

/** Sources one bulk writer's transaction holds at most (tests make it small, to cross transactions). */
export interface BulkWriterOptions {
  group?: number;
}

/**
 * Loading many sources in a row (`copyquota sources add` of an archive), from `Storage.bulkWriter`: what
 * indexing a source reads and writes, as `SourceStore` has it, with sources written many to a transaction and
 * their index rows in key order. What a writer knows of the stored rows (which block keys any row holds, which
 * URLs are stored) spares it most look-ups, and is true while it is the only writer of its database's sources:
 * one loader at a time, as an archive is loaded.
 *
 * A source it accepted is seen by its own reads (`getSource`, `blockCounts`, `sourcesWithBlock`) at once, and by
 * the storage's once its transaction commits: at the latest on `close`.
 */
export interface SourceBulkWriter extends Pick<SourceStore, "putSource" | "getSource" | "sourcesWithBlock"> {
  /**
   * As `SourceStore.blockCounts`, except that counting may stop at `atMost`, giving `atMost` for any larger
   * count: a block held by that many recurs anyway, and a domain's notice, on every page, is then counted once
   * rather than at every page. A `SourceStore`, which counts exactly, answers the same question.
   */
  blockCounts(domain: string, blockKeys: readonly string[], exceptUrl: string, atMost: number): Promise<Map<string, number>>;
  /** Writes what waits and ends the writer; the storage it came from stays open. */
  close(): Promise<void>;
}

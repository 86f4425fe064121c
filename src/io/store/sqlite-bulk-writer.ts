import type Database from "better-sqlite3";
import type { NewSource, SourceIndexEntry, StoredSource } from "./source-store.ts";
import type { BulkWriterOptions, SourceBulkWriter } from "./source-bulk-writer.ts";
import type { SqliteSourceStore } from "./sqlite-source-store.ts";
import { blockKeyToInt } from "./domain-keys.ts";
import { PendingBlockRows } from "./pending-block-rows.ts";
import { HeldPostings } from "./held-postings.ts";
import { BlockKeyFilter } from "./block-key-filter.ts";
import { WalCheckpointer } from "./wal-checkpointer.ts";

/**
 * Bulk loading into SQLite, on a store's connection (the store's class comment says how its tables are laid
 * out). Writes share one transaction, committed every `group` writes (GROUP_WRITES) or GROUP_MS after the first,
 * and on close; each write is still its own savepoint, so a failing source rolls back alone. A commit per source
 * costs more than indexing it; the open transaction holds the write lock for up to GROUP_MS, and nothing else
 * should write on the connection meanwhile.
 *
 * A source's ~10 block rows wait for the group's commit and go in together: written with the source, each
 * touched a page of the recent table, copied to the savepoint's journal first. Block counts add the pending ones;
 * a look-up of a block's sources, and a replacement, whose old rows are deleted from the tables, write them out
 * first.
 *
 * A source's ~70 postings are held in memory (`HeldPostings`) until the held ones are as many as the store's
 * recent table takes, then inserted into the large table in key order, in the group's transaction (`merge`),
 * and on close. Through the recent table, each posting was inserted twice, in a B-tree rewritten at every
 * commit, and the re-indexing of sources whose blocks became recurrent deleted each of theirs from both tables:
 * a million sources indexed at 1,893 /s (0.382× tokenize-only), against 2,094 and 2,240 /s (0.430× and 0.441×)
 * held (docs/BENCHMARKS.md, "1,000,000 sources in SQLite"). Meanwhile the sources are stored and counted but not
 * found by checks, for at most the ~27,000 sources between merges; `held_sources` lists them, so that a load
 * killed midway has them indexed when the file is next opened (`SqliteSourceStore`).
 *
 * Block-count look-ups skip the keys no row holds, nearly all of a new source's, and those already held by
 * enough rows, the domain's recurring lines (`currentBlockKnowledge`).
 *
 * Checkpoints run in a thread of their own (`WalCheckpointer`), asked for after each commit, once the load has
 * outlasted its first group. Done by the writer, each one (copying ~64 MB of WAL into the file and two fsyncs,
 * or the whole fingerprint table after a merge) stopped indexing while it ran; with them in a thread, 300,000
 * sources indexed at 0.40× the rate of tokenizing them alone, against 0.36× (medians of two alternating runs,
 * docs/BENCHMARKS.md, "1,000,000 sources in SQLite"). The writer waits for them only to start the WAL over,
 * once it holds RESTART_BYTES, so that it does not grow without end.
 */
export class SqliteBulkWriter implements SourceBulkWriter {
  private readonly db: Database.Database;
  private readonly stmts;
  private readonly group: number;
  private readonly pageSize: number;
  private readonly restartBytes: number;
  /** The file a checkpointer thread can open: null for a database in memory or not in WAL mode, or once one failed. */
  private walFile: string | null;
  private writes = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly pending = new PendingBlockRows();
  private readonly held = new HeldPostings();
  /** What this writer knows of the stored block rows, as of `data_version` `version`. */
  private knowledge: StoredBlockKnowledge | null = null;
  /** The connection's checkpoint interval, in pages, given back on close. */
  private readonly autocheckpoint: number;
  /** Checkpoints in a thread, from the first commit on (see the class comment); null until then or once failed. */
  private checkpointer: WalCheckpointer | null = null;

  constructor(
    private readonly store: SqliteSourceStore,
    options: BulkWriterOptions & { restartBytes?: number } = {},
  ) {
    this.db = store.db;
    this.group = options.group ?? GROUP_WRITES;
    this.restartBytes = options.restartBytes ?? RESTART_BYTES;
    this.stmts = {
      insertPostings: rowsStatement(this.db, "INSERT OR IGNORE INTO fingerprints (hash, source_id) VALUES", 2),
      insertBlockRows: rowsStatement(this.db, "INSERT OR IGNORE INTO recent_blocks (block_key, source_id) VALUES", 2),
      storedBlockKeys: this.db.prepare("SELECT block_key FROM blocks UNION ALL SELECT block_key FROM recent_blocks").pluck().safeIntegers(),
      countStoredBlocks: this.db.prepare("SELECT (SELECT count(*) FROM blocks) + (SELECT count(*) FROM recent_blocks)").pluck(),
      dataVersion: this.db.prepare("PRAGMA data_version").pluck(),
    };
    // Until its first commit hands them to a thread, the connection makes the checkpoints (`checkpointBySelf`).
    this.autocheckpoint = this.db.pragma("wal_autocheckpoint", { simple: true }) as number;
    this.pageSize = this.db.pragma("page_size", { simple: true }) as number;
    this.walFile = !this.db.memory && this.db.pragma("journal_mode", { simple: true }) === "wal" ? this.db.name : null;
    this.checkpointBySelf();
  }

  async putSource(source: NewSource, index: SourceIndexEntry): Promise<{ source: StoredSource; replaced: boolean }> {
    if (!this.pending.empty && (await this.store.getSource(source.url)) !== null) this.flush();
    if (!this.db.inTransaction) {
      this.db.exec("BEGIN IMMEDIATE");
      this.timer = setTimeout(() => this.commit(), GROUP_MS);
      this.timer.unref();
    }
    const written = this.store.writeSource(source, index, { indexRows: false });
    if (written.replacedId !== null) {
      // The replaced source's blocks lost a holder: a count known past recurrence may no longer be.
      this.knowledge?.atLeast.clear();
      this.held.drop(written.replacedId);
    }
    // Pending and held only once the source's savepoint is released: one rolled back leaves no rows behind.
    if (!this.held.fits(written.source.id)) this.merge();
    this.held.add(written.source.id, written.postings);
    this.pending.add(written.source.id, written.blockRows);
    for (const key of written.blockRows) this.knowledge?.filter.add(key);
    if (++this.writes >= this.group) this.commit();
    return { source: written.source, replaced: written.replacedId !== null };
  }

  getSource(idOrUrl: number | string): Promise<StoredSource | null> {
    return this.store.getSource(idOrUrl);
  }

  async blockCounts(domain: string, blockKeys: readonly string[], exceptUrl: string, atMost: number): Promise<Map<string, number>> {
    const ints = blockKeys.map(blockKeyToInt);
    const keys = this.store.domainKeys.of(domain, ints);
    const own = this.store.ownBlockKeys(domain, exceptUrl);
    // One more than `atMost`, for `exceptUrl`'s own row.
    const limit = atMost + 1;
    const known = this.currentBlockKnowledge();
    const stored = new Map<bigint, number>();
    const asked: bigint[] = [];
    for (const key of keys) {
      if (!known.filter.mayHold(key)) stored.set(key, 0);
      else if ((known.atLeast.get(key) ?? 0) >= limit) stored.set(key, limit);
      else asked.push(key);
    }
    this.store.countBlockRows(asked, limit).forEach((n, i) => {
      stored.set(asked[i]!, n);
      if (n >= limit) known.atLeast.set(asked[i]!, limit);
    });
    return new Map(
      blockKeys.map((key, i) => {
        const others = stored.get(keys[i]!)! + this.pending.added(keys[i]!) - (own.has(ints[i]!) ? 1 : 0);
        return [key, Math.min(others, atMost)];
      }),
    );
  }

  async sourcesWithBlock(domain: string, blockKey: string): Promise<string[]> {
    this.flush();
    return this.store.sourcesWithBlock(domain, blockKey);
  }

  async close(): Promise<void> {
    this.commit({ last: true });
    await this.checkpointer?.close();
    this.checkpointer = null;
    if (this.db.open) this.db.pragma(`wal_autocheckpoint = ${this.autocheckpoint}`);
  }

  /** Writes the group's pending block rows, all or none. */
  private flush(): void {
    if (this.pending.empty) return;
    const rows = this.pending.take();
    this.db.transaction(() => this.stmts.insertBlockRows(rows.length, (i, values) => values.push(rows[i]!.key, rows[i]!.sourceId)))();
  }

  /**
   * Inserts the held postings into the large table, in key order, and has the store merge its recent tables, in
   * the group's open transaction: not in a savepoint, for the reason `postingsMerged` gives.
   */
  private merge(): void {
    if (this.held.empty) return;
    const postings = this.held.sorted();
    this.stmts.insertPostings(postings.length, (i, values) => values.push(postings.hash(i), postings.sourceId(i)));
    this.store.postingsMerged(this.held.sourceIds());
    this.held.clear();
  }

  /**
   * Commits the group, merging the held postings once they are enough; on close (`last`), merges them all and
   * leaves the checkpoint to the connection.
   */
  private commit({ last }: { last: boolean } = { last: false }): void {
    clearTimeout(this.timer);
    this.writes = 0;
    if (!this.db.open) return;
    if (!this.db.inTransaction) {
      // Outside a group, only the last commit has anything to write: the held postings.
      if (!last || this.held.empty) return;
      this.db.exec("BEGIN IMMEDIATE");
    }
    this.flush();
    if (last || this.held.size >= this.store.recentLimit) this.merge();
    this.db.exec("COMMIT");
    if (!last) this.checkpointInThread();
  }

  /**
   * The connection checkpoints as it commits, once per BULK_CHECKPOINT_BYTES of WAL rather than after every
   * group, so that a page several groups dirtied is copied once. The pragma counts pages.
   */
  private checkpointBySelf(): void {
    this.db.pragma(`wal_autocheckpoint = ${Math.round(BULK_CHECKPOINT_BYTES / this.pageSize)}`);
  }

  /** Hands the checkpoint of the commit just made to the checkpointer, started on the first (class comment). */
  private checkpointInThread(): void {
    if (this.walFile === null) return;
    if (this.checkpointer === null) {
      this.checkpointer = new WalCheckpointer(this.walFile);
      this.db.pragma("wal_autocheckpoint = 0");
    }
    if (this.checkpointer.failed) {
      void this.checkpointer.close();
      this.checkpointer = null;
      this.walFile = null;
      this.checkpointBySelf();
      return;
    }
    // Caught up, the WAL is started over by the next transaction.
    if (this.checkpointer.frames * this.pageSize >= this.restartBytes) this.checkpointer.catchUp();
    else this.checkpointer.request();
  }

  /**
   * What makes skipping look-ups safe: the filter takes every key this writer writes, and the lower bounds are
   * forgotten when it replaces a source; both are rebuilt when another connection has written, and the filter
   * when it outgrew its size. Building it reads every stored key, which a bulk load's first thousand sources
   * repay.
   */
  private currentBlockKnowledge(): StoredBlockKnowledge {
    const version = this.stmts.dataVersion.get() as number;
    const known = this.knowledge;
    if (known !== null && version === known.version && !known.filter.full) return known;
    // Sized from a count and filled from an iterator: at a million sources, the keys as an array of BigInts
    // would take a few hundred MB for a moment.
    const pending = this.pending.blockKeys();
    const filter = new BlockKeyFilter(Math.max(MIN_FILTER_KEYS, 2 * ((this.stmts.countStoredBlocks.get() as number) + pending.length)));
    for (const key of this.stmts.storedBlockKeys.iterate() as IterableIterator<bigint>) filter.add(key);
    for (const key of pending) filter.add(key);
    this.knowledge = { filter, atLeast: version === known?.version ? known.atLeast : new Map(), version };
    return this.knowledge;
  }
}

/** See `SqliteBulkWriter.currentBlockKnowledge`. */
interface StoredBlockKnowledge {
  /** Every key a stored or pending block row has. */
  filter: BlockKeyFilter;
  /** Keys known to be held by at least so many stored rows. */
  atLeast: Map<bigint, number>;
  /** The file's `data_version` when this was true. */
  version: number;
}

/** Writes per grouped commit: enough to amortize the commit, few enough to keep each transaction small. */
const GROUP_WRITES = 2000;
/** Longest a grouped write waits for its commit, so readers in other processes see it within a second. */
const GROUP_MS = 1000;

/** WAL written between checkpoints when the writer checkpoints by itself (`checkpointBySelf`). */
const BULK_CHECKPOINT_BYTES = 64 * 2 ** 20;

/**
 * WAL past which the writer waits for the checkpointer to catch up, so that its next transaction starts the WAL
 * over: its file grows to about this much plus a group's commit, or a merge's.
 */
const RESTART_BYTES = 1024 * 2 ** 20;

/** The smallest block-key filter: rebuilt each time it doubles, it would otherwise be rebuilt often while small. */
const MIN_FILTER_KEYS = 65_536;

/** Rows one statement inserts when a group's are written: a statement a row cost more than the inserting. */
const ROWS_PER_STATEMENT = 64;

/** Appends row `i`'s values to `values`. */
type RowValues = (i: number, values: unknown[]) => void;

/**
 * Inserts rows `columns` wide with `sql` (an INSERT ending in VALUES): ROWS_PER_STATEMENT at a time, then one by
 * one. Returns a function of the row count and the rows' values giving the rows changed.
 */
function rowsStatement(db: Database.Database, sql: string, columns: number): (count: number, row: RowValues) => number {
  const placeholders = `(${Array(columns).fill("?").join(", ")})`;
  const many = db.prepare(`${sql} ${Array(ROWS_PER_STATEMENT).fill(placeholders).join(", ")}`);
  const one = db.prepare(`${sql} ${placeholders}`);
  return (count, row) => {
    let changed = 0;
    let i = 0;
    const values: unknown[] = [];
    for (; i + ROWS_PER_STATEMENT <= count; i += ROWS_PER_STATEMENT) {
      values.length = 0;
      for (let j = i; j < i + ROWS_PER_STATEMENT; j++) row(j, values);
      changed += many.run(values).changes;
    }
    for (; i < count; i++) {
      values.length = 0;
      row(i, values);
      changed += one.run(values).changes;
    }
    return changed;
  };
}

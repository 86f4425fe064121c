import type Database from "better-sqlite3";
import type { WordSequence } from "../../core/types.ts";
import type { CandidateSource, NewSource, SourceIndexEntry, SourceStore, StoredSource } from "./source-store.ts";
import { storedTexts } from "./text-layout.ts";
import { sourceFromColumns, type SourceColumns } from "./source-row.ts";
import { decodeWords, encodeWords } from "./word-blob.ts";
import { ownBuffer } from "./blob.ts";
import { PendingIndexRows, type IndexRows } from "./pending-index-rows.ts";
import { BlockKeyFilter } from "./block-key-filter.ts";
import { DomainKeys } from "./domain-keys.ts";
import { openDatabase } from "../storage/sqlite-database.ts";

/**
 * Sources and their fingerprint index in one SQLite file (WAL, so readers never wait for a writer).
 * Fingerprints are (hash, source) rows in WITHOUT ROWID tables keyed by hash: a lookup is one B-tree
 * descent and the table is its own index. Each source also keeps its fingerprint list as a blob so it
 * can be removed without a second index on source id, and its words, so a check aligns against it
 * without tokenizing it again.
 *
 * Postings are written to a small table, `recent_fingerprints`, and moved into `fingerprints` in hash
 * order once it holds `recentLimit` of them (a two-level LSM tree). A source's ~60 postings land on random
 * pages of the B-tree they go to, and a commit writes every page its group dirtied: into the large table,
 * at 100k sources, that was nearly the whole table at every commit (130 KB written per source, and
 * indexing slowed as the index grew). The small table stays in the page cache, and a merge, in hash
 * order, writes each page of the large one once. Lookups read both tables.
 *
 * Blocks are kept the same way, `recent_blocks` merged into `blocks` with the postings, each row under its
 * key mixed with the domain's (`DomainKeys`), so that a block's sources in a domain are one key's rows and
 * are counted there, up to the few that make it recurrent. A table of per-domain counts, updated for every
 * block of every source, was one more random-key B-tree a commit rewrote: at 100k sources, counts and
 * blocks were half of the ~50 KB written per source, and that share grew with the index.
 */
export class SqliteSourceStore implements SourceStore {
  readonly db: Database.Database;
  private readonly stmts;
  private grouping = false;
  private groupedWrites = 0;
  private groupTimer: NodeJS.Timeout | undefined;
  /** A group's postings and blocks, written when it commits (see `groupCommits`). */
  private readonly pending = new PendingIndexRows();
  private readonly domainKeys = new DomainKeys();
  /** Grouped only: what this store knows of the block rows stored, as of `data_version` `version`. */
  private storedBlocks: StoredBlockKnowledge | null = null;

  /** Postings in `recent_fingerprints` now, and how many it takes to merge them (see the class comment). */
  private recentPostings: number;
  private readonly recentLimit: number;

  constructor(db: Database.Database, options: { recentLimit?: number } = {}) {
    this.db = db;
    this.recentLimit = options.recentLimit ?? RECENT_POSTINGS_LIMIT;
    this.stmts = {
      byUrl: db.prepare("SELECT * FROM sources WHERE url = ?"),
      byId: db.prepare("SELECT * FROM sources WHERE id = ?"),
      // One statement for all of a check's candidate sources: a statement per source cost more than the reads.
      wordsByIds: db.prepare("SELECT source_id, codes, sentences FROM source_words WHERE source_id IN (SELECT value FROM json_each(?))"),
      insert: db.prepare(`INSERT INTO sources (url, title, published, reference, domain, text, layout, protected_text, boilerplate, fingerprints, block_keys, added_at)
        VALUES (@url, @title, @published, @reference, @domain, @text, @layout, @protected_text, @boilerplate, @fingerprints, @block_keys, @added_at)`),
      insertWords: db.prepare("INSERT INTO source_words (source_id, codes, sentences) VALUES (?, ?, ?)"),
      delete: db.prepare("DELETE FROM sources WHERE id = ?"),
      deleteWords: db.prepare("DELETE FROM source_words WHERE source_id = ?"),
      // Writes, like reads, take a source's whole list in one statement (a JSON array) rather than a row each.
      insertFps: db.prepare("INSERT OR IGNORE INTO recent_fingerprints (hash, source_id) SELECT value, ? FROM json_each(?)"),
      insertPostings: rowsStatement(db, "INSERT OR IGNORE INTO recent_fingerprints (hash, source_id) VALUES", 2),
      insertBlockRows: rowsStatement(db, "INSERT OR IGNORE INTO recent_blocks (block_key, source_id) VALUES", 2),
      deleteFp: db.prepare("DELETE FROM fingerprints WHERE hash = ? AND source_id = ?"),
      deleteRecentFp: db.prepare("DELETE FROM recent_fingerprints WHERE hash = ? AND source_id = ?"),
      countRecent: db.prepare("SELECT count(*) FROM recent_fingerprints").pluck(),
      mergeRecent: db.prepare("INSERT OR IGNORE INTO fingerprints (hash, source_id) SELECT hash, source_id FROM recent_fingerprints ORDER BY hash, source_id"),
      clearRecent: db.prepare("DELETE FROM recent_fingerprints"),
      mergeRecentBlocks: db.prepare("INSERT OR IGNORE INTO blocks (block_key, source_id) SELECT block_key, source_id FROM recent_blocks ORDER BY block_key, source_id"),
      clearRecentBlocks: db.prepare("DELETE FROM recent_blocks"),
      // Each hash's postings, at most `LIMIT` of them, for all of a candidate's hashes in one statement: a
      // statement per hash cost ten times as much, in calls from JavaScript rather than in B-tree descents.
      postings: db
        .prepare(`SELECT (SELECT group_concat(source_id) FROM (SELECT source_id FROM fingerprints WHERE hash = j.value
          UNION ALL SELECT source_id FROM recent_fingerprints WHERE hash = j.value LIMIT ?)) FROM json_each(?) AS j`)
        .pluck(),
      count: db.prepare("SELECT count(*) FROM sources").pluck(),
      countSearch: db.prepare("SELECT count(*) FROM sources WHERE url LIKE @q OR title LIKE @q").pluck(),
      list: db.prepare("SELECT * FROM sources ORDER BY id LIMIT ? OFFSET ?"),
      search: db.prepare("SELECT * FROM sources WHERE url LIKE @q OR title LIKE @q ORDER BY id LIMIT @limit OFFSET @offset"),
      insertBlocks: db.prepare("INSERT OR IGNORE INTO recent_blocks (block_key, source_id) SELECT CAST(value AS INTEGER), ? FROM json_each(?)"),
      deleteBlock: db.prepare("DELETE FROM blocks WHERE block_key = ? AND source_id = ?"),
      deleteRecentBlock: db.prepare("DELETE FROM recent_blocks WHERE block_key = ? AND source_id = ?"),
      // Each key's rows in both tables, at most `LIMIT` from each (half the time of one limit over their UNION
      // ALL). Block keys travel as decimal strings: JSON numbers would lose their low bits past 2⁵³.
      countBlocks: db
        .prepare(`SELECT (SELECT count(*) FROM (SELECT 1 FROM blocks WHERE block_key = CAST(j.value AS INTEGER) LIMIT ?))
          + (SELECT count(*) FROM (SELECT 1 FROM recent_blocks WHERE block_key = CAST(j.value AS INTEGER) LIMIT ?)) FROM json_each(?) AS j`)
        .pluck(),
      blockKeysByUrl: db.prepare("SELECT domain, block_keys FROM sources WHERE url = ?"),
      storedBlockKeys: db.prepare("SELECT block_key FROM blocks UNION ALL SELECT block_key FROM recent_blocks").pluck().safeIntegers(),
      countStoredBlocks: db.prepare("SELECT (SELECT count(*) FROM blocks) + (SELECT count(*) FROM recent_blocks)").pluck(),
      dataVersion: db.prepare("PRAGMA data_version").pluck(),
      blockSources: db
        .prepare(`SELECT url FROM sources WHERE domain = @domain AND id IN
          (SELECT source_id FROM blocks WHERE block_key = @key UNION ALL SELECT source_id FROM recent_blocks WHERE block_key = @key) ORDER BY id`)
        .pluck(),
    };
    this.recentPostings = this.stmts.countRecent.get() as number;
  }

  static open(file: string, options: { recentLimit?: number } = {}): SqliteSourceStore {
    return new SqliteSourceStore(openDatabase(file), options);
  }

  async putSource(source: NewSource, index: SourceIndexEntry): Promise<{ source: StoredSource; replaced: boolean }> {
    // Postings are stored as signed 32-bit integers, which SQLite packs in 4 bytes (unsigned ones above 2³¹ take 6).
    const unique = Int32Array.from(new Set(index.fingerprints));
    const blocks = [...new Set(index.blockKeys)].map(blockKeyToInt);
    const domainBlocks = this.domainKeys.of(source.domain, blocks);
    const texts = storedTexts(source.text, source.protectedText, source.boilerplate);
    const words = encodeWords(index.words);
    // A replaced source's rows are deleted from the tables, so any still pending must be there first.
    if (!this.pending.empty && this.stmts.byUrl.get(source.url) !== undefined) this.flushPending();
    const tx = this.db.transaction(() => {
      const old = this.stmts.byUrl.get(source.url) as SourceRow | undefined;
      if (old) this.deleteRow(old);
      const addedAt = new Date().toISOString();
      const info = this.stmts.insert.run({
        url: source.url,
        title: source.title,
        published: source.published,
        reference: source.reference ? 1 : 0,
        domain: source.domain,
        text: source.text,
        layout: texts.layout,
        protected_text: texts.protectedText,
        boilerplate: texts.boilerplate,
        fingerprints: Buffer.from(unique.buffer),
        block_keys: Buffer.from(new BigInt64Array(blocks).buffer),
        added_at: addedAt,
      });
      const id = Number(info.lastInsertRowid);
      this.stmts.insertWords.run(id, words.codes, words.sentences);
      if (!this.grouping) {
        this.recentPostings += this.stmts.insertFps.run(id, JSON.stringify([...unique])).changes;
        this.stmts.insertBlocks.run(id, JSON.stringify(domainBlocks.map(String)));
      }
      return { source: { ...source, id, addedAt }, replaced: Boolean(old) };
    });
    // Deferred only once the source's savepoint is released: one rolled back leaves no rows behind.
    return this.write(tx, (put) => {
      if (!this.pending.fits(put.source.id)) this.flushPending();
      this.pending.add(put.source.id, unique, domainBlocks);
      for (const key of domainBlocks) this.storedBlocks?.filter.add(key);
    });
  }

  async removeSource(url: string): Promise<boolean> {
    this.flushPending();
    const tx = this.db.transaction(() => {
      const row = this.stmts.byUrl.get(url) as SourceRow | undefined;
      if (!row) return false;
      this.deleteRow(row);
      return true;
    });
    return this.write(tx);
  }

  /**
   * Group commits for bulk loading: writes share one transaction, committed every GROUP_WRITES writes or
   * GROUP_MS after the first, and on close. Each write is still its own savepoint, so a failing source rolls
   * back alone. A commit per source costs more than indexing it; grouping is for one writer (the CLI,
   * benchmarks), because the open transaction holds the write lock for up to GROUP_MS.
   *
   * A grouped source's postings and blocks wait for the commit and go in together, postings in key order.
   * Written with the source, its ~60 postings touched ~60 pages of the recent table, each copied to the
   * savepoint's journal first: ~170 µs of the writer's ~600 µs a source, against ~55 µs written together;
   * its ~10 blocks likewise. Only this store reads them before the commit: block counts add the pending
   * ones, and a check, a removal, a replacement or a look-up of a block's sources writes them out first.
   */
  groupCommits(): void {
    this.grouping = true;
    // A checkpoint copies the WAL's pages into the file; during a bulk load, once per 64 MB of WAL rather than
    // after every group, so that a page several groups dirtied is copied once. The pragma counts pages.
    const pageSize = this.db.pragma("page_size", { simple: true }) as number;
    this.db.pragma(`wal_autocheckpoint = ${Math.round(BULK_CHECKPOINT_BYTES / pageSize)}`);
  }

  /**
   * Runs a write, grouped or not; `deferred` is what a grouped one leaves until its group commits. Writes take
   * the write lock before their first read (IMMEDIATE): a transaction that read first and must then wait for
   * another process's writer fails at once with "database is locked" instead of waiting its turn.
   */
  private write<T>(tx: Database.Transaction<() => T>, deferred?: (result: T) => void): T {
    if (!this.grouping) {
      const result = tx.immediate();
      if (this.recentPostings >= this.recentLimit) this.db.transaction(() => this.mergeRecent())();
      return result;
    }
    if (!this.db.inTransaction) {
      this.db.exec("BEGIN IMMEDIATE");
      this.groupTimer = setTimeout(() => this.commitGroup(), GROUP_MS);
      this.groupTimer.unref();
    }
    const result = tx.immediate();
    deferred?.(result);
    if (++this.groupedWrites >= GROUP_WRITES) this.commitGroup();
    return result;
  }

  /** Writes the group's pending rows, all or none. */
  private flushPending(): void {
    if (this.pending.empty) return;
    const rows = this.pending.rows();
    this.recentPostings += this.db.transaction(() => this.insertRows(rows))();
    this.pending.clear();
  }

  /** Inserts a group's rows, returning how many postings were new. */
  private insertRows({ postings, blocks }: IndexRows): number {
    this.stmts.insertBlockRows(blocks.length, (i, values) => values.push(blocks[i]!.key, blocks[i]!.sourceId));
    return this.stmts.insertPostings(postings.hashes.length, (i, values) => values.push(postings.hashes[i]!, postings.sourceIds[i]!));
  }

  private commitGroup(): void {
    clearTimeout(this.groupTimer);
    this.groupedWrites = 0;
    if (!this.db.open || !this.db.inTransaction) return;
    this.flushPending();
    if (this.recentPostings >= this.recentLimit) this.mergeRecent();
    this.db.exec("COMMIT");
  }

  /** Moves the recent postings and blocks into the large tables, in key order (see the class comment). */
  private mergeRecent(): void {
    this.stmts.mergeRecent.run();
    this.stmts.clearRecent.run();
    this.stmts.mergeRecentBlocks.run();
    this.stmts.clearRecentBlocks.run();
    this.recentPostings = 0;
  }

  /** Deletes a source row with its fingerprint and block rows, found through the lists the row keeps. */
  private deleteRow(row: SourceRow): void {
    for (const h of new Int32Array(ownBuffer(row.fingerprints))) {
      this.stmts.deleteFp.run(h, row.id);
      this.recentPostings -= this.stmts.deleteRecentFp.run(h, row.id).changes;
    }
    this.storedBlocks?.atLeast.clear();
    for (const key of this.domainKeys.of(row.domain, [...new BigInt64Array(ownBuffer(row.block_keys))])) {
      this.stmts.deleteBlock.run(key, row.id);
      this.stmts.deleteRecentBlock.run(key, row.id);
    }
    this.stmts.deleteWords.run(row.id);
    this.stmts.delete.run(row.id);
  }

  async getSource(idOrUrl: number | string): Promise<StoredSource | null> {
    const row = (typeof idOrUrl === "number" ? this.stmts.byId.get(idOrUrl) : this.stmts.byUrl.get(idOrUrl)) as SourceRow | undefined;
    return row ? fromRow(row) : null;
  }

  async getSources(ids: readonly number[]): Promise<StoredSource[]> {
    return ids.map((id) => this.stmts.byId.get(id) as SourceRow | undefined).filter((r): r is SourceRow => Boolean(r)).map(fromRow);
  }

  async getWords(ids: readonly number[]): Promise<Map<number, WordSequence>> {
    const rows = this.stmts.wordsByIds.all(JSON.stringify(ids)) as Array<{ source_id: number; codes: Buffer; sentences: Buffer }>;
    return new Map(rows.map((row) => [row.source_id, decodeWords(row.codes, row.sentences)]));
  }

  async listSources(options: { limit: number; offset: number; query?: string }): Promise<StoredSource[]> {
    const rows = options.query
      ? this.stmts.search.all({ q: `%${options.query}%`, limit: options.limit, offset: options.offset })
      : this.stmts.list.all(options.limit, options.offset);
    return (rows as SourceRow[]).map(fromRow);
  }

  async countSources(query?: string): Promise<number> {
    return (query ? this.stmts.countSearch.get({ q: `%${query}%` }) : this.stmts.count.get()) as number;
  }

  async candidates(fingerprints: readonly number[], options: { maxDf: number; minShared: number; limit: number }): Promise<CandidateSource[]> {
    this.flushPending();
    const shared = new Map<number, number>();
    const hashes = [...new Set(fingerprints.map((h) => h | 0))];
    for (const list of this.stmts.postings.all(options.maxDf + 1, JSON.stringify(hashes)) as Array<string | null>) {
      if (list === null) continue;
      const ids = list.split(",");
      if (ids.length > options.maxDf) continue;
      for (const id of ids) shared.set(Number(id), (shared.get(Number(id)) ?? 0) + 1);
    }
    return [...shared]
      .filter(([, n]) => n >= options.minShared)
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, options.limit)
      .map(([sourceId, n]) => ({ sourceId, shared: n }));
  }

  async blockCounts(domain: string, blockKeys: readonly string[], exceptUrl: string, atMost = Infinity): Promise<Map<string, number>> {
    const row = this.stmts.blockKeysByUrl.get(exceptUrl) as Pick<SourceRow, "domain" | "block_keys"> | undefined;
    const own = new Set(row && row.domain === domain ? new BigInt64Array(ownBuffer(row.block_keys)) : []);
    const ints = blockKeys.map(blockKeyToInt);
    const keys = this.domainKeys.of(domain, ints);
    // One more than `atMost`, for `exceptUrl`'s own row; -1 is SQLite's "no limit".
    const limit = Number.isFinite(atMost) ? atMost + 1 : -1;
    const known = this.currentBlockKnowledge();
    const stored = new Map<bigint, number>();
    const asked: bigint[] = [];
    for (const key of keys) {
      if (known !== null && !known.filter.mayHold(key)) stored.set(key, 0);
      else if (known !== null && limit >= 0 && (known.atLeast.get(key) ?? 0) >= limit) stored.set(key, limit);
      else asked.push(key);
    }
    if (asked.length > 0) {
      const answers = this.stmts.countBlocks.all(limit, limit, JSON.stringify(asked.map(String))) as number[];
      asked.forEach((key, i) => {
        stored.set(key, answers[i]!);
        if (known !== null && limit >= 0 && answers[i]! >= limit) known.atLeast.set(key, limit);
      });
    }
    return new Map(
      blockKeys.map((key, i) => {
        const others = stored.get(keys[i]!)! + this.pending.added(keys[i]!) - (own.has(ints[i]!) ? 1 : 0);
        return [key, Math.min(others, atMost)];
      }),
    );
  }

  /**
   * Grouped (a bulk load), block-count look-ups skip the keys no row holds, nearly all of a new source's,
   * and those already held by enough rows, the domain's recurring lines. What makes that safe: the filter
   * takes every key this store writes, and the lower bounds are forgotten when it deletes block rows; both
   * are rebuilt when another connection has written, and the filter when it outgrew its size. Not grouped,
   * a source or two at a time, reading every stored key would cost more than it saves.
   */
  private currentBlockKnowledge(): StoredBlockKnowledge | null {
    if (!this.grouping) return null;
    const version = this.stmts.dataVersion.get() as number;
    const known = this.storedBlocks;
    if (known !== null && version === known.version && !known.filter.full) return known;
    // Sized from a count and filled from an iterator: at a million sources, the keys as an array of BigInts
    // would take a few hundred MB for a moment.
    const pending = this.pending.blockKeys();
    const filter = new BlockKeyFilter(Math.max(MIN_FILTER_KEYS, 2 * ((this.stmts.countStoredBlocks.get() as number) + pending.length)));
    for (const key of this.stmts.storedBlockKeys.iterate() as IterableIterator<bigint>) filter.add(key);
    for (const key of pending) filter.add(key);
    this.storedBlocks = { filter, atLeast: version === known?.version ? known.atLeast : new Map(), version };
    return this.storedBlocks;
  }

  async sourcesWithBlock(domain: string, blockKey: string): Promise<string[]> {
    this.flushPending();
    return this.stmts.blockSources.all({ key: this.domainKeys.of(domain, [blockKeyToInt(blockKey)])[0], domain }) as string[];
  }

  async close(): Promise<void> {
    this.commitGroup();
    this.db.close();
  }
}

/**
 * Postings `recent_fingerprints` holds before they are merged into `fingerprints`: about 16,000 sources'
 * worth. Its B-tree is then ~15 MB, well inside the 64 MB page cache, so inserting into it reads nothing
 * from disk; a merge writes the large table's pages once per 16,000 sources instead of once per group.
 */
const RECENT_POSTINGS_LIMIT = 1_000_000;

/** The smallest block-key filter: rebuilt each time it doubles, it would otherwise be rebuilt often while small. */
const MIN_FILTER_KEYS = 65_536;

/** Rows one statement inserts when a group's are written: a statement a row cost more than the inserting. */
const ROWS_PER_STATEMENT = 64;

/** Appends row `i`'s values to `values`. */
type RowValues = (i: number, values: unknown[]) => void;

/**
 * Inserts rows `columns` wide with `sql` (an INSERT ending in VALUES, then `suffix`): ROWS_PER_STATEMENT at
 * a time, then one by one. Returns a function of the row count and the rows' values giving the rows changed.
 */
function rowsStatement(db: Database.Database, sql: string, columns: number, suffix = ""): (count: number, row: RowValues) => number {
  const placeholders = `(${Array(columns).fill("?").join(", ")})`;
  const many = db.prepare(`${sql} ${Array(ROWS_PER_STATEMENT).fill(placeholders).join(", ")} ${suffix}`);
  const one = db.prepare(`${sql} ${placeholders} ${suffix}`);
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

/** WAL written between checkpoints during a bulk load (see `groupCommits`). */
const BULK_CHECKPOINT_BYTES = 64 * 2 ** 20;

/** Writes per grouped commit: enough to amortize the commit, few enough to keep each transaction small. */
const GROUP_WRITES = 2000;
/** Longest a grouped write waits for its commit, so readers in other processes see it within a second. */
const GROUP_MS = 1000;

/** See `SqliteSourceStore.currentBlockKnowledge`. */
interface StoredBlockKnowledge {
  /** Every key a stored or pending block row has. */
  filter: BlockKeyFilter;
  /** Keys known to be held by at least so many stored rows. */
  atLeast: Map<bigint, number>;
  /** The file's `data_version` when this was true. */
  version: number;
}

/** Block keys are 64-bit hashes written as 16 hex digits; stored as SQLite's signed 64-bit integers. */
function blockKeyToInt(key: string): bigint {
  return BigInt.asIntN(64, BigInt(`0x${key}`));
}

/** A `sources` row as SQLite gives it: booleans are integers there. */
interface SourceRow extends Omit<SourceColumns, "reference"> {
  reference: number;
  fingerprints: Buffer;
  block_keys: Buffer;
}

function fromRow(row: SourceRow): StoredSource {
  return sourceFromColumns({ ...row, reference: row.reference === 1 });
}

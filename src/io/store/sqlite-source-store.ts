import type Database from "better-sqlite3";
import type { WordSequence } from "../../core/types.ts";
import type { CandidateSource, NewSource, SourceIndexEntry, SourceStore, StoredSource } from "./source-store.ts";
import { storedTexts } from "./text-layout.ts";
import { sourceFromColumns, type SourceColumns } from "./source-row.ts";
import { decodeWords, encodeWords } from "./word-blob.ts";
import { ownBuffer } from "./blob.ts";
import { blockKeyToInt, DomainKeys } from "./domain-keys.ts";
import { openDatabase } from "../storage/sqlite-database.ts";
import { processIsGone } from "./process-is-gone.ts";

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
 *
 * Each write here is a transaction of its own. Loading an archive goes through `SqliteBulkWriter` instead, which
 * writes on this store's connection with the methods below the interface's: `writeSource`, `postingsMerged`,
 * `countBlockRows` and `ownBlockKeys`. It holds its sources' postings in memory and merges them into
 * `fingerprints` itself, listing the sources in `held_sources` meanwhile; those of a writer whose process is
 * gone (killed mid-load) are indexed again when the file is next opened (`indexHeldSourcesOfGoneWriters`).
 */
export class SqliteSourceStore implements SourceStore {
  readonly db: Database.Database;
  private readonly stmts;
  /** Block keys as the tables hold them; `SqliteBulkWriter` keys its rows through it too. */
  readonly domainKeys = new DomainKeys();

  /** Postings in `recent_fingerprints` now, and how many it takes to merge them (see the class comment). */
  private recentPostings: number;
  /** Postings the recent table holds before a merge; a bulk writer holds as many before merging its own. */
  readonly recentLimit: number;

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
      deleteFp: db.prepare("DELETE FROM fingerprints WHERE hash = ? AND source_id = ?"),
      deleteRecentFp: db.prepare("DELETE FROM recent_fingerprints WHERE hash = ? AND source_id = ?"),
      countRecent: db.prepare("SELECT count(*) FROM recent_fingerprints").pluck(),
      insertHeld: db.prepare("INSERT INTO held_sources (source_id, writer_pid) VALUES (?, ?)"),
      deleteHeld: db.prepare("DELETE FROM held_sources WHERE source_id = ?"),
      deleteHeldOf: db.prepare("DELETE FROM held_sources WHERE source_id IN (SELECT value FROM json_each(?))"),
      heldWriters: db.prepare("SELECT DISTINCT writer_pid FROM held_sources").pluck(),
      heldBy: db.prepare("SELECT s.id, s.fingerprints FROM held_sources h JOIN sources s ON s.id = h.source_id WHERE h.writer_pid = ?"),
      deleteHeldBy: db.prepare("DELETE FROM held_sources WHERE writer_pid = ?"),
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
      blockSources: db
        .prepare(`SELECT url FROM sources WHERE domain = @domain AND id IN
          (SELECT source_id FROM blocks WHERE block_key = @key UNION ALL SELECT source_id FROM recent_blocks WHERE block_key = @key) ORDER BY id`)
        .pluck(),
    };
    this.recentPostings = this.stmts.countRecent.get() as number;
    this.indexHeldSourcesOfGoneWriters();
  }

  static open(file: string, options: { recentLimit?: number } = {}): SqliteSourceStore {
    return new SqliteSourceStore(openDatabase(file), options);
  }

  async putSource(source: NewSource, index: SourceIndexEntry): Promise<{ source: StoredSource; replaced: boolean }> {
    const { source: stored, replacedId } = this.writeSource(source, index, { indexRows: true });
    this.mergeWhenFull();
    return { source: stored, replaced: replacedId !== null };
  }

  /**
   * Writes a source's row and words, replacing any source of its URL, in a transaction of its own: a savepoint
   * inside one already open (a bulk writer's group), else one that takes the write lock before its first read
   * (IMMEDIATE: a transaction that read first and must then wait for another process's writer fails at once
   * with "database is locked" instead of waiting its turn). With `indexRows`, its postings and block rows too;
   * without, the caller writes them (`SqliteBulkWriter`, with its group's), and the source is listed as held by
   * this process until `postingsMerged`.
   */
  writeSource(source: NewSource, index: SourceIndexEntry, { indexRows }: { indexRows: boolean }): WrittenSource {
    // Postings are stored as signed 32-bit integers, which SQLite packs in 4 bytes (unsigned ones above 2³¹ take 6).
    const postings = Int32Array.from(new Set(index.fingerprints));
    const blocks = [...new Set(index.blockKeys)].map(blockKeyToInt);
    const blockRows = this.domainKeys.of(source.domain, blocks);
    const texts = storedTexts(source.text, source.protectedText, source.boilerplate);
    const words = encodeWords(index.words);
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
        fingerprints: Buffer.from(postings.buffer),
        block_keys: Buffer.from(new BigInt64Array(blocks).buffer),
        added_at: addedAt,
      });
      const id = Number(info.lastInsertRowid);
      this.stmts.insertWords.run(id, words.codes, words.sentences);
      if (indexRows) {
        this.recentPostings += this.stmts.insertFps.run(id, JSON.stringify([...postings])).changes;
        this.stmts.insertBlocks.run(id, JSON.stringify(blockRows.map(String)));
      } else {
        this.stmts.insertHeld.run(id, process.pid);
      }
      return { source: { ...source, id, addedAt }, replacedId: old?.id ?? null };
    });
    return { ...tx.immediate(), postings, blockRows };
  }

  /**
   * Takes note that a bulk writer has put the postings of `sourceIds` into `fingerprints`, and merges the recent
   * tables with them, in the writer's open transaction: the group's commit is the merge's. Not in a savepoint of
   * its own: a savepoint copies every page the merge changes into its journal, which `temp_store = MEMORY` keeps
   * in memory, and the merge changes most pages of the large tables, so the bulk load's peak memory grew with the
   * index (docs/BENCHMARKS.md, "1,000,000 sources in SQLite").
   */
  postingsMerged(sourceIds: readonly number[]): void {
    this.stmts.deleteHeldOf.run(JSON.stringify(sourceIds));
    this.mergeRecent();
  }

  async removeSource(url: string): Promise<boolean> {
    const tx = this.db.transaction(() => {
      const row = this.stmts.byUrl.get(url) as SourceRow | undefined;
      if (!row) return false;
      this.deleteRow(row);
      return true;
    });
    return tx.immediate();
  }

  /** Moves the recent postings and blocks into the large tables, in a transaction, once they are enough. */
  private mergeWhenFull(): void {
    if (this.recentPostings >= this.recentLimit) this.db.transaction(() => this.mergeRecent())();
  }

  /** Moves the recent postings and blocks into the large tables, in key order (see the class comment). */
  private mergeRecent(): void {
    this.stmts.mergeRecent.run();
    this.stmts.clearRecent.run();
    this.stmts.mergeRecentBlocks.run();
    this.stmts.clearRecentBlocks.run();
    this.recentPostings = 0;
  }

  /**
   * Deletes a source row with its fingerprint and block rows, found through the lists the row keeps. A held
   * source has no fingerprint rows: the writer holding its postings drops them (`SqliteBulkWriter`).
   */
  private deleteRow(row: SourceRow): void {
    const held = this.stmts.deleteHeld.run(row.id).changes > 0;
    if (!held) {
      for (const h of new Int32Array(ownBuffer(row.fingerprints))) {
        this.stmts.deleteFp.run(h, row.id);
        this.recentPostings -= this.stmts.deleteRecentFp.run(h, row.id).changes;
      }
    }
    for (const key of this.domainKeys.of(row.domain, [...new BigInt64Array(ownBuffer(row.block_keys))])) {
      this.stmts.deleteBlock.run(key, row.id);
      this.stmts.deleteRecentBlock.run(key, row.id);
    }
    this.stmts.deleteWords.run(row.id);
    this.stmts.delete.run(row.id);
  }

  /**
   * Indexes the held sources of bulk writers whose process is gone from the lists their rows keep, so that a load
   * killed midway leaves no stored source unfindable. A live writer's are left to it: it merges them itself.
   */
  private indexHeldSourcesOfGoneWriters(): void {
    const gone = (this.stmts.heldWriters.all() as number[]).filter(processIsGone);
    if (gone.length === 0) return;
    this.db.transaction(() => {
      for (const pid of gone) {
        for (const row of this.stmts.heldBy.all(pid) as Array<Pick<SourceRow, "id" | "fingerprints">>) {
          const postings = [...new Int32Array(ownBuffer(row.fingerprints))];
          this.recentPostings += this.stmts.insertFps.run(row.id, JSON.stringify(postings)).changes;
        }
        this.stmts.deleteHeldBy.run(pid);
      }
    }).immediate();
    this.mergeWhenFull();
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

  async blockCounts(domain: string, blockKeys: readonly string[], exceptUrl: string): Promise<Map<string, number>> {
    const ints = blockKeys.map(blockKeyToInt);
    const own = this.ownBlockKeys(domain, exceptUrl);
    const counts = this.countBlockRows(this.domainKeys.of(domain, ints), NO_LIMIT);
    return new Map(blockKeys.map((key, i) => [key, counts[i]! - (own.has(ints[i]!) ? 1 : 0)]));
  }

  /**
   * The block rows holding each key (as the tables hold them: `domainKeys`), counted up to `limit` in each of the
   * two tables (`NO_LIMIT` for all), in one statement.
   */
  countBlockRows(keys: readonly bigint[], limit: number): number[] {
    if (keys.length === 0) return [];
    return this.stmts.countBlocks.all(limit, limit, JSON.stringify(keys.map(String))) as number[];
  }

  /** The block keys (`blockKeyToInt`) of the stored source at `url` if it is of `domain`: in its domain's counts. */
  ownBlockKeys(domain: string, url: string): Set<bigint> {
    const row = this.stmts.blockKeysByUrl.get(url) as Pick<SourceRow, "domain" | "block_keys"> | undefined;
    return new Set(row && row.domain === domain ? new BigInt64Array(ownBuffer(row.block_keys)) : []);
  }

  async sourcesWithBlock(domain: string, blockKey: string): Promise<string[]> {
    return this.stmts.blockSources.all({ key: this.domainKeys.of(domain, [blockKeyToInt(blockKey)])[0], domain }) as string[];
  }

  async close(): Promise<void> {
    this.db.close();
  }
}

/** A source `writeSource` wrote, with its index rows as the tables key them. */
export interface WrittenSource {
  source: StoredSource;
  /** The id of the source of its URL it replaced, or null for a new URL. */
  replacedId: number | null;
  /** Its distinct fingerprints, as stored (signed). */
  postings: Int32Array;
  /** Its distinct block keys, its domain mixed in (`DomainKeys`). */
  blockRows: bigint[];
}

/** SQLite's LIMIT for "no limit". */
const NO_LIMIT = -1;

/**
 * Postings `recent_fingerprints` holds before they are merged into `fingerprints`: about 27,000 sources'
 * worth. Its B-tree is then ~30 MB, inside the 64 MB page cache, so inserting into it reads nothing from
 * disk; a merge writes the large table's pages once per 27,000 sources instead of once per group. A merge
 * rewrites nearly every page of the large table however many postings it brings, so fewer, larger merges
 * write less: at 1,000,000 sources, twice the earlier 1,000,000 postings wrote 98 KB a source against 132 KB,
 * and indexed 1,710 sources/s against 1,554 (docs/BENCHMARKS.md, "1,000,000 sources in SQLite"). A bulk writer
 * holds as many in memory for the same reason: ~8 MB, and 16 MB more for a moment to sort them.
 */
const RECENT_POSTINGS_LIMIT = 2_000_000;

/** A `sources` row as SQLite gives it: booleans are integers there. */
interface SourceRow extends Omit<SourceColumns, "reference"> {
  reference: number;
  fingerprints: Buffer;
  block_keys: Buffer;
}

function fromRow(row: SourceRow): StoredSource {
  return sourceFromColumns({ ...row, reference: row.reference === 1 });
}

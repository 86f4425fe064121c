import { createHash } from "node:crypto";
import type { Pool, PoolClient } from "pg";
import type { NewSource, SourceIndexEntry, StoredSource } from "./source-store.ts";
import type { BulkWriterOptions, SourceBulkWriter } from "./source-bulk-writer.ts";
import { inTransaction } from "./postgres-connection.ts";
import { PostgresSourceStore } from "./postgres-source-store.ts";
import { blockKeyToInt } from "./domain-keys.ts";
import { storableText } from "../storage/postgres-text.ts";
import { storedTexts } from "./text-layout.ts";
import { BlockKeyFilter } from "./block-key-filter.ts";
import { encodeWords } from "./word-blob.ts";

/**
 * Sources written per transaction. A source written alone costs a transaction of several round trips (lock, look
 * up, insert, commit; and a count update when this was measured, before block counts were counted from rows):
 * 61 sources/s on this 2-core machine under a load of 14 (1,000 sources, scratch). A batch travels as arrays in
 * four statements whatever its size; 500 sources are ~2 MB of text per statement, and a failed batch is at most
 * the last few seconds of a load.
 */
const BATCH_SOURCES = 500;

/**
 * Keys the filters are first sized for: 16M (domain, block) keys (32 MB of filter) are about the blocks of a
 * 1.5M-source archive, and 2M URLs (4 MB); a filter that fills up is rebuilt twice as large from the tables,
 * which at a million sources reads ten million block rows.
 */
const MIN_BLOCK_KEYS = 2 ** 24;
const MIN_URLS = 2 ** 21;
/** Rows read a statement when the filters are built from the tables. */
const SCAN_ROWS = 50_000;
/** The ends of int8, the block keys' column type: the key scan starts at one and stops at the other. */
const INT8_MIN = -(2n ** 63n);
const INT8_MAX = 2n ** 63n - 1n;

/**
 * What the writer knows of the stored rows without asking, true as long as no other process writes sources.
 * Other processes' inserts are noticed (the identity sequence moved past this writer's ids) and the knowledge
 * rebuilt; their removals are not (see the class comment).
 */
interface StoredKnowledge {
  /** Every stored or waiting block row's key (see `DomainKeys`), and a few false "maybe"s. */
  blocks: BlockKeyFilter;
  /** Every stored or waiting URL's hash (`urlKey`), likewise. */
  urls: BlockKeyFilter;
  /** Lower bounds of stored rows by key, for the keys found held by more than `atMost` sources. */
  atLeast: Map<bigint, number>;
}

/** A source accepted and given its id, waiting for its batch's transaction. */
interface PendingSource {
  source: StoredSource;
  fingerprints: number[];
  /** Distinct block keys (`blockKeyToInt`). */
  blockKeys: bigint[];
  /** The same keys as the block rows key them (`DomainKeys`). */
  blockRows: bigint[];
  words: { codes: Buffer; sentences: Buffer };
}

/**
 * Bulk loading of new sources into PostgreSQL, on the storage's pool: the same tables and rows as `PostgresSourceStore` writes, but
 * `BATCH_SOURCES` sources to a transaction, their rows sent as arrays (`unnest`), postings in key order. COPY
 * would save parsing the statements, but needs a driver add-on (pg-copy-streams) the product does not have.
 *
 * A new source is accepted at once with an id reserved from the table's identity sequence, and written with
 * its batch; block counts add what the batch holds, so the engine sees its own recurring blocks. Block rows are
 * keyed and counted as the store keys and counts them (`PostgresSourceStore.countBlockRows`), counting stopped
 * at `atMost`. A source whose URL is stored, or waiting, is replaced as `PostgresSourceStore` replaces it, after
 * the batch is written; reads write the batch first.
 *
 * Two look-ups a source (is its URL stored? how many of its domain's sources hold each of its blocks?) would
 * cost two round trips, which on a loaded machine are the whole time: 94 sources/s, against 61 unbatched
 * (5,000 sources, load 17 on 2 cores, scratch). As `SqliteBulkWriter` does, the writer keeps
 * Bloom filters of the stored URLs and block rows' keys, and the counts it found already past recurrence:
 * a new source's URL and paragraphs are in neither, its notice is known recurring, and it costs no statement.
 *
 * For one loader at a time, as `sources add` of an archive is. Inserts by another process are noticed when
 * this writer next reserves ids, and what it knows is read again from the tables; a source another process
 * removes meanwhile may still count toward a block's recurrence here. A batch holding a URL another process
 * added meanwhile fails as a whole on the URL's uniqueness, and what it held is not stored; the writer stores
 * nothing more, every later call failing with that error.
 *
 * No ANALYZE follows a load: a check's statements look rows up by key, and their plans were the same with
 * and without the tables' statistics when looked at with EXPLAIN after a load of the bench's sources. What
 * made them faster was VACUUM, whose visibility map lets index-only scans skip the heap, and autovacuum runs
 * it after inserts. Statistics without it turned a block count into a scan of all a recurring block's rows,
 * which this writer counts about once (`atLeast`).
 */
export class PostgresBulkWriter implements SourceBulkWriter {
  private readonly store: PostgresSourceStore;
  private pending: PendingSource[] = [];
  private readonly pendingUrls = new Set<string>();
  /** Sources waiting per block row key. */
  private readonly pendingBlocks = new Map<bigint, number>();
  /** Ids reserved from the sequence and not yet given, and the last id this writer knows the sequence gave. */
  private ids: number[] = [];
  private lastId = 0;
  private knowledge: StoredKnowledge | null = null;
  /** The error a batch failed with: the writer then writes nothing more (see `flush`). */
  private failure: { error: unknown } | null = null;

  private readonly batch: number;

  /** The writer on `pool`, whose schema `migratePostgres` has brought up to date; `close` writes the last batch and leaves the pool open. */
  constructor(
    private readonly pool: Pool,
    options: BulkWriterOptions = {},
  ) {
    this.store = new PostgresSourceStore(pool);
    this.batch = options.group ?? BATCH_SOURCES;
  }

  async putSource(source: NewSource, index: SourceIndexEntry): Promise<{ source: StoredSource; replaced: boolean }> {
    this.refuseIfFailed();
    const known = await this.known();
    const blockKeys = [...new Set(index.blockKeys.map(blockKeyToInt))];
    const blockRows = this.store.domainKeys.of(source.domain, blockKeys);
    const url = urlKey(source.url);
    if (this.pendingUrls.has(source.url) || (known.urls.mayHold(url) && (await this.isStored(source.url)))) {
      await this.flush();
      const put = await this.store.putSource(source, index);
      this.noteIds(put.source.id, put.source.id);
      // The replaced source's blocks lost a holder: a count known past recurrence may no longer be.
      this.knowledge?.atLeast.clear();
      this.remember(url, blockRows);
      return put;
    }
    const stored: StoredSource = { ...source, id: await this.nextId(), addedAt: new Date().toISOString() };
    this.pending.push({ source: stored, fingerprints: [...new Set(index.fingerprints.map((h) => h | 0))], blockKeys, blockRows, words: encodeWords(index.words) });
    this.pendingUrls.add(source.url);
    for (const key of blockRows) this.pendingBlocks.set(key, (this.pendingBlocks.get(key) ?? 0) + 1);
    this.remember(url, blockRows);
    if (this.pending.length >= this.batch) await this.flush();
    return { source: stored, replaced: false };
  }

  /**
   * Asks the database only about the keys the filter may hold and not known past `atMost`: a new source's
   * paragraphs are in no other source, and its domain's recurring lines were counted once.
   */
  async blockCounts(domain: string, blockKeys: readonly string[], exceptUrl: string, atMost: number): Promise<Map<string, number>> {
    // A waiting source is not in the stored counts, so `exceptUrl` must be stored before its own blocks can be discounted.
    if (this.pendingUrls.has(exceptUrl)) await this.flush();
    const known = await this.known();
    const keys = this.store.domainKeys.of(domain, blockKeys.map(blockKeyToInt));
    // One row more than `atMost`, for `exceptUrl`'s own.
    const limit = atMost + 1;
    const stored = new Map<string, number>();
    const asked = blockKeys.filter((key, i) => {
      // At least `limit` rows: at least atMost others than `exceptUrl`, whatever it holds.
      if ((known.atLeast.get(keys[i]!) ?? 0) >= limit) stored.set(key, atMost);
      else if (!known.blocks.mayHold(keys[i]!)) stored.set(key, 0);
      else return true;
      return false;
    });
    (await this.store.countBlockRows(domain, asked, exceptUrl, limit)).forEach((n, i) => {
      stored.set(asked[i]!, n);
      // `limit` others were counted only if `exceptUrl` holds none of the rows: as many rows at least.
      if (n >= limit) known.atLeast.set(keys[blockKeys.indexOf(asked[i]!)]!, n);
    });
    return new Map(blockKeys.map((key, i) => [key, Math.min(atMost, stored.get(key)! + (this.pendingBlocks.get(keys[i]!) ?? 0))]));
  }

  /**
   * Writes the waiting sources, all or none. A batch that failed is not tried again, by a later call or on close:
   * each fails with the batch's error, which a second attempt's error (a refused connection after a lost one)
   * would hide from whoever closes the writer in a `finally`.
   */
  private async flush(): Promise<void> {
    this.refuseIfFailed();
    if (this.pending.length === 0) return;
    const batch = this.pending;
    try {
      await inTransaction(this.pool, (client) => writeBatch(client, batch));
    } catch (error) {
      this.failure = { error };
      throw error;
    }
    this.pending = [];
    this.pendingUrls.clear();
    this.pendingBlocks.clear();
  }

  async getSource(idOrUrl: number | string): Promise<StoredSource | null> {
    await this.flush();
    return this.store.getSource(idOrUrl);
  }

  async sourcesWithBlock(domain: string, blockKey: string): Promise<string[]> {
    await this.flush();
    return this.store.sourcesWithBlock(domain, blockKey);
  }

  async close(): Promise<void> {
    await this.flush();
  }

  private refuseIfFailed(): void {
    if (this.failure !== null) throw this.failure.error;
  }

  private async isStored(url: string): Promise<boolean> {
    const { rowCount } = await this.pool.query("SELECT 1 FROM sources WHERE url = $1", [url]);
    return (rowCount ?? 0) > 0;
  }

  private remember(url: bigint, blockKeys: readonly bigint[]): void {
    this.knowledge?.urls.add(url);
    for (const key of blockKeys) this.knowledge?.blocks.add(key);
  }

  /** An id from the identity sequence, reserved a batch at a time; ids left unused on close are gaps, as a rolled-back insert leaves. */
  private async nextId(): Promise<number> {
    if (this.ids.length === 0) {
      const { rows } = await this.pool.query<{ id: number }>("SELECT nextval(pg_get_serial_sequence('sources', 'id'))::int4 AS id FROM generate_series(1, $1::int4)", [this.batch]);
      this.ids = rows.map((row) => row.id).reverse();
      this.noteIds(this.ids.at(-1)!, this.ids[0]!);
    }
    return this.ids.pop()!;
  }

  /** Ids `first`..`last` came from the sequence for this writer: a gap before them is another process's insert. */
  private noteIds(first: number, last: number): void {
    if (first !== this.lastId + 1) this.knowledge = null;
    this.lastId = Math.max(this.lastId, last);
  }

  /** What this writer knows of the stored rows, read from the tables when it knows nothing or a filter is full. */
  private async known(): Promise<StoredKnowledge> {
    const known = this.knowledge;
    if (known !== null && !known.blocks.full && !known.urls.full) return known;
    await this.flush();
    const { rows } = await this.pool.query<{ blocks: number; urls: number; last: number | null }>(
      `SELECT (SELECT count(*) FROM blocks)::int4 AS blocks, (SELECT count(*) FROM sources)::int4 AS urls,
        pg_sequence_last_value(pg_get_serial_sequence('sources', 'id')::regclass)::int4 AS last`,
    );
    const counts = rows[0]!;
    const rebuilt: StoredKnowledge = {
      blocks: new BlockKeyFilter(Math.max(MIN_BLOCK_KEYS, 2 * counts.blocks, 2 * (known?.blocks.capacity ?? 0))),
      urls: new BlockKeyFilter(Math.max(MIN_URLS, 2 * counts.urls, 2 * (known?.urls.capacity ?? 0))),
      atLeast: new Map(),
    };
    // Each key once, however many rows hold it: the filter's capacity counts what is added.
    for (let from = INT8_MIN, page: bigint[]; ; from = page.at(-1)! + 1n) {
      const { rows } = await this.pool.query<{ block_key: string }>("SELECT DISTINCT block_key FROM blocks WHERE block_key >= $1::int8 ORDER BY block_key LIMIT $2", [from, SCAN_ROWS]);
      page = rows.map((row) => BigInt(row.block_key));
      for (const key of page) rebuilt.blocks.add(key);
      if (page.length < SCAN_ROWS || page.at(-1) === INT8_MAX) break;
    }
    for (let after = 0, page: Array<{ id: number; url: string }>; ; after = page.at(-1)!.id) {
      ({ rows: page } = await this.pool.query<{ id: number; url: string }>("SELECT id, url FROM sources WHERE id > $1 ORDER BY id LIMIT $2", [after, SCAN_ROWS]));
      for (const row of page) rebuilt.urls.add(urlKey(row.url));
      if (page.length < SCAN_ROWS) break;
    }
    this.lastId = Math.max(this.lastId, counts.last ?? 0);
    this.knowledge = rebuilt;
    return rebuilt;
  }
}

/** A URL as a 64-bit key for the URL filter. */
function urlKey(url: string): bigint {
  return createHash("sha1").update(url).digest().readBigInt64BE(0);
}

/** Inserts a batch's sources, words, postings (in key order) and block rows. */
async function writeBatch(client: PoolClient, batch: readonly PendingSource[]): Promise<void> {
  const column = <T>(value: (p: PendingSource) => T): T[] => batch.map(value);
  const texts = batch.map(({ source }) => storedTexts(source.text, source.protectedText, source.boilerplate));
  await client.query(
    `INSERT INTO sources (id, url, title, published, reference, domain, text, layout, protected_text, boilerplate, fingerprints, block_keys, added_at)
      SELECT id, url, title, published, reference, domain, text, layout, protected_text, boilerplate, fingerprints::int4[], block_keys::int8[], added_at
      FROM unnest($1::int4[], $2::text[], $3::text[], $4::text[], $5::bool[], $6::text[], $7::text[], $8::bytea[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[])
        AS r(id, url, title, published, reference, domain, text, layout, protected_text, boilerplate, fingerprints, block_keys, added_at)`,
    [
      column((p) => p.source.id),
      column((p) => p.source.url),
      column((p) => storableText(p.source.title)),
      column((p) => p.source.published),
      column((p) => p.source.reference),
      column((p) => p.source.domain),
      column((p) => storableText(p.source.text)),
      texts.map((t) => t.layout),
      texts.map((t) => (t.protectedText === null ? null : storableText(t.protectedText))),
      texts.map((t) => t.boilerplate),
      column((p) => `{${p.fingerprints.join(",")}}`),
      column((p) => `{${p.blockKeys.join(",")}}`),
      column((p) => p.source.addedAt),
    ],
  );
  await client.query("INSERT INTO source_words (source_id, codes, sentences) SELECT * FROM unnest($1::int4[], $2::bytea[], $3::bytea[])", [
    column((p) => p.source.id),
    column((p) => p.words.codes),
    column((p) => p.words.sentences),
  ]);
  const postings = batch.flatMap((p) => p.fingerprints.map((hash) => [hash, p.source.id] as const)).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  await client.query("INSERT INTO fingerprints (hash, source_id) SELECT * FROM unnest($1::int4[], $2::int4[])", [postings.map((p) => p[0]), postings.map((p) => p[1])]);
  const blocks = batch.flatMap((p) => p.blockRows.map((key) => [key, p.source.id] as const));
  await client.query("INSERT INTO blocks (block_key, source_id) SELECT * FROM unnest($1::int8[], $2::int4[])", [blocks.map((b) => b[0]), blocks.map((b) => b[1])]);
}

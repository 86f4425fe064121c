import type { Pool, PoolClient } from "pg";
import type { WordSequence } from "../../core/types.ts";
import type { CandidateSource, NewSource, SourceIndexEntry, SourceStore, StoredSource } from "./source-store.ts";
import { inTransaction, openPostgresPool } from "./postgres-connection.ts";
import { redactPostgresUrl } from "./postgres-url.ts";
import { migratePostgres } from "../storage/postgres-migrations.ts";
import { blockKeyToInt, changeBlockCounts, PostgresSourceStore, storable } from "./postgres-source-store.ts";
import { storedTexts } from "./text-layout.ts";
import { encodeWords } from "./word-blob.ts";

/**
 * Sources written per transaction. A source written alone costs a transaction of five round trips (lock, look
 * up, insert, counts, commit): 61 sources/s on this 2-core machine under a load of 14 (1,000 sources, scratch).
 * A batch travels as arrays in five statements whatever its size; 500 sources are ~2 MB of text per
 * statement, and a failed batch is at most the last few seconds of a load.
 */
const BATCH_SOURCES = 500;

/** A source accepted and given its id, waiting for its batch's transaction. */
interface PendingSource {
  source: StoredSource;
  fingerprints: number[];
  /** Distinct block keys as decimal int8. */
  blockKeys: string[];
  words: { codes: Buffer; sentences: Buffer };
}

/**
 * Bulk loading of new sources into PostgreSQL: the same tables and rows as `PostgresSourceStore` writes, but
 * `BATCH_SOURCES` sources to a transaction, their rows sent as arrays (`unnest`), postings in key order. COPY
 * would save parsing the statements, but needs a driver add-on (pg-copy-streams) the product does not have.
 *
 * A new source is accepted at once with an id reserved from the table's identity sequence, and written with
 * its batch; block counts add what the batch holds, so the engine sees its own recurring blocks. A source
 * whose URL is stored, or waiting, is replaced as `PostgresSourceStore` replaces it, after the batch is
 * written; reads and removals write the batch first. For one loader at a time: a batch holding a URL another
 * process adds meanwhile fails as a whole on the URL's uniqueness, and what it held is not stored.
 */
export class PostgresBulkWriter implements SourceStore {
  private readonly store: PostgresSourceStore;
  private pending: PendingSource[] = [];
  private readonly pendingUrls = new Set<string>();
  /** Sources waiting per domain and block key (`domain\nkey`, key as decimal int8). */
  private readonly pendingBlocks = new Map<string, number>();
  /** Ids reserved from the sequence and not yet given. */
  private ids: number[] = [];

  private readonly batch: number;

  /**
   * The writer on `pool`, whose schema `migratePostgres` has brought up to date; `close` writes the last batch
   * and ends the pool. `batch`: sources a transaction (tests make it small to cross batches).
   */
  constructor(
    private readonly pool: Pool,
    options: { batch?: number } = {},
  ) {
    this.store = new PostgresSourceStore(pool);
    this.batch = options.batch ?? BATCH_SOURCES;
  }

  /**
   * A writer on a pool of its own to the database at `url`, its schema brought up to date first.
   * @throws naming the database (password hidden) when it cannot be reached or is of a newer version.
   */
  static async open(url: string, options: { batch?: number } = {}): Promise<PostgresBulkWriter> {
    const pool = await openPostgresPool(url);
    try {
      await migratePostgres(pool, redactPostgresUrl(url));
    } catch (error) {
      await pool.end();
      throw error;
    }
    return new PostgresBulkWriter(pool, options);
  }

  async putSource(source: NewSource, index: SourceIndexEntry): Promise<{ source: StoredSource; replaced: boolean }> {
    if (this.pendingUrls.has(source.url) || (await this.isStored(source.url))) {
      await this.flush();
      return this.store.putSource(source, index);
    }
    const stored: StoredSource = { ...source, id: await this.nextId(), addedAt: new Date().toISOString() };
    const blockKeys = [...new Set(index.blockKeys.map(blockKeyToInt))];
    this.pending.push({ source: stored, fingerprints: [...new Set(index.fingerprints.map((h) => h | 0))], blockKeys, words: encodeWords(index.words) });
    this.pendingUrls.add(source.url);
    for (const key of blockKeys) this.pendingBlocks.set(`${source.domain}\n${key}`, (this.pendingBlocks.get(`${source.domain}\n${key}`) ?? 0) + 1);
    if (this.pending.length >= this.batch) await this.flush();
    return { source: stored, replaced: false };
  }

  async blockCounts(domain: string, blockKeys: readonly string[], exceptUrl: string): Promise<Map<string, number>> {
    // A waiting source is not in the stored counts, so `exceptUrl` must be stored before its own blocks can be discounted.
    if (this.pendingUrls.has(exceptUrl)) await this.flush();
    const stored = await this.store.blockCounts(domain, blockKeys, exceptUrl);
    return new Map([...stored].map(([key, n]) => [key, n + (this.pendingBlocks.get(`${domain}\n${blockKeyToInt(key)}`) ?? 0)]));
  }

  /** Writes the waiting sources, all or none. */
  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    await inTransaction(this.pool, (client) => writeBatch(client, batch));
    this.pending = [];
    this.pendingUrls.clear();
    this.pendingBlocks.clear();
  }

  async removeSource(url: string): Promise<boolean> {
    await this.flush();
    return this.store.removeSource(url);
  }

  async getSource(idOrUrl: number | string): Promise<StoredSource | null> {
    await this.flush();
    return this.store.getSource(idOrUrl);
  }

  async getSources(ids: readonly number[]): Promise<StoredSource[]> {
    await this.flush();
    return this.store.getSources(ids);
  }

  async getWords(ids: readonly number[]): Promise<Map<number, WordSequence>> {
    await this.flush();
    return this.store.getWords(ids);
  }

  async listSources(options: { limit: number; offset: number; query?: string }): Promise<StoredSource[]> {
    await this.flush();
    return this.store.listSources(options);
  }

  async countSources(query?: string): Promise<number> {
    await this.flush();
    return this.store.countSources(query);
  }

  async candidates(fingerprints: readonly number[], options: { maxDf: number; minShared: number; limit: number }): Promise<CandidateSource[]> {
    await this.flush();
    return this.store.candidates(fingerprints, options);
  }

  async sourcesWithBlock(domain: string, blockKey: string): Promise<string[]> {
    await this.flush();
    return this.store.sourcesWithBlock(domain, blockKey);
  }

  async close(): Promise<void> {
    try {
      await this.flush();
    } finally {
      await this.store.close();
    }
  }

  private async isStored(url: string): Promise<boolean> {
    const { rowCount } = await this.pool.query("SELECT 1 FROM sources WHERE url = $1", [url]);
    return (rowCount ?? 0) > 0;
  }

  /** An id from the identity sequence, reserved a batch at a time; ids left unused on close are gaps, as a rolled-back insert leaves. */
  private async nextId(): Promise<number> {
    if (this.ids.length === 0) {
      const { rows } = await this.pool.query<{ id: number }>("SELECT nextval(pg_get_serial_sequence('sources', 'id'))::int4 AS id FROM generate_series(1, $1::int4)", [this.batch]);
      this.ids = rows.map((row) => row.id).reverse();
    }
    return this.ids.pop()!;
  }
}

/** Inserts a batch's sources, words, postings (in key order), block rows and block counts. */
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
      column((p) => storable(p.source.title)),
      column((p) => p.source.published),
      column((p) => p.source.reference),
      column((p) => p.source.domain),
      column((p) => storable(p.source.text)),
      texts.map((t) => t.layout),
      texts.map((t) => (t.protectedText === null ? null : storable(t.protectedText))),
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
  const blocks = batch.flatMap((p) => p.blockKeys.map((key) => ({ domain: p.source.domain, key, sourceId: p.source.id })));
  await client.query("INSERT INTO blocks (block_key, source_id) SELECT * FROM unnest($1::int8[], $2::int4[])", [blocks.map((b) => b.key), blocks.map((b) => b.sourceId)]);
  const counts = new Map<string, { domain: string; key: string; delta: number }>();
  for (const { domain, key } of blocks) {
    const id = `${domain}\n${key}`;
    const count = counts.get(id) ?? { domain, key, delta: 0 };
    count.delta++;
    counts.set(id, count);
  }
  await changeBlockCounts(client, [...counts.values()]);
}

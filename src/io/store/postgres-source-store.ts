import type { Pool, PoolClient } from "pg";
import type { WordSequence } from "../../core/types.ts";
import type { CandidateSource, NewSource, SourceIndexEntry, SourceStore, StoredSource } from "./source-store.ts";
import { inTransaction } from "./postgres-connection.ts";
import { storableText } from "../storage/postgres-text.ts";
import { storedTexts } from "./text-layout.ts";
import { sourceFromColumns, type SourceColumns } from "./source-row.ts";
import { decodeWords, encodeWords } from "./word-blob.ts";
import { INDEX_FORMAT, IndexFormatError } from "./index-format.ts";
import { ReadAhead } from "./read-ahead.ts";
import { blockKeyToInt, DomainKeys } from "./domain-keys.ts";

/**
 * Sources and their fingerprint index in a PostgreSQL database, for several processes on several machines
 * sharing one archive. Same tables and semantics as the SQLite store: postings are (hash, source) rows with the
 * pair as primary key, so a lookup is one B-tree descent; each source row keeps its fingerprint and block lists,
 * so removing it needs no second index on source id; its words sit apart in `source_words`, read by every check.
 * Block rows are keyed by the block's key mixed with its domain's (`DomainKeys`), so a block's count in a domain
 * is the number of its key's rows, counted where it is asked for; there is no count table to update.
 *
 * Each write is one transaction. Writers of the same URL are serialized by an advisory lock on it (two workers
 * adding one page must not both insert it); writers of different URLs share no row, a domain's recurring
 * blocks included.
 *
 * A check asks for candidates, then for their words, then for the rows of those that align (create-engine.ts):
 * each a round trip, which on a busy machine costs more than the statement. `candidates` reads in the same
 * statement the words of every candidate and the rows of those likely to align, and `getWords` and
 * `getSources` answer from these (`ReadAhead`) before asking the database for the rest. The statements a check
 * runs are prepared by name, once per connection, so the server parses and plans them once.
 */
export class PostgresSourceStore implements SourceStore {
  private readonly wordsAhead = new ReadAhead<WordSequence>(WORDS_READ_AHEAD);
  private readonly sourcesAhead = new ReadAhead<StoredSource>(SOURCES_READ_AHEAD);
  /** Block keys as the tables hold them; `PostgresBulkWriter` keys its rows through it too. */
  readonly domainKeys = new DomainKeys();

  /** The store on `pool`, whose schema `migratePostgres` has brought up to date; `close` ends the pool. */
  constructor(private readonly pool: Pool) {}

  async putSource(source: NewSource, index: SourceIndexEntry): Promise<{ source: StoredSource; replaced: boolean }> {
    // Postings are signed 32-bit integers (int4); the engine's hashes are unsigned and reinterpreted here.
    const fingerprints = [...new Set(index.fingerprints.map((h) => h | 0))];
    const blocks = [...new Set(index.blockKeys.map(blockKeyToInt))];
    const blockRows = this.domainKeys.of(source.domain, blocks);
    const texts = storedTexts(source.text, source.protectedText, source.boilerplate);
    const words = encodeWords(index.words);
    return inTransaction(this.pool, async (client) => {
      await lockUrl(client, source.url);
      const old = await rowByUrl(client, source.url);
      if (old) await this.deleteRow(client, old);
      const addedAt = new Date().toISOString();
      // One statement, one round trip: the row, its words, its postings and its block rows.
      const inserted = await client.query<{ id: number }>(
        `WITH s AS (
            INSERT INTO sources (url, title, published, reference, domain, text, layout, protected_text, boilerplate, fingerprints, block_keys, added_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::int4[], $11::int8[], $12) RETURNING id
          ),
          w AS (INSERT INTO source_words (source_id, codes, sentences) SELECT id, $13, $14 FROM s),
          f AS (INSERT INTO fingerprints (hash, source_id) SELECT h, s.id FROM s, unnest($10::int4[]) AS h),
          b AS (INSERT INTO blocks (block_key, source_id) SELECT k, s.id FROM s, unnest($15::int8[]) AS k)
        SELECT id FROM s`,
        [
          source.url,
          storableText(source.title),
          source.published,
          source.reference,
          source.domain,
          storableText(source.text),
          texts.layout,
          texts.protectedText === null ? null : storableText(texts.protectedText),
          texts.boilerplate,
          fingerprints,
          blocks,
          addedAt,
          words.codes,
          words.sentences,
          blockRows,
        ],
      );
      return { source: { ...source, id: inserted.rows[0]!.id, addedAt }, replaced: Boolean(old) };
    });
  }

  async removeSource(url: string): Promise<boolean> {
    return inTransaction(this.pool, async (client) => {
      await lockUrl(client, url);
      const row = await rowByUrl(client, url);
      if (!row) return false;
      await this.deleteRow(client, row);
      return true;
    });
  }

  async getSource(idOrUrl: number | string): Promise<StoredSource | null> {
    const { rows } = await this.pool.query<SourceColumns>(`SELECT ${SOURCE_COLUMNS} FROM sources WHERE ${typeof idOrUrl === "number" ? "id" : "url"} = $1`, [idOrUrl]);
    return rows[0] ? sourceFromColumns(rows[0]) : null;
  }

  async getSources(ids: readonly number[]): Promise<StoredSource[]> {
    const byId = new Map<number, StoredSource>();
    const missing = ids.filter((id) => !putDefined(byId, id, this.sourcesAhead.take(id)));
    if (missing.length > 0) {
      const { rows } = await this.pool.query<SourceColumns>({ name: "copyquota.sources-by-id", text: `SELECT ${SOURCE_COLUMNS} FROM sources WHERE id = ANY($1::int4[])`, values: [missing] });
      for (const row of rows) byId.set(row.id, sourceFromColumns(row));
    }
    return ids.map((id) => byId.get(id)).filter((source): source is StoredSource => source !== undefined);
  }

  async getWords(ids: readonly number[]): Promise<Map<number, WordSequence>> {
    const out = new Map<number, WordSequence>();
    const missing = ids.filter((id) => !putDefined(out, id, this.wordsAhead.take(id)));
    if (missing.length === 0) return out;
    const { rows } = await this.pool.query<WordColumns>({ name: "copyquota.words-by-id", text: "SELECT source_id, codes, sentences FROM source_words WHERE source_id = ANY($1::int4[])", values: [missing] });
    for (const row of rows) out.set(row.source_id, decodeWords(row.codes, row.sentences));
    return out;
  }

  async listSources(options: { limit: number; offset: number; query?: string }): Promise<StoredSource[]> {
    // ILIKE where SQLite's LIKE is used: both ignore case in Latin letters; ILIKE in Cyrillic ones too.
    const { rows } = options.query
      ? await this.pool.query<SourceColumns>(`SELECT ${SOURCE_COLUMNS} FROM sources WHERE url ILIKE $1 OR title ILIKE $1 ORDER BY id LIMIT $2 OFFSET $3`, [`%${options.query}%`, options.limit, options.offset])
      : await this.pool.query<SourceColumns>(`SELECT ${SOURCE_COLUMNS} FROM sources ORDER BY id LIMIT $1 OFFSET $2`, [options.limit, options.offset]);
    return rows.map(sourceFromColumns);
  }

  async countSources(query?: string): Promise<number> {
    const { rows } = query
      ? await this.pool.query<{ n: number }>("SELECT count(*)::int4 AS n FROM sources WHERE url ILIKE $1 OR title ILIKE $1", [`%${query}%`])
      : await this.pool.query<{ n: number }>("SELECT count(*)::int4 AS n FROM sources");
    return rows[0]!.n;
  }

  /**
   * One round trip: each distinct fingerprint's postings are read up to maxDf + 1 rows (the cap that tells a
   * stock phrase, and bounds the rows one lookup reads), fingerprints with more are dropped, the rest counted;
   * the candidates' words, and the rows of those sharing `READ_AHEAD_MIN_SHARED` fingerprints or more, are read ahead.
   */
  async candidates(fingerprints: readonly number[], options: { maxDf: number; minShared: number; limit: number }): Promise<CandidateSource[]> {
    if (fingerprints.length === 0) return [];
    const { rows } = await this.pool.query<CandidateRow>({
      name: "copyquota.candidates",
      text: CANDIDATES,
      values: [fingerprints.map((h) => h | 0), options.maxDf, options.minShared, options.limit, READ_AHEAD_MIN_SHARED],
    });
    for (const row of rows) {
      if (row.codes !== null && row.sentences !== null) this.wordsAhead.put(row.source_id, decodeWords(row.codes, row.sentences));
      // The row's columns come from one source row or are all null: with its id, the others are as stored.
      if (row.id !== null) this.sourcesAhead.put(row.id, sourceFromColumns(row as SourceColumns));
    }
    return rows.map((row) => ({ sourceId: row.source_id, shared: row.shared }));
  }

  async blockCounts(domain: string, blockKeys: readonly string[], exceptUrl: string): Promise<Map<string, number>> {
    const counts = await this.countBlockRows(domain, blockKeys, exceptUrl, null);
    return new Map(blockKeys.map((key, i) => [key, counts[i]!]));
  }

  /**
   * For each block key (in order), how many of the domain's sources other than `exceptUrl` hold it, counted from
   * the key's rows up to `limit` of them (null for all), in one statement. A count that reached `limit` is at
   * least `limit - 1`, the one less for `exceptUrl`'s own row. `PostgresBulkWriter` counts through it too.
   */
  async countBlockRows(domain: string, blockKeys: readonly string[], exceptUrl: string, limit: number | null): Promise<number[]> {
    if (blockKeys.length === 0) return [];
    const ints = blockKeys.map(blockKeyToInt);
    const { rows } = await this.pool.query<{ n: number }>({
      name: "copyquota.count-block-rows",
      text: COUNT_BLOCK_ROWS,
      values: [ints, this.domainKeys.of(domain, ints), limit, exceptUrl, domain],
    });
    return rows.map((row) => row.n);
  }

  async sourcesWithBlock(domain: string, blockKey: string): Promise<string[]> {
    const { rows } = await this.pool.query<{ url: string }>(
      "SELECT s.url FROM blocks AS b JOIN sources AS s ON s.id = b.source_id WHERE b.block_key = $1::int8 AND s.domain = $2 ORDER BY s.id",
      [this.domainKeys.of(domain, [blockKeyToInt(blockKey)])[0], domain],
    );
    return rows.map((row) => row.url);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  /** Deletes a source row with its words, postings and block rows, and what was read ahead of it. */
  private async deleteRow(client: PoolClient, row: IndexedRow): Promise<void> {
    await deleteRow(client, row, this.domainKeys.of(row.domain, row.block_keys.map(BigInt)));
    this.wordsAhead.forget(row.id);
    this.sourcesAhead.forget(row.id);
  }
}

/** The columns a `StoredSource` is made of: not the fingerprint and block lists, which only writes need. */
const SOURCE_COLUMNS = "id, url, title, published, reference, domain, text, layout, protected_text, boilerplate, added_at";

/**
 * Sources sharing fewer fingerprints with a candidate are not read ahead: nearly all share one by chance. In
 * the benchmark's text checks at 30,000 sources (counted once by hand, 2026-12-07; no command prints it), 258 of
 * 5,071 candidates shared two or more, and 133 of the 134 that aligned did; a row read for nothing costs its text's transfer, a row missed one more round trip.
 */
const READ_AHEAD_MIN_SHARED = 2;

/**
 * Candidates' words kept at most: a check reads those of up to `maxCandidateSources` (30) sources, so this
 * holds what 34 checks in flight at once read, more than a pool's DEFAULT_POOL_SIZE connections run; a
 * source's words take 8 bytes a word decoded, about 2 KB for the benchmark's articles.
 */
const WORDS_READ_AHEAD = 1024;

/** Rows kept at most: a check reads about one ahead (see `READ_AHEAD_MIN_SHARED`); a row takes about 8 KB. */
const SOURCES_READ_AHEAD = 256;

/**
 * `candidates`' statement. `found` is the ranked candidates; each comes with its words, and, when it shares
 * $5 fingerprints or more, with its row. OFFSET 0 keeps the planner from merging the lateral subquery into the
 * join, where $5 would be tested after reading each candidate's row; kept apart, it is tested first.
 */
const CANDIDATES = `WITH wanted AS (SELECT DISTINCT h FROM unnest($1::int4[]) AS h),
    postings AS (
      SELECT wanted.h, p.source_id FROM wanted
      CROSS JOIN LATERAL (SELECT source_id FROM fingerprints WHERE hash = wanted.h LIMIT $2::int4 + 1) AS p
    ),
    rare AS (SELECT h FROM postings GROUP BY h HAVING count(*) <= $2::int4),
    found AS (
      SELECT source_id, count(*)::int4 AS shared FROM postings JOIN rare USING (h)
      GROUP BY source_id HAVING count(*) >= $3::int4
      ORDER BY shared DESC, source_id LIMIT $4::int4
    )
  SELECT found.source_id, found.shared, w.codes, w.sentences, s.*
  FROM found
  LEFT JOIN source_words AS w USING (source_id)
  LEFT JOIN LATERAL (SELECT ${SOURCE_COLUMNS} FROM sources WHERE id = found.source_id AND found.shared >= $5::int4 OFFSET 0) AS s ON true
  ORDER BY found.shared DESC, found.source_id`;

/**
 * `countBlockRows`' statement: $1 the block keys, $2 the same as the rows key them, $3 the rows counted at
 * most. The source at $4, if of domain $5, is one of the rows of each key it holds, and is not counted.
 */
const COUNT_BLOCK_ROWS = `SELECT ((SELECT count(*) FROM (SELECT 1 FROM blocks WHERE block_key = k.row_key LIMIT $3::int4) AS held)
      - CASE WHEN k.key = ANY(coalesce(own.block_keys, '{}')) THEN 1 ELSE 0 END)::int4 AS n
  FROM unnest($1::int8[], $2::int8[]) WITH ORDINALITY AS k(key, row_key, i)
  LEFT JOIN sources AS own ON own.url = $4 AND own.domain = $5
  ORDER BY k.i`;

interface WordColumns {
  source_id: number;
  codes: Buffer;
  sentences: Buffer;
}

/** A row of `CANDIDATES`: the source's words and row are null when not read. */
type CandidateRow = { source_id: number; shared: number } & Nullable<Omit<WordColumns, "source_id">> & Nullable<SourceColumns>;

type Nullable<T> = { [K in keyof T]: T[K] | null };

/** Sets `map`'s `key` to `value` unless it is undefined; whether it did. */
function putDefined<V>(map: Map<number, V>, key: number, value: V | undefined): boolean {
  if (value === undefined) return false;
  map.set(key, value);
  return true;
}

/** Holds, until the transaction ends, the right to write `url`: another writer of the same URL waits here. */
async function lockUrl(client: PoolClient, url: string): Promise<void> {
  await client.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [`copyquota.source:${url}`]);
}

/** What replacing or removing a source needs of its row: not its text. */
type IndexedRow = Pick<SourceRow, "id" | "domain" | "fingerprints" | "block_keys">;

async function rowByUrl(client: PoolClient, url: string): Promise<IndexedRow | undefined> {
  const { rows } = await client.query<IndexedRow>("SELECT id, domain, fingerprints, block_keys FROM sources WHERE url = $1", [url]);
  return rows[0];
}

/**
 * Deletes a source row with its words, postings and block rows (found through the lists the row keeps; its
 * block rows under `blockRows`, its keys as the table holds them), in one statement.
 */
async function deleteRow(client: PoolClient, row: IndexedRow, blockRows: readonly bigint[]): Promise<void> {
  await client.query(
    `WITH f AS (DELETE FROM fingerprints WHERE source_id = $1 AND hash = ANY($2::int4[])),
      b AS (DELETE FROM blocks WHERE source_id = $1 AND block_key = ANY($3::int8[])),
      w AS (DELETE FROM source_words WHERE source_id = $1)
    DELETE FROM sources WHERE id = $1`,
    [row.id, row.fingerprints, blockRows],
  );
}

/**
 * Refuses a database whose sources were indexed in another format (naming it, and leaving it as it is) rather
 * than answering every check with "no reuse". Runs inside the migration's transaction, before any table is made.
 */
export async function assertIndexFormat(client: PoolClient, name: string): Promise<void> {
  const { rows } = await client.query<{ sources: boolean; meta: boolean }>(
    "SELECT to_regclass('sources') IS NOT NULL AS sources, to_regclass('meta') IS NOT NULL AS meta",
  );
  if (!rows[0]!.sources) return;
  const format = rows[0]!.meta ? await storedFormat(client) : null;
  if (format !== INDEX_FORMAT) {
    throw new IndexFormatError(
      `${name}: its sources were indexed in ${format === null ? "an unknown format" : `format ${format}`}, and this version of CopyQuota reads format ${INDEX_FORMAT}. ` +
        "Add the archive again into a new database (this one is left unchanged).",
    );
  }
}

async function storedFormat(client: PoolClient): Promise<number | null> {
  const { rows } = await client.query<{ value: string }>("SELECT value FROM meta WHERE key = 'index_format'");
  return rows[0] ? Number(rows[0].value) : null;
}



interface SourceRow extends SourceColumns {
  fingerprints: number[];
  /** int8 values arrive as decimal strings: JavaScript numbers cannot hold all 64 bits. */
  block_keys: string[];
}

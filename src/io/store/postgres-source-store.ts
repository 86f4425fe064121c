import type { Pool, PoolClient } from "pg";
import type { WordSequence } from "../../core/types.ts";
import type { CandidateSource, NewSource, SourceIndexEntry, SourceStore, StoredSource } from "./source-store.ts";
import { inTransaction } from "./postgres-connection.ts";
import { storableText } from "../storage/postgres-text.ts";
import { storedTexts } from "./text-layout.ts";
import { sourceFromColumns, type SourceColumns } from "./source-row.ts";
import { decodeWords, encodeWords } from "./word-blob.ts";
import { INDEX_FORMAT, IndexFormatError } from "./index-format.ts";

/**
 * Sources and their fingerprint index in a PostgreSQL database, for several processes on several machines
 * sharing one archive. Same tables and semantics as the SQLite store: postings are (hash, source) rows with the
 * pair as primary key, so a lookup is one B-tree descent; each source row keeps its fingerprint and block lists,
 * so removing it needs no second index on source id; its words sit apart in `source_words`, read by every check.
 *
 * Each write is one transaction. Writers of the same URL are serialized by an advisory lock on it (two workers
 * adding one page must not both insert it); block counts are changed in key order, so that concurrent writers
 * of one domain's sources lock shared rows in the same order and cannot deadlock.
 */
export class PostgresSourceStore implements SourceStore {
  /** The store on `pool`, whose schema `migratePostgres` has brought up to date; `close` ends the pool. */
  constructor(private readonly pool: Pool) {}

  async putSource(source: NewSource, index: SourceIndexEntry): Promise<{ source: StoredSource; replaced: boolean }> {
    // Postings are signed 32-bit integers (int4); the engine's hashes are unsigned and reinterpreted here.
    const fingerprints = [...new Set(index.fingerprints.map((h) => h | 0))];
    const blocks = [...new Set(index.blockKeys.map(blockKeyToInt))];
    const texts = storedTexts(source.text, source.protectedText, source.boilerplate);
    const words = encodeWords(index.words);
    return inTransaction(this.pool, async (client) => {
      await lockUrl(client, source.url);
      const old = await rowByUrl(client, source.url);
      if (old) await deleteRow(client, old);
      const addedAt = new Date().toISOString();
      // One statement, one round trip: the row, its words, its postings and its block rows.
      const inserted = await client.query<{ id: number }>(
        `WITH s AS (
            INSERT INTO sources (url, title, published, reference, domain, text, layout, protected_text, boilerplate, fingerprints, block_keys, added_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::int4[], $11::int8[], $12) RETURNING id
          ),
          w AS (INSERT INTO source_words (source_id, codes, sentences) SELECT id, $13, $14 FROM s),
          f AS (INSERT INTO fingerprints (hash, source_id) SELECT h, s.id FROM s, unnest($10::int4[]) AS h),
          b AS (INSERT INTO blocks (block_key, source_id) SELECT k, s.id FROM s, unnest($11::int8[]) AS k)
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
        ],
      );
      const id = inserted.rows[0]!.id;
      // One change for the replaced source's blocks and the new ones together: a block both hold stays counted.
      const before = old ? old.block_keys.map((key) => ({ domain: old.domain, key })) : [];
      await changeBlockCounts(client, countChanges(before, blocks.map((key) => ({ domain: source.domain, key }))));
      return { source: { ...source, id, addedAt }, replaced: Boolean(old) };
    });
  }

  async removeSource(url: string): Promise<boolean> {
    return inTransaction(this.pool, async (client) => {
      await lockUrl(client, url);
      const row = await rowByUrl(client, url);
      if (!row) return false;
      await deleteRow(client, row);
      await changeBlockCounts(client, countChanges(row.block_keys.map((key) => ({ domain: row.domain, key })), []));
      return true;
    });
  }

  async getSource(idOrUrl: number | string): Promise<StoredSource | null> {
    const { rows } = await this.pool.query<SourceRow>(`SELECT * FROM sources WHERE ${typeof idOrUrl === "number" ? "id" : "url"} = $1`, [idOrUrl]);
    return rows[0] ? sourceFromColumns(rows[0]) : null;
  }

  async getSources(ids: readonly number[]): Promise<StoredSource[]> {
    if (ids.length === 0) return [];
    const { rows } = await this.pool.query<SourceRow>("SELECT * FROM sources WHERE id = ANY($1::int4[])", [ids]);
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id)).filter((row): row is SourceRow => row !== undefined).map(sourceFromColumns);
  }

  async getWords(ids: readonly number[]): Promise<Map<number, WordSequence>> {
    const out = new Map<number, WordSequence>();
    if (ids.length === 0) return out;
    const { rows } = await this.pool.query<{ source_id: number; codes: Buffer; sentences: Buffer }>(
      "SELECT source_id, codes, sentences FROM source_words WHERE source_id = ANY($1::int4[])",
      [ids],
    );
    for (const row of rows) out.set(row.source_id, decodeWords(row.codes, row.sentences));
    return out;
  }

  async listSources(options: { limit: number; offset: number; query?: string }): Promise<StoredSource[]> {
    // ILIKE where SQLite's LIKE is used: both ignore case in Latin letters; ILIKE in Cyrillic ones too.
    const { rows } = options.query
      ? await this.pool.query<SourceRow>("SELECT * FROM sources WHERE url ILIKE $1 OR title ILIKE $1 ORDER BY id LIMIT $2 OFFSET $3", [`%${options.query}%`, options.limit, options.offset])
      : await this.pool.query<SourceRow>("SELECT * FROM sources ORDER BY id LIMIT $1 OFFSET $2", [options.limit, options.offset]);
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
   * stock phrase, and bounds the rows one lookup reads), fingerprints with more are dropped, the rest counted.
   */
  async candidates(fingerprints: readonly number[], options: { maxDf: number; minShared: number; limit: number }): Promise<CandidateSource[]> {
    if (fingerprints.length === 0) return [];
    const { rows } = await this.pool.query<{ source_id: number; shared: number }>(
      `WITH wanted AS (SELECT DISTINCT h FROM unnest($1::int4[]) AS h),
        postings AS (
          SELECT wanted.h, p.source_id FROM wanted
          CROSS JOIN LATERAL (SELECT source_id FROM fingerprints WHERE hash = wanted.h LIMIT $2::int4 + 1) AS p
        ),
        rare AS (SELECT h FROM postings GROUP BY h HAVING count(*) <= $2::int4)
      SELECT source_id, count(*)::int4 AS shared FROM postings JOIN rare USING (h)
      GROUP BY source_id HAVING count(*) >= $3::int4
      ORDER BY shared DESC, source_id LIMIT $4::int4`,
      [fingerprints.map((h) => h | 0), options.maxDf, options.minShared, options.limit],
    );
    return rows.map((row) => ({ sourceId: row.source_id, shared: row.shared }));
  }

  async blockCounts(domain: string, blockKeys: readonly string[], exceptUrl: string): Promise<Map<string, number>> {
    const ints = blockKeys.map(blockKeyToInt);
    const { rows } = await this.pool.query<{ key: string; n: number }>(
      `SELECT k.key::text AS key,
          (coalesce(c.sources, 0) - CASE WHEN k.key = ANY(coalesce(own.block_keys, '{}')) THEN 1 ELSE 0 END)::int4 AS n
        FROM (SELECT DISTINCT unnest($2::int8[]) AS key) AS k
        LEFT JOIN block_counts AS c ON c.domain = $1 AND c.block_key = k.key
        LEFT JOIN sources AS own ON own.url = $3 AND own.domain = $1`,
      [domain, ints, exceptUrl],
    );
    const byInt = new Map(rows.map((row) => [row.key, row.n]));
    return new Map(blockKeys.map((key, i) => [key, byInt.get(ints[i]!) ?? 0]));
  }

  async sourcesWithBlock(domain: string, blockKey: string): Promise<string[]> {
    const { rows } = await this.pool.query<{ url: string }>(
      "SELECT s.url FROM blocks AS b JOIN sources AS s ON s.id = b.source_id WHERE b.block_key = $1::int8 AND s.domain = $2 ORDER BY s.id",
      [blockKeyToInt(blockKey), domain],
    );
    return rows.map((row) => row.url);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/** Block keys are 64-bit hashes written as 16 hex digits; stored as signed bigints, passed as decimal strings. */
export function blockKeyToInt(key: string): string {
  return BigInt.asIntN(64, BigInt(`0x${key}`)).toString();
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

/** Deletes a source row with its words, postings and block rows (found through the lists the row keeps), in one statement. */
async function deleteRow(client: PoolClient, row: IndexedRow): Promise<void> {
  await client.query(
    `WITH f AS (DELETE FROM fingerprints WHERE source_id = $1 AND hash = ANY($2::int4[])),
      b AS (DELETE FROM blocks WHERE source_id = $1 AND block_key = ANY($3::int8[])),
      w AS (DELETE FROM source_words WHERE source_id = $1)
    DELETE FROM sources WHERE id = $1`,
    [row.id, row.fingerprints, row.block_keys],
  );
}

interface DomainBlock {
  domain: string;
  /** A block key as a decimal int8. */
  key: string;
}

/** What replacing blocks `before` by `after` changes in the per-domain counts: -1 for each one lost, +1 for each one gained. */
function countChanges(before: readonly DomainBlock[], after: readonly DomainBlock[]): { domain: string; key: string; delta: number }[] {
  const id = (b: DomainBlock) => `${b.domain}\n${b.key}`;
  const was = new Set(before.map(id));
  const is = new Set(after.map(id));
  return [
    ...before.filter((b) => !is.has(id(b))).map((b) => ({ ...b, delta: -1 })),
    ...after.filter((b) => !was.has(id(b))).map((b) => ({ ...b, delta: 1 })),
  ];
}

/**
 * Adds each delta to its (domain, block) count in one statement, in key order (see the class comment), then
 * drops the counts that fell to zero.
 */
export async function changeBlockCounts(client: PoolClient, changes: readonly { domain: string; key: string; delta: number }[]): Promise<void> {
  if (changes.length === 0) return;
  const sorted = [...changes].sort((a, b) => (a.domain < b.domain ? -1 : a.domain > b.domain ? 1 : compareInt64(a.key, b.key)));
  await client.query(
    `INSERT INTO block_counts (domain, block_key, sources)
      SELECT d, k, n FROM unnest($1::text[], $2::int8[], $3::int4[]) WITH ORDINALITY AS c(d, k, n, i) ORDER BY i
      ON CONFLICT (domain, block_key) DO UPDATE SET sources = block_counts.sources + excluded.sources`,
    [sorted.map((c) => c.domain), sorted.map((c) => c.key), sorted.map((c) => c.delta)],
  );
  // Only a decrement can bring a count to zero; a new source's blocks only add.
  const lowered = sorted.filter((c) => c.delta < 0);
  if (lowered.length === 0) return;
  await client.query(
    "DELETE FROM block_counts WHERE (domain, block_key) IN (SELECT * FROM unnest($1::text[], $2::int8[])) AND sources <= 0",
    [lowered.map((c) => c.domain), lowered.map((c) => c.key)],
  );
}

function compareInt64(a: string, b: string): number {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
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

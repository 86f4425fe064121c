import Database from "better-sqlite3";
import type { CandidateSource, NewSource, SourceStore, StoredSource } from "./source-store.ts";

/**
 * Sources and their fingerprint index in one SQLite file (WAL, so readers never wait for a writer).
 * Fingerprints are (hash, source) rows in a WITHOUT ROWID table keyed by hash: a lookup is one B-tree
 * descent and the table is its own index. Each source also keeps its fingerprint list as a blob so it
 * can be removed without a second index on source id.
 */
export class SqliteSourceStore implements SourceStore {
  readonly db: Database.Database;
  private readonly stmts;

  constructor(db: Database.Database) {
    this.db = db;
    db.exec(`
      CREATE TABLE IF NOT EXISTS sources (
        id INTEGER PRIMARY KEY,
        url TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL,
        published TEXT,
        reference INTEGER NOT NULL,
        domain TEXT NOT NULL,
        text TEXT NOT NULL,
        protected_text TEXT NOT NULL,
        boilerplate TEXT NOT NULL,
        fingerprints BLOB NOT NULL,
        added_at TEXT NOT NULL
      );
      CREATE TABLE IF NOT EXISTS fingerprints (
        hash INTEGER NOT NULL,
        source_id INTEGER NOT NULL,
        PRIMARY KEY (hash, source_id)
      ) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS blocks (
        domain TEXT NOT NULL,
        block_key TEXT NOT NULL,
        source_url TEXT NOT NULL,
        PRIMARY KEY (domain, block_key, source_url)
      ) WITHOUT ROWID;
      CREATE INDEX IF NOT EXISTS blocks_by_source ON blocks (source_url);
    `);
    this.stmts = {
      byUrl: db.prepare("SELECT * FROM sources WHERE url = ?"),
      byId: db.prepare("SELECT * FROM sources WHERE id = ?"),
      insert: db.prepare(`INSERT INTO sources (url, title, published, reference, domain, text, protected_text, boilerplate, fingerprints, added_at)
        VALUES (@url, @title, @published, @reference, @domain, @text, @protected_text, @boilerplate, @fingerprints, @added_at)`),
      delete: db.prepare("DELETE FROM sources WHERE id = ?"),
      insertFp: db.prepare("INSERT OR IGNORE INTO fingerprints (hash, source_id) VALUES (?, ?)"),
      deleteFp: db.prepare("DELETE FROM fingerprints WHERE hash = ? AND source_id = ?"),
      postings: db.prepare("SELECT source_id FROM fingerprints WHERE hash = ? LIMIT ?").pluck(),
      count: db.prepare("SELECT count(*) FROM sources").pluck(),
      list: db.prepare("SELECT * FROM sources ORDER BY id LIMIT ? OFFSET ?"),
      search: db.prepare("SELECT * FROM sources WHERE url LIKE @q OR title LIKE @q ORDER BY id LIMIT @limit OFFSET @offset"),
      deleteBlocks: db.prepare("DELETE FROM blocks WHERE source_url = ?"),
      insertBlock: db.prepare("INSERT OR IGNORE INTO blocks (domain, block_key, source_url) VALUES (?, ?, ?)"),
      countBlock: db.prepare("SELECT count(*) FROM blocks WHERE domain = ? AND block_key = ?").pluck(),
      blockSources: db.prepare("SELECT source_url FROM blocks WHERE domain = ? AND block_key = ?").pluck(),
    };
  }

  static open(file: string): SqliteSourceStore {
    return new SqliteSourceStore(openDatabase(file));
  }

  async putSource(source: NewSource, fingerprints: readonly number[]): Promise<{ id: number; replaced: boolean }> {
    const unique = [...new Set(fingerprints)];
    const tx = this.db.transaction(() => {
      const old = this.stmts.byUrl.get(source.url) as SourceRow | undefined;
      if (old) this.deleteRow(old);
      const info = this.stmts.insert.run({
        url: source.url,
        title: source.title,
        published: source.published,
        reference: source.reference ? 1 : 0,
        domain: source.domain,
        text: source.text,
        protected_text: source.protectedText,
        boilerplate: JSON.stringify(source.boilerplate),
        fingerprints: Buffer.from(new Float64Array(unique).buffer),
        added_at: new Date().toISOString(),
      });
      const id = Number(info.lastInsertRowid);
      for (const h of unique) this.stmts.insertFp.run(h, id);
      return { id, replaced: Boolean(old) };
    });
    return tx();
  }

  async removeSource(url: string): Promise<boolean> {
    const tx = this.db.transaction(() => {
      const row = this.stmts.byUrl.get(url) as SourceRow | undefined;
      if (!row) return false;
      this.deleteRow(row);
      this.stmts.deleteBlocks.run(url);
      return true;
    });
    return tx();
  }

  private deleteRow(row: SourceRow): void {
    const buf = row.fingerprints;
    // Copied: a Buffer from SQLite need not be 8-byte aligned.
    const hashes = new Float64Array(Uint8Array.from(buf).buffer);
    for (const h of hashes) this.stmts.deleteFp.run(h, row.id);
    this.stmts.delete.run(row.id);
  }

  async getSource(idOrUrl: number | string): Promise<StoredSource | null> {
    const row = (typeof idOrUrl === "number" ? this.stmts.byId.get(idOrUrl) : this.stmts.byUrl.get(idOrUrl)) as SourceRow | undefined;
    return row ? fromRow(row) : null;
  }

  async getSources(ids: readonly number[]): Promise<StoredSource[]> {
    return ids.map((id) => this.stmts.byId.get(id) as SourceRow | undefined).filter((r): r is SourceRow => Boolean(r)).map(fromRow);
  }

  async listSources(options: { limit: number; offset: number; query?: string }): Promise<StoredSource[]> {
    const rows = options.query
      ? this.stmts.search.all({ q: `%${options.query}%`, limit: options.limit, offset: options.offset })
      : this.stmts.list.all(options.limit, options.offset);
    return (rows as SourceRow[]).map(fromRow);
  }

  async countSources(): Promise<number> {
    return this.stmts.count.get() as number;
  }

  async candidates(fingerprints: readonly number[], options: { maxDf: number; minShared: number; limit: number }): Promise<CandidateSource[]> {
    const shared = new Map<number, number>();
    for (const h of new Set(fingerprints)) {
      const ids = this.stmts.postings.all(h, options.maxDf + 1) as number[];
      if (ids.length > options.maxDf) continue;
      for (const id of ids) shared.set(id, (shared.get(id) ?? 0) + 1);
    }
    return [...shared]
      .filter(([, n]) => n >= options.minShared)
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, options.limit)
      .map(([sourceId, n]) => ({ sourceId, shared: n }));
  }

  async countBlocks(domain: string, sourceUrl: string, blockKeys: readonly string[]): Promise<Map<string, number>> {
    const tx = this.db.transaction(() => {
      this.stmts.deleteBlocks.run(sourceUrl);
      for (const key of blockKeys) this.stmts.insertBlock.run(domain, key, sourceUrl);
      return new Map(blockKeys.map((key) => [key, this.stmts.countBlock.get(domain, key) as number]));
    });
    return tx();
  }

  async sourcesWithBlock(domain: string, blockKey: string): Promise<string[]> {
    return this.stmts.blockSources.all(domain, blockKey) as string[];
  }

  async close(): Promise<void> {
    this.db.close();
  }
}

/** Opens (creating when needed) a CopyQuota database file with the settings every store relies on. */
export function openDatabase(file: string): Database.Database {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  // NORMAL is durable across application crashes in WAL mode; only an OS crash can lose the last commit.
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  db.pragma("busy_timeout = 5000");
  return db;
}

interface SourceRow {
  id: number;
  url: string;
  title: string;
  published: string | null;
  reference: number;
  domain: string;
  text: string;
  protected_text: string;
  boilerplate: string;
  fingerprints: Buffer;
  added_at: string;
}

function fromRow(row: SourceRow): StoredSource {
  return {
    id: row.id,
    url: row.url,
    title: row.title,
    published: row.published,
    reference: row.reference === 1,
    domain: row.domain,
    text: row.text,
    protectedText: row.protected_text,
    boilerplate: JSON.parse(row.boilerplate) as string[],
    addedAt: row.added_at,
  };
}

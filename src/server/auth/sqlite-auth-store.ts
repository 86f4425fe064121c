import type Database from "better-sqlite3";
import type { ApiKey, AuthStore, Session } from "./auth-store.ts";

/** API keys and sessions in the CopyQuota SQLite database. */
export class SqliteAuthStore implements AuthStore {
  private readonly stmts;
  private readonly replaceKey: (name: string, keyHash: string, now: string) => number;

  constructor(db: Database.Database) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS api_keys (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        key_hash TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL
      );
      CREATE TABLE IF NOT EXISTS sessions (
        token_hash TEXT PRIMARY KEY,
        key_id INTEGER NOT NULL REFERENCES api_keys (id) ON DELETE CASCADE,
        csrf_token TEXT NOT NULL,
        expires_at TEXT NOT NULL
      ) WITHOUT ROWID;
    `);
    this.stmts = {
      count: db.prepare("SELECT count(*) FROM api_keys").pluck(),
      deleteKey: db.prepare("DELETE FROM api_keys WHERE name = ?"),
      insertKey: db.prepare("INSERT INTO api_keys (name, key_hash, created_at) VALUES (?, ?, ?)"),
      keyById: db.prepare("SELECT id, name, created_at FROM api_keys WHERE id = ?"),
      keyByHash: db.prepare("SELECT id, name, created_at FROM api_keys WHERE key_hash = ?"),
      keys: db.prepare("SELECT id, name, created_at FROM api_keys ORDER BY id"),
      removeKey: db.prepare("DELETE FROM api_keys WHERE id = ?"),
      insertSession: db.prepare("INSERT INTO sessions (token_hash, key_id, csrf_token, expires_at) VALUES (?, ?, ?, ?)"),
      session: db.prepare(`SELECT s.key_id, k.name, s.csrf_token, s.expires_at FROM sessions s JOIN api_keys k ON k.id = s.key_id
        WHERE s.token_hash = ? AND s.expires_at > ?`),
      deleteSession: db.prepare("DELETE FROM sessions WHERE token_hash = ?"),
      deleteExpired: db.prepare("DELETE FROM sessions WHERE expires_at <= ?"),
    };
    this.replaceKey = db.transaction((name: string, keyHash: string, now: string) => {
      this.stmts.deleteKey.run(name);
      return Number(this.stmts.insertKey.run(name, keyHash, now).lastInsertRowid);
    });
  }

  async countKeys(): Promise<number> {
    return this.stmts.count.get() as number;
  }

  async putKey(name: string, keyHash: string): Promise<ApiKey> {
    const id = this.replaceKey(name, keyHash, new Date().toISOString());
    return keyFromRow(this.stmts.keyById.get(id) as KeyRow);
  }

  async findKey(keyHash: string): Promise<ApiKey | null> {
    const row = this.stmts.keyByHash.get(keyHash) as KeyRow | undefined;
    return row ? keyFromRow(row) : null;
  }

  async listKeys(): Promise<ApiKey[]> {
    return (this.stmts.keys.all() as KeyRow[]).map(keyFromRow);
  }

  async removeKey(id: number): Promise<boolean> {
    return this.stmts.removeKey.run(id).changes > 0;
  }

  async createSession(tokenHash: string, session: { keyId: number; csrfToken: string; expiresAt: string }): Promise<void> {
    this.stmts.insertSession.run(tokenHash, session.keyId, session.csrfToken, session.expiresAt);
  }

  async findSession(tokenHash: string, now: string): Promise<Session | null> {
    const row = this.stmts.session.get(tokenHash, now) as { key_id: number; name: string; csrf_token: string; expires_at: string } | undefined;
    return row ? { keyId: row.key_id, name: row.name, csrfToken: row.csrf_token, expiresAt: row.expires_at } : null;
  }

  async deleteSession(tokenHash: string): Promise<void> {
    this.stmts.deleteSession.run(tokenHash);
  }

  async deleteExpiredSessions(now: string): Promise<number> {
    return this.stmts.deleteExpired.run(now).changes;
  }
}

interface KeyRow {
  id: number;
  name: string;
  created_at: string;
}

function keyFromRow(row: KeyRow): ApiKey {
  return { id: row.id, name: row.name, createdAt: row.created_at };
}

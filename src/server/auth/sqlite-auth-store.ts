import type Database from "better-sqlite3";
import type { ApiKey, AuthStore, Session, StoredKey } from "./auth-store.ts";
import type { Role } from "./role.ts";
import { KEY_COLUMNS, publicKey, sessionFromRow, storedFromRow, type KeyRow, type SessionRow } from "./auth-rows.ts";

/** API keys and sessions in the CopyQuota SQLite database. */
export class SqliteAuthStore implements AuthStore {
  private readonly stmts;
  private readonly replaceKey: (name: string, keyId: string | null, keyHash: string, role: Role, now: string) => number;

  constructor(db: Database.Database) {
    this.stmts = {
      count: db.prepare("SELECT count(*) FROM api_keys").pluck(),
      deleteKey: db.prepare("DELETE FROM api_keys WHERE name = ?"),
      insertKey: db.prepare("INSERT INTO api_keys (name, key_id, key_hash, role, created_at) VALUES (?, ?, ?, ?, ?)"),
      keyById: db.prepare(`SELECT ${KEY_COLUMNS} FROM api_keys WHERE id = ?`),
      keysByKeyId: db.prepare(`SELECT ${KEY_COLUMNS} FROM api_keys WHERE key_id = ?`),
      keysWithoutKeyId: db.prepare(`SELECT ${KEY_COLUMNS} FROM api_keys WHERE key_id IS NULL`),
      rehash: db.prepare("UPDATE api_keys SET key_hash = ? WHERE id = ?"),
      keys: db.prepare(`SELECT ${KEY_COLUMNS} FROM api_keys ORDER BY id`),
      removeKey: db.prepare("DELETE FROM api_keys WHERE id = ?"),
      insertSession: db.prepare("INSERT INTO sessions (token_hash, key_id, csrf_token, expires_at) VALUES (?, ?, ?, ?)"),
      session: db.prepare(`SELECT s.key_id, k.name, k.role, s.csrf_token, s.expires_at FROM sessions s JOIN api_keys k ON k.id = s.key_id
        WHERE s.token_hash = ? AND s.expires_at > ?`),
      deleteSession: db.prepare("DELETE FROM sessions WHERE token_hash = ?"),
      deleteExpired: db.prepare("DELETE FROM sessions WHERE expires_at <= ?"),
    };
    this.replaceKey = db.transaction((name: string, keyId: string | null, keyHash: string, role: Role, now: string) => {
      this.stmts.deleteKey.run(name);
      return Number(this.stmts.insertKey.run(name, keyId, keyHash, role, now).lastInsertRowid);
    });
  }

  async countKeys(): Promise<number> {
    return this.stmts.count.get() as number;
  }

  async putKey(name: string, key: { keyId: string | null; keyHash: string; role: Role }): Promise<ApiKey> {
    const id = this.replaceKey(name, key.keyId, key.keyHash, key.role, new Date().toISOString());
    return publicKey(storedFromRow(this.stmts.keyById.get(id) as KeyRow));
  }

  async keysById(keyId: string | null): Promise<StoredKey[]> {
    const rows = (keyId === null ? this.stmts.keysWithoutKeyId.all() : this.stmts.keysByKeyId.all(keyId)) as KeyRow[];
    return rows.map(storedFromRow);
  }

  async storedKey(id: number): Promise<StoredKey | null> {
    const row = this.stmts.keyById.get(id) as KeyRow | undefined;
    return row ? storedFromRow(row) : null;
  }

  async rehashKey(id: number, keyHash: string): Promise<void> {
    this.stmts.rehash.run(keyHash, id);
  }

  async listKeys(): Promise<ApiKey[]> {
    return (this.stmts.keys.all() as KeyRow[]).map((row) => publicKey(storedFromRow(row)));
  }

  async removeKey(id: number): Promise<boolean> {
    return this.stmts.removeKey.run(id).changes > 0;
  }

  async createSession(tokenHash: string, session: { keyId: number; csrfToken: string; expiresAt: string }): Promise<void> {
    this.stmts.insertSession.run(tokenHash, session.keyId, session.csrfToken, session.expiresAt);
  }

  async findSession(tokenHash: string, now: string): Promise<Session | null> {
    const row = this.stmts.session.get(tokenHash, now) as SessionRow | undefined;
    return row ? sessionFromRow(row) : null;
  }

  async deleteSession(tokenHash: string): Promise<void> {
    this.stmts.deleteSession.run(tokenHash);
  }

  async deleteExpiredSessions(now: string): Promise<number> {
    return this.stmts.deleteExpired.run(now).changes;
  }
}


import type { PgExecutor } from "../../io/storage/postgres-executor.ts";
import type { ApiKey, AuthStore, Session, StoredKey } from "./auth-store.ts";
import type { Role } from "./role.ts";
import { isInt4Id } from "../../io/storage/int4-id.ts";
import { KEY_COLUMNS, publicKey, sessionFromRow, storedFromRow, type KeyRow, type SessionRow } from "./auth-rows.ts";

/** Prefixes the advisory lock of a key holder's name, apart from the locks other tables take. */
const KEY_NAME_LOCK = "copyquota.api_keys:";

/**
 * API keys and sessions in PostgreSQL (tables: postgres-tables/auth.ts), so that every API server on the
 * database knows every key and session: a key issued or revoked, a login or logout, through one server holds
 * at once on all of them. Every method but `putKey` is one statement.
 */
export class PostgresAuthStore implements AuthStore {
  constructor(private readonly db: PgExecutor) {}

  async countKeys(): Promise<number> {
    const { rows } = await this.db.query<{ count: number }>("SELECT count(*)::int4 AS count FROM api_keys");
    return rows[0]!.count;
  }

  /**
   * Deletes the name's key (its sessions go with it) and inserts the new one, in one transaction. Two servers
   * putting the same name at once would each delete nothing and insert, and the second would fail on the name's
   * unique constraint; a transaction-scoped advisory lock on the name makes the second wait for the first to
   * commit, then delete the key the first inserted: one key remains, the last put.
   */
  async putKey(name: string, key: { keyId: string | null; keyHash: string; role: Role }): Promise<ApiKey> {
    const row = await this.db.atomically(async (db) => {
      await db.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [KEY_NAME_LOCK + name]);
      await db.query("DELETE FROM api_keys WHERE name = $1", [name]);
      const { rows } = await db.query<KeyRow>(
        `INSERT INTO api_keys (name, key_id, key_hash, role, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING ${KEY_COLUMNS}`,
        [name, key.keyId, key.keyHash, key.role, new Date().toISOString()],
      );
      return rows[0]!;
    });
    return publicKey(storedFromRow(row));
  }

  async keysById(keyId: string | null): Promise<StoredKey[]> {
    const { rows } =
      keyId === null
        ? await this.db.query<KeyRow>(`SELECT ${KEY_COLUMNS} FROM api_keys WHERE key_id IS NULL ORDER BY id`)
        : await this.db.query<KeyRow>(`SELECT ${KEY_COLUMNS} FROM api_keys WHERE key_id = $1`, [keyId]);
    return rows.map(storedFromRow);
  }

  async storedKey(id: number): Promise<StoredKey | null> {
    if (!isInt4Id(id)) return null;
    const { rows } = await this.db.query<KeyRow>(`SELECT ${KEY_COLUMNS} FROM api_keys WHERE id = $1`, [id]);
    return rows[0] ? storedFromRow(rows[0]) : null;
  }

  async rehashKey(id: number, keyHash: string): Promise<void> {
    if (isInt4Id(id)) await this.db.query("UPDATE api_keys SET key_hash = $2 WHERE id = $1", [id, keyHash]);
  }

  async listKeys(): Promise<ApiKey[]> {
    const { rows } = await this.db.query<KeyRow>(`SELECT ${KEY_COLUMNS} FROM api_keys ORDER BY id`);
    return rows.map((row) => publicKey(storedFromRow(row)));
  }

  async removeKey(id: number): Promise<boolean> {
    if (!isInt4Id(id)) return false;
    const { rowCount } = await this.db.query("DELETE FROM api_keys WHERE id = $1", [id]);
    return (rowCount ?? 0) > 0;
  }

  async createSession(tokenHash: string, session: { keyId: number; csrfToken: string; expiresAt: string }): Promise<void> {
    await this.db.query("INSERT INTO sessions (token_hash, key_id, csrf_token, expires_at) VALUES ($1, $2, $3, $4)", [
      tokenHash,
      session.keyId,
      session.csrfToken,
      session.expiresAt,
    ]);
  }

  async findSession(tokenHash: string, now: string): Promise<Session | null> {
    const { rows } = await this.db.query<SessionRow>(
      `SELECT s.key_id, k.name, k.role, s.csrf_token, s.expires_at FROM sessions s JOIN api_keys k ON k.id = s.key_id
        WHERE s.token_hash = $1 AND s.expires_at > $2`,
      [tokenHash, now],
    );
    return rows[0] ? sessionFromRow(rows[0]) : null;
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.db.query("DELETE FROM sessions WHERE token_hash = $1", [tokenHash]);
  }

  async deleteExpiredSessions(now: string): Promise<number> {
    const { rowCount } = await this.db.query("DELETE FROM sessions WHERE expires_at <= $1", [now]);
    return rowCount ?? 0;
  }
}

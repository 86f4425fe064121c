import type { ApiKey, Session, StoredKey } from "./auth-store.ts";
import type { Role } from "./role.ts";

/** The `api_keys` columns a key is read from, on both databases. */
export const KEY_COLUMNS = "id, name, role, created_at, key_id, key_hash";

/** An `api_keys` row (`KEY_COLUMNS`). */
export interface KeyRow {
  id: number;
  name: string;
  role: Role;
  created_at: string;
  key_id: string | null;
  key_hash: string;
}

/** A session joined with its key's holder, as the session look-up selects it. */
export interface SessionRow {
  key_id: number;
  name: string;
  role: Role;
  csrf_token: string;
  expires_at: string;
}

export function storedFromRow(row: KeyRow): StoredKey {
  return { id: row.id, name: row.name, role: row.role, createdAt: row.created_at, keyId: row.key_id, keyHash: row.key_hash };
}

export function publicKey({ id, name, role, createdAt }: StoredKey): ApiKey {
  return { id, name, role, createdAt };
}

export function sessionFromRow(row: SessionRow): Session {
  return { keyId: row.key_id, name: row.name, role: row.role, csrfToken: row.csrf_token, expiresAt: row.expires_at };
}

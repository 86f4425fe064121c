import type { Role } from "./role.ts";

/** A person's (or a program's) API key, as stored: only its hash is kept, never the key itself. */
export interface ApiKey {
  id: number;
  /** Who holds the key; recorded as the actor of what they change. */
  name: string;
  role: Role;
  createdAt: string;
}

/** A key with what finds and verifies it. */
export interface StoredKey extends ApiKey {
  /** The public id of a generated key; null for a chosen key and keys issued before ids. */
  keyId: string | null;
  /** `scrypt$salt$hash`, or a plain SHA-256 for keys stored before salting (see `secrets.ts`). */
  keyHash: string;
}

/** A logged-in browser: the hash of its session cookie, whose key it came from, and its CSRF token. */
export interface Session {
  keyId: number;
  /** The key holder's name. */
  name: string;
  role: Role;
  /** Sent back by the UI in `X-CSRF-Token` on every state-changing request. */
  csrfToken: string;
  expiresAt: string;
}

/**
 * Persistence of API keys and UI sessions: keys by a salted slow hash, sessions by the SHA-256 of their
 * random token, so a copy of the database lets no one in. SQLite implements it; PostgreSQL can implement the
 * same methods.
 */
export interface AuthStore {
  countKeys(): Promise<number>;
  /** Stores a key under a holder's name, replacing the holder's previous key (and its sessions). */
  putKey(name: string, key: { keyId: string | null; keyHash: string; role: Role }): Promise<ApiKey>;
  /** The keys that may be the one presented: the one with this public id, or (null) the keys without one. */
  keysById(keyId: string | null): Promise<StoredKey[]>;
  /** The key with this row id, with its hash, or null. */
  storedKey(id: number): Promise<StoredKey | null>;
  /** Replaces a key's stored hash (a key stored before salting, re-stored when it is next used). */
  rehashKey(id: number, keyHash: string): Promise<void>;
  listKeys(): Promise<ApiKey[]>;
  /** Removes a key and its sessions; false when no key has that id. */
  removeKey(id: number): Promise<boolean>;
  createSession(tokenHash: string, session: { keyId: number; csrfToken: string; expiresAt: string }): Promise<void>;
  /** The session, unless it does not exist or expired before `now`. */
  findSession(tokenHash: string, now: string): Promise<Session | null>;
  deleteSession(tokenHash: string): Promise<void>;
  deleteExpiredSessions(now: string): Promise<number>;
}

/** A person's (or a program's) API key, as stored: only its hash is kept, never the key itself. */
export interface ApiKey {
  id: number;
  /** Who holds the key; recorded as the actor of what they change. */
  name: string;
  createdAt: string;
}

/** A logged-in browser: the hash of its session cookie, whose key it came from, and its CSRF token. */
export interface Session {
  keyId: number;
  /** The key holder's name. */
  name: string;
  /** Sent back by the UI in `X-CSRF-Token` on every state-changing request. */
  csrfToken: string;
  expiresAt: string;
}

/**
 * Persistence of API keys and UI sessions, both stored by the SHA-256 of their secret so a copy of the
 * database lets no one in. SQLite implements it; PostgreSQL can implement the same methods.
 */
export interface AuthStore {
  countKeys(): Promise<number>;
  /** Stores a key's hash under a holder's name, replacing the holder's previous key (and its sessions). */
  putKey(name: string, keyHash: string): Promise<ApiKey>;
  findKey(keyHash: string): Promise<ApiKey | null>;
  listKeys(): Promise<ApiKey[]>;
  /** Removes a key and its sessions; false when no key has that id. */
  removeKey(id: number): Promise<boolean>;
  createSession(tokenHash: string, session: { keyId: number; csrfToken: string; expiresAt: string }): Promise<void>;
  /** The session, unless it does not exist or expired before `now`. */
  findSession(tokenHash: string, now: string): Promise<Session | null>;
  deleteSession(tokenHash: string): Promise<void>;
  deleteExpiredSessions(now: string): Promise<number>;
}

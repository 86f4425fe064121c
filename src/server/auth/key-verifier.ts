import type { AuthStore, StoredKey } from "./auth-store.ts";
import { apiKeyMatches, hashApiKey, hashSecret, isLegacyKeyHash, keyIdOf } from "./secrets.ts";

/**
 * Keys verified by this process, remembered by their SHA-256: 1,000 is more keys than a newsroom issues, and
 * past it the oldest is forgotten (it costs one scrypt to verify again).
 */
const REMEMBERED_KEYS = 1000;

/**
 * Finds the holder of a presented API key. A stored key is a salted scrypt hash, too slow to compute per
 * request, so a key verified once is remembered in memory by its SHA-256 together with the stored hash it
 * matched; each request still reads the key's row, so a revoked or rotated key stops working at once, on
 * every server sharing the database.
 */
export class KeyVerifier {
  private readonly verified = new Map<string, { id: number; keyHash: string }>();

  constructor(private readonly store: AuthStore) {}

  async holder(key: string): Promise<StoredKey | null> {
    const digest = hashSecret(key);
    const known = this.verified.get(digest);
    if (known !== undefined) {
      const stored = await this.store.storedKey(known.id);
      if (stored !== null && stored.keyHash === known.keyHash) return stored;
      this.verified.delete(digest);
    }
    for (const stored of await this.store.keysById(keyIdOf(key))) {
      if (!(await apiKeyMatches(key, stored.keyHash))) continue;
      const keyHash = isLegacyKeyHash(stored.keyHash) ? await this.rehash(stored.id, key) : stored.keyHash;
      this.remember(digest, { id: stored.id, keyHash });
      return { ...stored, keyHash };
    }
    return null;
  }

  private async rehash(id: number, key: string): Promise<string> {
    const keyHash = await hashApiKey(key);
    await this.store.rehashKey(id, keyHash);
    return keyHash;
  }

  private remember(digest: string, key: { id: number; keyHash: string }): void {
    if (this.verified.size >= REMEMBERED_KEYS) this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(digest, key);
  }
}

import type { AuthStore } from "./auth-store.ts";
import { apiKeyMatches, generateApiKey, hashApiKey } from "./secrets.ts";

/** The holder name of the key given by `COPYQUOTA_API_KEY` or generated on first start. */
export const ADMIN = "admin";

/**
 * Shortest `COPYQUOTA_API_KEY` accepted: 32 characters, what `openssl rand -base64 24` prints (192 bits).
 * A chosen key is the one secret a person picks; at this length even a phrase of words resists guessing, online
 * (see `FailedAttempts`) and against a stolen database's salted hash. A generated key has 58.
 */
export const MIN_API_KEY_LENGTH = 32;

/**
 * Makes sure an admin key exists. A key from the environment always becomes the admin key (so changing the
 * variable rotates it; the same key again keeps the admin's UI sessions); without one, a key is generated only
 * when the database has none, and returned so the caller can print it once — it is stored hashed and cannot
 * be shown again.
 * @returns the generated key, or null when none was generated.
 */
export async function ensureAdminKey(store: AuthStore, fromEnvironment: string | undefined): Promise<string | null> {
  if (fromEnvironment !== undefined && fromEnvironment !== "") {
    if (fromEnvironment.length < MIN_API_KEY_LENGTH) {
      throw new Error(`COPYQUOTA_API_KEY is too short: it must have at least ${MIN_API_KEY_LENGTH} characters (try \`openssl rand -base64 24\`)`);
    }
    const admin = (await store.keysById(null)).find((key) => key.name === ADMIN);
    if (admin === undefined || !(await apiKeyMatches(fromEnvironment, admin.keyHash))) {
      await store.putKey(ADMIN, { keyId: null, keyHash: await hashApiKey(fromEnvironment), role: "admin" });
    }
    return null;
  }
  if ((await store.countKeys()) > 0) return null;
  const { key, keyId } = generateApiKey();
  await store.putKey(ADMIN, { keyId, keyHash: await hashApiKey(key), role: "admin" });
  return key;
}

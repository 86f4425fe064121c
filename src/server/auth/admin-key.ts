import type { AuthStore } from "./auth-store.ts";
import { generateApiKey, hashSecret } from "./secrets.ts";

/** The holder name of the key given by `COPYQUOTA_API_KEY` or generated on first start. */
export const ADMIN = "admin";

/**
 * Shortest `COPYQUOTA_API_KEY` accepted: 16 characters, the least that resists online guessing against an
 * API answering a few hundred requests a second (a generated key has 43).
 */
export const MIN_API_KEY_LENGTH = 16;

/**
 * Makes sure an admin key exists. A key from the environment always becomes the admin key (so changing the
 * variable rotates it); without one, a key is generated only when the database has none, and returned so
 * the caller can print it once — it is stored hashed and cannot be shown again.
 * @returns the generated key, or null when none was generated.
 */
export async function ensureAdminKey(store: AuthStore, fromEnvironment: string | undefined): Promise<string | null> {
  if (fromEnvironment !== undefined && fromEnvironment !== "") {
    if (fromEnvironment.length < MIN_API_KEY_LENGTH) {
      throw new Error(`COPYQUOTA_API_KEY is too short: it must have at least ${MIN_API_KEY_LENGTH} characters`);
    }
    await store.putKey(ADMIN, hashSecret(fromEnvironment));
    return null;
  }
  if ((await store.countKeys()) > 0) return null;
  const key = generateApiKey();
  await store.putKey(ADMIN, hashSecret(key));
  return key;
}

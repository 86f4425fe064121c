import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * Bytes of randomness in generated keys and session tokens: 256 bits, beyond any guessing, which is also
 * why a plain SHA-256 suffices to store them (a slow password hash guards low-entropy secrets, and would
 * add its cost to every API request).
 */
const SECRET_BYTES = 32;

/** Prefix of generated API keys, so a leaked key is recognisable in logs and secret scanners. */
const KEY_PREFIX = "cq_";

export function generateApiKey(): string {
  return `${KEY_PREFIX}${randomBytes(SECRET_BYTES).toString("base64url")}`;
}

export function generateToken(): string {
  return randomBytes(SECRET_BYTES).toString("base64url");
}

/** How keys and session tokens are stored: SHA-256, hex. */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

/** Compares two secrets in time independent of where they differ. */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a, "utf8");
  const y = Buffer.from(b, "utf8");
  return x.length === y.length && timingSafeEqual(x, y);
}

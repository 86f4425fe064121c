import { createHash, randomBytes, scrypt, timingSafeEqual } from "node:crypto";
import { promisify } from "node:util";

const scryptAsync = promisify(scrypt) as (secret: string, salt: Buffer, length: number, options: { N: number; r: number; p: number; maxmem: number }) => Promise<Buffer>;

/** Bytes of randomness in generated keys and session tokens: 256 bits, beyond any guessing. */
const SECRET_BYTES = 32;

/** Bytes of a generated key's public id, by which its stored hash is found: 64 bits, unique among any number of keys a newsroom issues. */
const KEY_ID_BYTES = 8;

/** Prefix of generated API keys, so a leaked key is recognisable in logs and secret scanners. */
const KEY_PREFIX = "cq_";

/** A generated key: prefix, public id, a dot, secret (the id holds no `.`, base64url having none). */
const GENERATED_KEY = /^cq_([A-Za-z0-9_-]{11})\.[A-Za-z0-9_-]{43}$/;

/**
 * scrypt's cost for stored API keys: N = 2^14, r = 8 (16 MiB, ~40 ms here), RFC 7914's interactive setting.
 * Keys are long (generated: 256 bits; chosen: `MIN_API_KEY_LENGTH` characters or more), so the cost only has
 * to make a stolen database's hashes useless for guessing a chosen key, and it is paid once per key and
 * server process (see `KeyVerifier`), not per request.
 */
const SCRYPT = { N: 1 << 14, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;
const SCRYPT_SALT_BYTES = 16;
const SCRYPT_LENGTH = 32;

export interface GeneratedKey {
  key: string;
  /** Its public id, stored in the clear to find its hash. */
  keyId: string;
}

export function generateApiKey(): GeneratedKey {
  const keyId = randomBytes(KEY_ID_BYTES).toString("base64url");
  return { key: `${KEY_PREFIX}${keyId}.${randomBytes(SECRET_BYTES).toString("base64url")}`, keyId };
}

/** The public id of a generated key, or null for a chosen one (`COPYQUOTA_API_KEY`) or one of before ids. */
export function keyIdOf(key: string): string | null {
  return GENERATED_KEY.exec(key)?.[1] ?? null;
}

export function generateToken(): string {
  return randomBytes(SECRET_BYTES).toString("base64url");
}

/**
 * How session tokens are stored: SHA-256, hex. Tokens are 256 random bits, so a fast hash suffices and a
 * request with a cookie costs no more than a look-up.
 */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

/** How API keys are stored: `scrypt$salt$hash` (base64), salted so equal keys hash apart and no table of hashes applies. */
export async function hashApiKey(key: string): Promise<string> {
  const salt = randomBytes(SCRYPT_SALT_BYTES);
  const hash = await scryptAsync(key, salt, SCRYPT_LENGTH, SCRYPT);
  return `scrypt$${salt.toString("base64")}$${hash.toString("base64")}`;
}

/**
 * Whether `key` is the one `stored` was made from. Keys stored before salting are a plain SHA-256 (hex);
 * they still verify, and the caller re-stores them salted (`isLegacyKeyHash`).
 */
export async function apiKeyMatches(key: string, stored: string): Promise<boolean> {
  if (isLegacyKeyHash(stored)) return sameSecret(hashSecret(key), stored);
  const [scheme, salt, hash] = stored.split("$");
  if (scheme !== "scrypt" || salt === undefined || hash === undefined) return false;
  const expected = Buffer.from(hash, "base64");
  const actual = await scryptAsync(key, Buffer.from(salt, "base64"), expected.length, SCRYPT);
  return timingSafeEqual(actual, expected);
}

export function isLegacyKeyHash(stored: string): boolean {
  return /^[0-9a-f]{64}$/.test(stored);
}

/** Compares two secrets in time independent of where they differ. */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a, "utf8");
  const y = Buffer.from(b, "utf8");
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The index format both stores read and write. Format 1 (before 2026-11-28) hashed word n-grams to
 * 52 bits and kept no words; its fingerprints mean nothing to this version.
 */
export const INDEX_FORMAT = 2;

/** A database written in another index format: the message names the database and what to do. */
export class IndexFormatError extends Error {
  override readonly name = "IndexFormatError";
}

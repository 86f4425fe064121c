/**
 * The index format both stores read and write. Format 1 (before 2026-11-28) hashed word n-grams to
 * 52 bits and kept no words; its fingerprints mean nothing to this version. Format 2 numbered sentences
 * with Segmenter's empty ones counted and hashed block keys over UTF-8; format 3 numbers only sentences
 * holding words and hashes UTF-16 code units, so both its stored words and its block keys differ.
 */
export const INDEX_FORMAT = 3;

/** A database written in another index format: the message names the database and what to do. */
export class IndexFormatError extends Error {
  override readonly name = "IndexFormatError";
}

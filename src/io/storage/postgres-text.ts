import type { PgExecutor } from "./postgres-executor.ts";

/**
 * PostgreSQL's text cannot hold U+0000, which a page's text or title may carry (SQLite's can): it is stored as
 * U+FFFD, one UTF-16 unit for one, so that every offset into the text (passages) stays where it was.
 */
export function storableText(text: string): string {
  return text.replaceAll("\u0000", "\uFFFD");
}

/**
 * `db` with every string parameter made storable, for repositories that keep text written by outsiders: a NUL
 * in a page's title becomes U+FFFD instead of failing the whole unit of work. JSON parameters are unaffected
 * (JSON.stringify escapes a NUL), and so are bytes (Buffers).
 */
export function withStorableText(db: PgExecutor): PgExecutor {
  return {
    query: (text, values) => db.query(text, values?.map((value) => (typeof value === "string" ? storableText(value) : value))),
    atomically: (work) => db.atomically((inner) => work(withStorableText(inner))),
  };
}

/**
 * A 64-bit integer column as a driver gives it: a number from SQLite, the decimal string from PostgreSQL (pg
 * leaves int8 to the caller, since a JavaScript number cannot hold all 64 bits; ids never come near 2^53).
 */
export type Int64Column = number | string;

/**
 * Whether `id` can name a row of an `int8` id column. PostgreSQL refuses to compare such a column with a
 * fraction (an error), where SQLite simply finds no row; a repository asks this first so that an id no row can
 * have is "not found" on both databases.
 */
export function isInt8Id(id: number): boolean {
  return Number.isSafeInteger(id) && id >= 1;
}

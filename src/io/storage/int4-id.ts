/** The largest value of PostgreSQL's `int4`, the type of the ids whose tables SQLite's ids fit. */
const INT4_MAX = 2_147_483_647;

/**
 * Whether `id` can name a row of an `int4` id column. PostgreSQL refuses to compare such a column with a number
 * outside the type (an error), where SQLite simply finds no row; a repository asks this first so that an id no
 * row can have is "not found" on both databases.
 */
export function isInt4Id(id: number): boolean {
  return Number.isInteger(id) && id >= 1 && id <= INT4_MAX;
}

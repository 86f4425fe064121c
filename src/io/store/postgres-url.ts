/**
 * A `--db` value names a PostgreSQL database when it is a `postgres://` or `postgresql://` URL (the two schemes
 * libpq accepts); anything else is a SQLite file path.
 */
export function isPostgresUrl(value: string): boolean {
  return /^postgres(ql)?:\/\//i.test(value);
}

/**
 * The URL with its password (in the user part or a `password` parameter) replaced by `***`, for messages: a
 * database URL often carries credentials, and errors end up in terminals, logs and bug reports.
 */
export function redactPostgresUrl(value: string): string {
  return value.replace(/^(postgres(?:ql)?:\/\/[^:/?#@]*):[^@/?#]*@/i, "$1:***@").replace(/([?&]password=)[^&#]*/gi, "$1***");
}

/**
 * Waiting for another process's write lock on a SQLite file. Two `sources add` on one file, or the CLI beside
 * `serve`, take turns at the write lock: a bulk load holds it for a group commit (at most ~1 s, see
 * `GROUP_WRITES`/`GROUP_MS`) and, once per million postings, for the merge of its recent tables, a million
 * rows inserted in key order. Thirty seconds leaves room for that merge on a loaded machine, while a process
 * that holds the lock for good (a stuck writer) is still reported rather than waited for forever. better-sqlite3
 * waits synchronously: a server write that meets a bulk load's lock stalls the server for as long, but commits.
 */
export const BUSY_TIMEOUT_MS = 30_000;

/** Whether `error` is SQLite saying the file stayed locked by another connection past the busy timeout. */
export function isDatabaseBusy(error: unknown): boolean {
  return error instanceof Error && error.name === "SqliteError" && "code" in error && typeof error.code === "string" && error.code.startsWith("SQLITE_BUSY");
}

/** What to tell the user when `file` stayed locked: another process is writing to it. */
export function busyMessage(file: string): string {
  return `another process is writing to ${file}; try again when it finishes (it held the write lock for more than ${BUSY_TIMEOUT_MS / 1000} s)`;
}

import type Database from "better-sqlite3";

/**
 * Transactions on `db`, one at a time, whose repositories are `repositories` themselves: SQLite's stores work
 * synchronously on the one connection behind async signatures. The workers of a pass interleave at every
 * `await`; a second `BEGIN` on the same connection would fail, and a write from another worker would slip into
 * the open transaction, so every write of a unit of work goes through here and waits its turn. Reads need not:
 * they see committed data plus, at worst, the open transaction's.
 */
export function serialTransactions<R>(db: Database.Database, repositories: R): <T>(work: (tx: R) => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(work: (tx: R) => Promise<T>): Promise<T> => {
    const run = async (): Promise<T> => {
      // IMMEDIATE takes the write lock at once: another process (the server) waits at BEGIN, not mid-way.
      db.exec("BEGIN IMMEDIATE");
      try {
        const result = await work(repositories);
        db.exec("COMMIT");
        return result;
      } catch (error) {
        if (db.inTransaction) db.exec("ROLLBACK");
        throw error;
      }
    };
    const next = tail.then(run, run);
    tail = next.catch(() => undefined);
    return next;
  };
}

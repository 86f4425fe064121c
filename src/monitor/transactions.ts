import type Database from "better-sqlite3";

/**
 * Runs `work` as one transaction: everything it writes commits together or not at all.
 * The monitor's stores (and the case and evidence stores it records into) all work synchronously on one
 * connection behind async signatures, so a unit of work — a page's evidence, its check, the cases it opens,
 * the URL's new state and the job's completion — can commit as one: a `kill -9` leaves either all of it or
 * none, and the next pass neither loses nor repeats the page.
 */
export type Atomically = <T>(work: () => Promise<T>) => Promise<T>;

/**
 * Transactions on `db`, one at a time. The workers of a pass interleave at every `await`; a second `BEGIN`
 * on the same connection would fail, and a write from another worker would slip into the open transaction,
 * so every write of the monitor goes through here and waits its turn. Reads (the engine's index lookups)
 * need not: they see committed data plus, at worst, the open transaction's.
 */
export function serialTransactions(db: Database.Database): Atomically {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(work: () => Promise<T>): Promise<T> => {
    const run = async (): Promise<T> => {
      // IMMEDIATE takes the write lock at once: another process (the server) waits at BEGIN, not mid-way.
      db.exec("BEGIN IMMEDIATE");
      try {
        const result = await work();
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

import type Database from "better-sqlite3";
import type { Repositories } from "../io/storage/repositories.ts";

/**
 * The repositories a unit of work writes through, bound to its transaction: what it writes through them
 * commits together or not at all.
 */
export type UnitOfWork = Pick<Repositories, "watchlist" | "queue" | "urls" | "cases" | "evidence">;

/**
 * Runs `work` as one transaction, handing it the repositories bound to that transaction. A unit of work — a
 * page's evidence, its check, the cases it opens, the URL's new state and the job's completion — commits as
 * one: a `kill -9` leaves either all of it or none, and the next pass neither loses nor repeats the page.
 * Reads outside `work` (the engine's index lookups, a URL's previous state) go through the plain repositories.
 */
export type Atomically = <T>(work: (tx: UnitOfWork) => Promise<T>) => Promise<T>;

/**
 * Transactions on `db`, one at a time, whose repositories are `repositories` themselves: SQLite's stores work
 * synchronously on the one connection behind async signatures. The workers of a pass interleave at every
 * `await`; a second `BEGIN` on the same connection would fail, and a write from another worker would slip into
 * the open transaction, so every write of the monitor goes through here and waits its turn. Reads need not:
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

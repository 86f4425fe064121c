import path from "node:path";
import type Database from "better-sqlite3";

/**
 * The last unit of work begun on each database file by this process, across all its connections to it. A
 * process may hold several (the server's, its monitor's); SQLite makes a connection wait for another's write
 * lock by blocking its thread, which in one process is the thread that would finish the other's transaction:
 * a second `BEGIN` there would freeze the process for the busy timeout and then fail. Taking turns per file
 * rather than per connection keeps them from meeting.
 */
const turns = new Map<string | Database.Database, Promise<unknown>>();

/**
 * Transactions on `db`, one at a time among this process's connections to its file, whose repositories are
 * `repositories` themselves: SQLite's stores work synchronously on the one connection behind async
 * signatures. The workers of a pass interleave at every `await`; a second `BEGIN` on the same connection would
 * fail, and a write from another worker would slip into the open transaction, so every write of a unit of work
 * goes through here and waits its turn. Reads need not: they see committed data plus, at worst, the open
 * transaction's.
 */
export function serialTransactions<R>(db: Database.Database, repositories: R): <T>(work: (tx: R) => Promise<T>) => Promise<T> {
  // An in-memory database is the connection's own.
  const file = db.memory ? db : path.resolve(db.name);
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
    const next = (turns.get(file) ?? Promise.resolve()).then(run, run);
    const settled = next.then(
      () => undefined,
      () => undefined,
    );
    turns.set(file, settled);
    // Forgotten once idle, so that the map holds only files with work in hand.
    void settled.then(() => {
      if (turns.get(file) === settled) turns.delete(file);
    });
    return next;
  };
}

import type { TransactionRepositories } from "../io/storage/repositories.ts";

/**
 * The repositories a unit of work writes through, bound to its transaction: what it writes through them
 * commits together or not at all.
 */
export type UnitOfWork = Pick<TransactionRepositories, "watchlist" | "queue" | "urls" | "cases" | "evidence">;

/**
 * Runs `work` as one transaction, handing it the repositories bound to that transaction. A unit of work — a
 * page's evidence, its check, the cases it opens, the URL's new state and the job's completion — commits as
 * one: a `kill -9` leaves either all of it or none, and the next pass neither loses nor repeats the page.
 * Reads outside `work` (the engine's index lookups, a URL's previous state) go through the plain repositories.
 */
export type Atomically = <T>(work: (tx: UnitOfWork) => Promise<T>) => Promise<T>;

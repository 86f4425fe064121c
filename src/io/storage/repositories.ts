import type { CaseStore } from "../../cases/case-store.ts";
import type { EvidenceStore } from "../../cases/evidence.ts";
import type { LicenseStore } from "../../cases/license-store.ts";
import type { PolicyStore } from "../../cases/policy-store.ts";
import type { AuthStore } from "../../server/auth/auth-store.ts";
import type { Watchlist } from "../../monitor/watchlist.ts";
import type { UrlStateStore } from "../../monitor/url-states.ts";
import type { JobQueue } from "../../monitor/job-queue.ts";
import type { MonitorStatusStore } from "../../monitor/monitor-status.ts";

/**
 * The repositories of one database, all on the same connection or pool. A unit of work gets a set bound to its
 * transaction (see `Storage.transaction`): what it writes through them commits together or not at all.
 * Sources are not among them: they are written by their own store and bulk writer, never inside a unit of work.
 */
export interface Repositories {
  cases: CaseStore;
  evidence: EvidenceStore;
  licenses: LicenseStore;
  policies: PolicyStore;
  auth: AuthStore;
  watchlist: Watchlist;
  urls: UrlStateStore;
  queue: JobQueue;
  monitors: MonitorStatusStore;
}

declare const boundToTransaction: unique symbol;

/**
 * A repository as a unit of work has it, bound to its transaction. Only `Storage.transaction` hands these out
 * (`asTransactionRepositories`), so what must run inside one — `recordCheck`, say, whose reads of a page's cases must be
 * the ones its writes change — says so in its parameter types, and a call with the storage's own repositories
 * does not compile. A brand for the compiler only: on SQLite they are the same objects.
 */
export type InTransaction<T> = T & { readonly [boundToTransaction]: true };

/** The repositories of a unit of work (see `InTransaction`). */
export type TransactionRepositories = { readonly [K in keyof Repositories]: InTransaction<Repositories[K]> };

/** `repositories` as bound to a transaction: for `Storage.transaction`'s implementations, of repositories that are. */
export function asTransactionRepositories<R extends Partial<Repositories>>(repositories: R): { readonly [K in keyof R]: InTransaction<R[K]> } {
  return repositories as { readonly [K in keyof R]: InTransaction<R[K]> };
}

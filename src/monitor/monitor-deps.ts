import type { Policy } from "../core/policy/policy.ts";
import type { CaseStore } from "../cases/case-store.ts";
import type { EvidenceStore } from "../cases/evidence.ts";
import type { ConditionalFetcher, Fetcher } from "../io/fetch/fetcher.ts";
import type { JobQueue } from "./job-queue.ts";
import type { UrlStateStore } from "./url-states.ts";
import type { Watchlist } from "./watchlist.ts";
import type { Atomically } from "./transactions.ts";
import type { AnalyzePage } from "./analyze-page.ts";

/** A fetcher that can also ask "changed since?" (the HTTP fetcher is one). */
export type MonitorFetcher = Fetcher & { fetchConditional: ConditionalFetcher };

/** What the monitor works with: its own stores, the engine and case stores it records into, and a fetcher. */
export interface MonitorDeps {
  watchlist: Watchlist;
  queue: JobQueue;
  urls: UrlStateStore;
  /** Reads and checks a fetched page (in this thread or a pool of threads). */
  analyze: AnalyzePage;
  cases: CaseStore;
  evidence: EvidenceStore;
  /** The policy in force (read once per pass, so a pass judges every page alike). */
  policy(): Promise<Policy>;
  /** Every write of the monitor goes through here (see `transactions.ts`). */
  atomically: Atomically;
  fetcher: MonitorFetcher;
  /** Epoch milliseconds; tests move it to make schedules come due. */
  now(): number;
}

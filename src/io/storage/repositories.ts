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

/**
 * The monitor's work queue. SQLite implements it for one machine (`sqlite-job-queue.ts`); a PostgreSQL
 * implementation (claims by `SELECT … FOR UPDATE SKIP LOCKED`) can serve several machines with the same methods.
 *
 * A job is leased, not popped: a worker that dies mid-job (kill -9, a crash, a lost machine) leaves a lease
 * that expires, and the job goes to the next worker. Finished jobs stay, so a URL once done is not queued again
 * unless asked for explicitly (`again`).
 */

/**
 * What a job does: `discover` finds a site's feeds and sitemaps; `listing` reads a feed or sitemap and queues
 * its items; `page` checks a page found in a listing; `recheck` fetches the page of an open case again.
 */
export type JobKind = "discover" | "listing" | "page" | "recheck";

export type JobState = "ready" | "leased" | "done" | "failed";

export interface NewJob {
  kind: JobKind;
  /** The URL to fetch, as found. */
  url: string;
  /** What identifies the job's target across spellings (the normalized URL): one job per (kind, key). */
  key: string;
  /** The watched site the job serves, or null (a re-check of a case opened elsewhere). */
  siteId: number | null;
}

export interface Job extends NewJob {
  id: number;
  /** Failed attempts so far. */
  attempts: number;
  /** Times the job was claimed, including the current claim; more than one means a worker lost it. */
  claims: number;
  /** Why the last attempt failed, or null. */
  reason: string | null;
}

export interface JobQueue {
  /**
   * Adds jobs. A job whose (kind, key) is already ready or leased is left as it is; one already done or
   * failed is made ready again only with `again` (re-reading a feed each pass, re-checking a case).
   * @returns how many jobs became ready.
   */
  enqueue(jobs: readonly NewJob[], options?: { again?: boolean }): Promise<number>;
  /**
   * Leases the next ready job — or one whose lease expired — to `owner` for `leaseMs`; null when none is due.
   * Discovery and listings come before pages, so a pass learns all its URLs early; then oldest first.
   */
  claim(owner: string, leaseMs: number): Promise<Job | null>;
  /** Extends a lease the owner still holds; false when it lost it (expired and claimed by another). */
  renew(id: number, owner: string, leaseMs: number): Promise<boolean>;
  /** Marks the job done; false (and nothing changed) when `owner` no longer holds its lease. */
  complete(id: number, owner: string): Promise<boolean>;
  /**
   * Records a failed attempt: the job becomes ready again at `retryAt` (epoch ms), or fails for good when
   * `retryAt` is null. False (and nothing changed) when `owner` no longer holds its lease.
   */
  fail(id: number, owner: string, failure: { reason: string; retryAt: number | null }): Promise<boolean>;
  /** Owners holding unexpired leases, so a caller can release those it knows are dead. */
  owners(): Promise<string[]>;
  /** Makes every job leased by `owner` ready again at once; returns how many. */
  release(owner: string): Promise<number>;
  /** Drops the ready jobs of a site that is no longer watched; returns how many. */
  cancelSite(siteId: number): Promise<number>;
  /** Jobs per state, for progress and status reports. */
  counts(): Promise<Record<JobState, number>>;
  /** Jobs waiting or in hand (ready or leased) per watched site, for the watchlist's reports; sites with none are absent. */
  queuedPerSite(): Promise<Map<number, number>>;
  /** When the earliest waiting job (a retry, or an expiring lease) becomes claimable (epoch ms), or null. */
  nextDueAt(): Promise<number | null>;
}

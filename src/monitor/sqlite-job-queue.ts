import type Database from "better-sqlite3";
import type { Job, JobKind, JobQueue, JobState, NewJob } from "./job-queue.ts";

/**
 * Claim order: a site's discovery first, then its listings (they turn into page jobs: the sooner every URL of
 * a pass is queued, the less a crash can leave unknown), then re-checks of open cases, then pages.
 */
export const PRIORITY: Readonly<Record<JobKind, number>> = Object.freeze({ discover: 0, listing: 1, recheck: 2, page: 3 });

/**
 * The job queue in the CopyQuota SQLite database. Each method is one statement or one transaction, so it
 * also composes into a caller's transaction on the same connection (a page's check, its cases and the
 * job's completion commit together). Times are epoch milliseconds from `now`.
 */
export class SqliteJobQueue implements JobQueue {
  private readonly stmts;
  private readonly insertMany: (jobs: readonly NewJob[], again: boolean) => number;

  constructor(
    db: Database.Database,
    private readonly now: () => number = Date.now,
  ) {
    this.stmts = {
      insert: db.prepare(`INSERT INTO monitor_jobs (kind, key, url, site_id, priority, state, not_before, enqueued_at)
        VALUES (@kind, @key, @url, @site_id, @priority, 'ready', @now, @now)
        ON CONFLICT (kind, key) DO UPDATE SET state = 'ready', url = excluded.url, site_id = excluded.site_id, not_before = @now,
          owner = NULL, lease_until = NULL, attempts = 0, claims = 0, reason = NULL, enqueued_at = @now, finished_at = NULL
        WHERE @again AND state IN ('done', 'failed')`),
      claim: db.prepare(`UPDATE monitor_jobs SET state = 'leased', owner = @owner, lease_until = @until, claims = claims + 1
        WHERE id = (SELECT id FROM monitor_jobs
          WHERE state IN ('ready', 'leased') AND ((state = 'ready' AND not_before <= @now) OR (state = 'leased' AND lease_until <= @now))
          ORDER BY priority, id LIMIT 1)
        RETURNING *`),
      renew: db.prepare("UPDATE monitor_jobs SET lease_until = @until WHERE id = @id AND state = 'leased' AND owner = @owner"),
      complete: db.prepare(`UPDATE monitor_jobs SET state = 'done', owner = NULL, lease_until = NULL, reason = NULL, finished_at = @now
        WHERE id = @id AND state = 'leased' AND owner = @owner`),
      retry: db.prepare(`UPDATE monitor_jobs SET state = 'ready', owner = NULL, lease_until = NULL, attempts = attempts + 1, reason = @reason,
          not_before = @retry_at
        WHERE id = @id AND state = 'leased' AND owner = @owner`),
      giveUp: db.prepare(`UPDATE monitor_jobs SET state = 'failed', owner = NULL, lease_until = NULL, attempts = attempts + 1, reason = @reason,
          finished_at = @now
        WHERE id = @id AND state = 'leased' AND owner = @owner`),
      owners: db.prepare("SELECT DISTINCT owner FROM monitor_jobs WHERE state = 'leased' AND lease_until > ?").pluck(),
      release: db.prepare("UPDATE monitor_jobs SET state = 'ready', owner = NULL, lease_until = NULL, not_before = @now WHERE state = 'leased' AND owner = @owner"),
      cancelSite: db.prepare("DELETE FROM monitor_jobs WHERE site_id = ? AND state = 'ready'"),
      counts: db.prepare("SELECT state, count(*) AS n FROM monitor_jobs GROUP BY state"),
      // The state condition is the pending index's own: only waiting jobs are read, however many are done.
      queuedPerSite: db.prepare(`SELECT site_id, count(*) AS n FROM monitor_jobs
        WHERE state IN ('ready', 'leased') AND site_id IS NOT NULL GROUP BY site_id`),
      nextDue: db.prepare(`SELECT min(CASE state WHEN 'ready' THEN not_before ELSE lease_until END) FROM monitor_jobs
        WHERE state IN ('ready', 'leased')`).pluck(),
    };
    this.insertMany = db.transaction((jobs: readonly NewJob[], again: boolean): number => {
      const now = this.now();
      let added = 0;
      for (const job of jobs) {
        const info = this.stmts.insert.run({ kind: job.kind, key: job.key, url: job.url, site_id: job.siteId, priority: PRIORITY[job.kind], now, again: again ? 1 : 0 });
        added += info.changes;
      }
      return added;
    });
  }

  async enqueue(jobs: readonly NewJob[], options: { again?: boolean } = {}): Promise<number> {
    return this.insertMany(jobs, options.again ?? false);
  }

  async claim(owner: string, leaseMs: number): Promise<Job | null> {
    const now = this.now();
    const row = this.stmts.claim.get({ owner, now, until: now + leaseMs }) as JobRow | undefined;
    return row ? fromRow(row) : null;
  }

  async renew(id: number, owner: string, leaseMs: number): Promise<boolean> {
    return this.stmts.renew.run({ id, owner, until: this.now() + leaseMs }).changes === 1;
  }

  async complete(id: number, owner: string): Promise<boolean> {
    return this.stmts.complete.run({ id, owner, now: this.now() }).changes === 1;
  }

  async fail(id: number, owner: string, failure: { reason: string; retryAt: number | null }): Promise<boolean> {
    const params = { id, owner, reason: failure.reason };
    const info = failure.retryAt === null ? this.stmts.giveUp.run({ ...params, now: this.now() }) : this.stmts.retry.run({ ...params, retry_at: failure.retryAt });
    return info.changes === 1;
  }

  async owners(): Promise<string[]> {
    return this.stmts.owners.all(this.now()) as string[];
  }

  async release(owner: string): Promise<number> {
    return this.stmts.release.run({ owner, now: this.now() }).changes;
  }

  async cancelSite(siteId: number): Promise<number> {
    return this.stmts.cancelSite.run(siteId).changes;
  }

  async counts(): Promise<Record<JobState, number>> {
    const counts: Record<JobState, number> = { ready: 0, leased: 0, done: 0, failed: 0 };
    for (const row of this.stmts.counts.all() as { state: JobState; n: number }[]) counts[row.state] = row.n;
    return counts;
  }

  async queuedPerSite(): Promise<Map<number, number>> {
    const rows = this.stmts.queuedPerSite.all() as { site_id: number; n: number }[];
    return new Map(rows.map((row) => [row.site_id, row.n]));
  }

  async nextDueAt(): Promise<number | null> {
    return (this.stmts.nextDue.get() as number | null) ?? null;
  }
}

interface JobRow {
  id: number;
  kind: JobKind;
  key: string;
  url: string;
  site_id: number | null;
  attempts: number;
  claims: number;
  reason: string | null;
}

function fromRow(row: JobRow): Job {
  return { id: row.id, kind: row.kind, key: row.key, url: row.url, siteId: row.site_id, attempts: row.attempts, claims: row.claims, reason: row.reason };
}

import type { PgExecutor } from "../io/storage/postgres-executor.ts";
import { withStorableText } from "../io/storage/postgres-text.ts";
import type { Job, JobKind, JobQueue, JobState, NewJob } from "./job-queue.ts";
import { PRIORITY } from "./sqlite-job-queue.ts";

/**
 * The database's clock in epoch milliseconds. Workers on several machines judge leases by one clock — the
 * server's — so a machine whose clock runs ahead cannot take a lease that has not expired.
 */
const DB_NOW = "(extract(epoch FROM clock_timestamp()) * 1000)::int8";

/**
 * The order in which every statement writing several jobs locks them. Two statements locking the same rows in
 * different orders can deadlock, and PostgreSQL then aborts one: two workers reading a site's feed and its
 * sitemap at once queue the same pages, each in its listing's order. Locked in one order, one waits for the other.
 */
const LOCK_ORDER = "kind, key";

/**
 * The monitor's job queue in PostgreSQL (tables: `postgres-tables/queue.ts`), shared by worker processes on
 * several machines. A claim is one statement that picks the first due job with `FOR UPDATE SKIP LOCKED`: a job
 * another worker is claiming at the same moment is skipped, not waited for, so concurrent workers get distinct
 * jobs without queueing behind each other. Two enqueues of one job meet on the unique (kind, key): the second
 * waits for the first's row and then leaves it as it is. Leases, priorities, retries and dedupe are the SQLite
 * queue's (sqlite-job-queue.ts). Every method is one statement, hence atomic on its own.
 */
export class PostgresJobQueue implements JobQueue {
  private readonly db: PgExecutor;

  /** `options.now` replaces the database's clock (tests that move time); without it, every time is the server's. */
  constructor(
    db: PgExecutor,
    private readonly options: { now?: () => number } = {},
  ) {
    // A failure's reason may quote what a hostile page or server sent (an error message): a NUL in it is kept as
    // U+FFFD rather than failing the job's failure itself, which would leave the job leased until its lease ends.
    this.db = withStorableText(db);
  }

  /** The `now` parameter of a statement: the injected clock's reading, or null for the database's. */
  private clock(): number | null {
    return this.options.now ? this.options.now() : null;
  }

  async enqueue(jobs: readonly NewJob[], options: { again?: boolean } = {}): Promise<number> {
    // One statement may not upsert a row twice: the first of duplicates wins, as it does one insert at a time.
    const seen = new Set<string>();
    const unique = jobs.filter((job) => {
      const id = `${job.kind}\n${job.key}`;
      return !seen.has(id) && Boolean(seen.add(id));
    });
    if (unique.length === 0) return 0;
    // Ids are drawn in the order given (pages are claimed in the order their listing named them), rows written in
    // lock order (see LOCK_ORDER).
    const result = await this.db.query(
      `WITH now AS (SELECT coalesce($7::int8, ${DB_NOW}) AS ms),
        queued AS (
          SELECT n.*, nextval(pg_get_serial_sequence('monitor_jobs', 'id')) AS id
          FROM (SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int8[], $5::int4[]) WITH ORDINALITY AS n(kind, key, url, site_id, priority, i) ORDER BY i) AS n
        )
      INSERT INTO monitor_jobs AS j (id, kind, key, url, site_id, priority, state, not_before, enqueued_at)
        SELECT id, kind, key, url, site_id, priority, 'ready', now.ms, now.ms FROM queued, now
        ORDER BY ${LOCK_ORDER}
      ON CONFLICT (kind, key) DO UPDATE SET state = 'ready', url = excluded.url, site_id = excluded.site_id, not_before = excluded.not_before,
        owner = NULL, lease_until = NULL, attempts = 0, claims = 0, reason = NULL, enqueued_at = excluded.enqueued_at, finished_at = NULL
      WHERE $6::boolean AND j.state IN ('done', 'failed')`,
      [
        unique.map((j) => j.kind),
        unique.map((j) => j.key),
        unique.map((j) => j.url),
        unique.map((j) => j.siteId),
        unique.map((j) => PRIORITY[j.kind]),
        options.again ?? false,
        this.clock(),
      ],
    );
    return result.rowCount ?? 0;
  }

  async claim(owner: string, leaseMs: number): Promise<Job | null> {
    const { rows } = await this.db.query<JobRow>(
      `WITH now AS (SELECT coalesce($3::int8, ${DB_NOW}) AS ms),
        next AS (
          SELECT id FROM monitor_jobs, now
          WHERE state IN ('ready', 'leased') AND ((state = 'ready' AND not_before <= now.ms) OR (state = 'leased' AND lease_until <= now.ms))
          ORDER BY priority, id LIMIT 1
          FOR UPDATE OF monitor_jobs SKIP LOCKED
        )
      UPDATE monitor_jobs SET state = 'leased', owner = $1, lease_until = now.ms + $2::int8, claims = claims + 1
        FROM next, now WHERE monitor_jobs.id = next.id
        RETURNING monitor_jobs.*`,
      [owner, leaseMs, this.clock()],
    );
    return rows[0] ? fromRow(rows[0]) : null;
  }

  async renew(id: number, owner: string, leaseMs: number): Promise<boolean> {
    const result = await this.db.query(
      `UPDATE monitor_jobs SET lease_until = coalesce($4::int8, ${DB_NOW}) + $3::int8 WHERE id = $1 AND state = 'leased' AND owner = $2`,
      [id, owner, leaseMs, this.clock()],
    );
    return result.rowCount === 1;
  }

  async complete(id: number, owner: string): Promise<boolean> {
    const result = await this.db.query(
      `UPDATE monitor_jobs SET state = 'done', owner = NULL, lease_until = NULL, reason = NULL, finished_at = coalesce($3::int8, ${DB_NOW})
        WHERE id = $1 AND state = 'leased' AND owner = $2`,
      [id, owner, this.clock()],
    );
    return result.rowCount === 1;
  }

  async fail(id: number, owner: string, failure: { reason: string; retryAt: number | null }): Promise<boolean> {
    const result =
      failure.retryAt === null
        ? await this.db.query(
            `UPDATE monitor_jobs SET state = 'failed', owner = NULL, lease_until = NULL, attempts = attempts + 1, reason = $3,
                finished_at = coalesce($4::int8, ${DB_NOW})
              WHERE id = $1 AND state = 'leased' AND owner = $2`,
            [id, owner, failure.reason, this.clock()],
          )
        : await this.db.query(
            `UPDATE monitor_jobs SET state = 'ready', owner = NULL, lease_until = NULL, attempts = attempts + 1, reason = $3, not_before = $4::int8
              WHERE id = $1 AND state = 'leased' AND owner = $2`,
            [id, owner, failure.reason, failure.retryAt],
          );
    return result.rowCount === 1;
  }

  async owners(): Promise<string[]> {
    const { rows } = await this.db.query<{ owner: string }>(
      `SELECT DISTINCT owner FROM monitor_jobs WHERE state = 'leased' AND lease_until > coalesce($1::int8, ${DB_NOW}) ORDER BY owner`,
      [this.clock()],
    );
    return rows.map((row) => row.owner);
  }

  async release(owner: string): Promise<number> {
    const result = await this.db.query(
      `UPDATE monitor_jobs SET state = 'ready', owner = NULL, lease_until = NULL, not_before = coalesce($2::int8, ${DB_NOW})
        WHERE id IN (SELECT id FROM monitor_jobs WHERE state = 'leased' AND owner = $1 ORDER BY ${LOCK_ORDER} FOR UPDATE)`,
      [owner, this.clock()],
    );
    return result.rowCount ?? 0;
  }

  async cancelSite(siteId: number): Promise<number> {
    const result = await this.db.query(
      `DELETE FROM monitor_jobs WHERE id IN (SELECT id FROM monitor_jobs WHERE site_id = $1 AND state = 'ready' ORDER BY ${LOCK_ORDER} FOR UPDATE)`,
      [siteId],
    );
    return result.rowCount ?? 0;
  }

  async counts(): Promise<Record<JobState, number>> {
    const counts: Record<JobState, number> = { ready: 0, leased: 0, done: 0, failed: 0 };
    const { rows } = await this.db.query<{ state: JobState; n: number }>("SELECT state, count(*)::int4 AS n FROM monitor_jobs GROUP BY state");
    for (const row of rows) counts[row.state] = row.n;
    return counts;
  }

  async queuedPerSite(): Promise<Map<number, number>> {
    const { rows } = await this.db.query<{ site_id: string; n: number }>(
      "SELECT site_id, count(*)::int4 AS n FROM monitor_jobs WHERE state IN ('ready', 'leased') AND site_id IS NOT NULL GROUP BY site_id",
    );
    return new Map(rows.map((row) => [Number(row.site_id), row.n]));
  }

  async nextDueAt(): Promise<number | null> {
    const { rows } = await this.db.query<{ due: string | null }>(
      "SELECT min(CASE state WHEN 'ready' THEN not_before ELSE lease_until END) AS due FROM monitor_jobs WHERE state IN ('ready', 'leased')",
    );
    return rows[0]!.due === null ? null : Number(rows[0]!.due);
  }
}

/** int8 columns arrive as decimal strings (JavaScript numbers cannot hold all 64 bits); ids and site ids fit in 53. */
interface JobRow {
  id: string;
  kind: JobKind;
  key: string;
  url: string;
  site_id: string | null;
  attempts: number;
  claims: number;
  reason: string | null;
}

function fromRow(row: JobRow): Job {
  return {
    id: Number(row.id),
    kind: row.kind,
    key: row.key,
    url: row.url,
    siteId: row.site_id === null ? null : Number(row.site_id),
    attempts: row.attempts,
    claims: row.claims,
    reason: row.reason,
  };
}

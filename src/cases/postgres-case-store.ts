import type { Violation } from "../core/types.ts";
import type { PgExecutor } from "../io/storage/postgres-executor.ts";
import type { Actor, Case, CaseEvent, CaseFilter, CaseStats, CaseStatus, CheckRecord, Observation } from "./case.ts";
import type { CaseStore, ChangeContext, CheckToRecord, RecordedCheck } from "./case-store.ts";
import type { CaseSnapshot, PlannedChange } from "./plan-case-updates.ts";
import type { CaseRow, CheckRow, EventRow, ObservationRow } from "./case-row.ts";
import type { Int64Column } from "../io/storage/int8-id.ts";
import { CASE_STATUSES, OPEN_STATUSES } from "./case.ts";
import { CaseNotFoundError } from "./case-store.ts";
import { assertTransition } from "./status-machine.ts";
import { domainFilter } from "./domain-filter.ts";
import { caseFromRow, checkFromRow, eventFromRow, manualResolution, measuredColumns, observationFromRow } from "./case-row.ts";
import { firstSeenUntil } from "./first-seen-until.ts";
import { lastDays } from "./last-days.ts";
import { isInt8Id } from "../io/storage/int8-id.ts";
import { withStorableText } from "../io/storage/postgres-text.ts";

/**
 * Checks, cases, observations and status history in PostgreSQL (tables: postgres-tables/cases.ts), with the
 * SQLite store's semantics, for several servers and monitor workers on one database. What guards each race:
 * - two workers recording the same candidate page: recording (`record-check.ts`) first reads the page's cases
 *   with `casesOfPage`, which takes a transaction-level advisory lock on the page's key, so the second waits
 *   and then plans on the cases the first opened; the unique (candidate_key, source_url) constraint is the
 *   backstop;
 * - a check and a person changing the same case: both lock the case's row (`FOR UPDATE`), so the check's plan
 *   and the person's transition each see the status the other left;
 * - two people changing one case: the row lock orders them, and the second's transition is checked against
 *   the first's result.
 */
export class PostgresCaseStore implements CaseStore {
  private readonly db: PgExecutor;

  constructor(db: PgExecutor) {
    this.db = withStorableText(db);
  }

  /**
   * Serializes the recordings of one candidate page among every process on the database (the lock is the unit
   * of work's transaction's), then reads the page's cases with their rows locked against a person's status
   * change. Cases come in source URL order, as SQLite's unique index gives them, so the plan's changes come in
   * the same order.
   */
  async casesOfPage(candidateKey: string): Promise<CaseSnapshot[]> {
    await this.db.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [`copyquota.case:${candidateKey}`]);
    const { rows } = await this.db.query<{ id: Int64Column; source_url: string; status: CaseStatus }>(
      `SELECT id, source_url, status FROM cases WHERE candidate_key = $1 ORDER BY source_url COLLATE "C" FOR UPDATE`,
      [candidateKey],
    );
    return rows.map((row) => ({ id: Number(row.id), sourceUrl: row.source_url, status: row.status }));
  }

  async insertCheck(candidateKey: string, check: CheckToRecord): Promise<number> {
    const { rows } = await this.db.query<{ id: Int64Column }>(
      `INSERT INTO checks (at, actor, candidate_key, verdict, candidate_text, result, evidence_sha256)
        VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [check.at, check.actor, candidateKey, check.result.verdict, check.candidateText, JSON.stringify(check.result), check.evidenceSha256],
    );
    return Number(rows[0]!.id);
  }

  async applyChanges(changes: readonly PlannedChange[], context: ChangeContext): Promise<RecordedCheck> {
    return this.db.atomically((db) => apply(db, changes, context));
  }

  async getCase(id: number): Promise<Case | null> {
    if (!isInt8Id(id)) return null;
    const { rows } = await this.db.query<CaseRow>("SELECT * FROM cases WHERE id = $1", [id]);
    return rows[0] ? caseFromRow(rows[0]) : null;
  }

  async listCases(filter: CaseFilter, page: { limit: number; offset: number }): Promise<{ total: number; items: Case[] }> {
    const { where, values } = whereClause(filter);
    const [count, items] = await Promise.all([
      this.db.query<{ n: number }>(`SELECT count(*)::int4 AS n FROM cases ${where}`, values),
      this.db.query<CaseRow>(`SELECT * FROM cases ${where} ORDER BY last_seen DESC, id DESC LIMIT $${values.length + 1} OFFSET $${values.length + 2}`, [
        ...values,
        page.limit,
        page.offset,
      ]),
    ]);
    return { total: count.rows[0]!.n, items: items.rows.map(caseFromRow) };
  }

  async changeStatus(id: number, to: CaseStatus, change: { actor: Actor; comment: string; at: string }): Promise<Case> {
    if (!isInt8Id(id)) throw new CaseNotFoundError(id);
    return this.db.atomically(async (db) => {
      const { rows } = await db.query<CaseRow>("SELECT * FROM cases WHERE id = $1 FOR UPDATE", [id]);
      const row = rows[0];
      if (!row) throw new CaseNotFoundError(id);
      assertTransition(row.status, to);
      const updated = await setStatus(db, id, to, change.at, manualResolution(to, change));
      await insertEvent(db, { caseId: id, at: change.at, actor: change.actor, from: row.status, to, comment: change.comment });
      return caseFromRow(updated);
    });
  }

  async history(caseId: number): Promise<CaseEvent[]> {
    if (!isInt8Id(caseId)) return [];
    const { rows } = await this.db.query<EventRow>("SELECT * FROM case_events WHERE case_id = $1 ORDER BY id", [caseId]);
    return rows.map(eventFromRow);
  }

  async observations(caseId: number): Promise<Observation[]> {
    if (!isInt8Id(caseId)) return [];
    const { rows } = await this.db.query<ObservationRow>("SELECT * FROM case_observations WHERE case_id = $1 ORDER BY id", [caseId]);
    return rows.map(observationFromRow);
  }

  async getCheck(id: number): Promise<CheckRecord | null> {
    if (!isInt8Id(id)) return null;
    const { rows } = await this.db.query<CheckRow>("SELECT * FROM checks WHERE id = $1", [id]);
    return rows[0] ? checkFromRow(rows[0]) : null;
  }

  async stats(options: { days: number; now: string; topDomains: number }): Promise<CaseStats> {
    const days = lastDays(options.now, options.days);
    const [statuses, violations, perDay, domains] = await Promise.all([
      this.db.query<{ status: CaseStatus; n: number }>("SELECT status, count(*)::int4 AS n FROM cases GROUP BY status"),
      this.db.query<{ violation: Violation; n: number }>(
        `SELECT v AS violation, count(*)::int4 AS n FROM cases, jsonb_array_elements_text(cases.violations::jsonb) AS v
          WHERE cases.status = ANY($1::text[]) GROUP BY v`,
        [OPEN_STATUSES],
      ),
      this.db.query<{ day: string; n: number }>("SELECT substr(first_seen, 1, 10) AS day, count(*)::int4 AS n FROM cases WHERE first_seen >= $1 GROUP BY day", [days[0]]),
      this.db.query<CaseStats["topDomains"][number]>(
        `SELECT domain, open, total FROM (
            SELECT candidate_domain AS domain, (count(*) FILTER (WHERE status = ANY($1::text[])))::int4 AS open, count(*)::int4 AS total
            FROM cases GROUP BY candidate_domain
          ) AS d
          WHERE open > 0 ORDER BY open DESC, total DESC, domain LIMIT $2`,
        [OPEN_STATUSES, options.topDomains],
      ),
    ]);
    const byStatus = Object.fromEntries(CASE_STATUSES.map((s) => [s, 0])) as Record<CaseStatus, number>;
    for (const row of statuses.rows) byStatus[row.status] = row.n;
    const openByViolation: Partial<Record<Violation, number>> = {};
    for (const row of violations.rows) openByViolation[row.violation] = row.n;
    const counts = new Map(perDay.rows.map((row) => [row.day, row.n]));
    return {
      byStatus,
      openByViolation,
      newPerDay: days.map((day) => ({ day, count: counts.get(day) ?? 0 })),
      topDomains: domains.rows,
    };
  }
}

/** Applies planned changes inside the caller's transaction. */
async function apply(db: PgExecutor, changes: readonly PlannedChange[], context: ChangeContext): Promise<RecordedCheck> {
  const recorded: RecordedCheck = { checkId: context.checkId, opened: [], updated: [], resolved: [], reopened: [] };
  for (const change of changes) {
    const measured = change.match && context.caps && context.checkId !== null ? measuredColumns(change.match, { candidate: context.candidate, caps: context.caps, at: context.at, checkId: context.checkId }) : null;
    let caseId = change.caseId;
    if (caseId === null) {
      if (measured === null) continue;
      const { rows } = await db.query<{ id: Int64Column }>(
        `INSERT INTO cases (candidate_key, candidate_url, candidate_domain, candidate_title, source_url, source_title, status,
            share, reused_chars, source_chars, max_share, max_chars, violations, link, passages, first_seen, last_seen, updated_at, resolution, last_check_id)
          VALUES ($1, $2, $3, $4, $5, $6, 'new', $7, $8, $9, $10, $11, $12, $13, $14, $15, $15, $15, NULL, $16) RETURNING id`,
        [
          context.candidate.key, measured.candidate_url, context.candidate.domain, measured.candidate_title, change.match!.source.url, measured.source_title,
          measured.share, measured.reused_chars, measured.source_chars, measured.max_share, measured.max_chars, measured.violations, measured.link, measured.passages,
          measured.at, measured.check_id,
        ],
      );
      caseId = Number(rows[0]!.id);
      recorded.opened.push(caseId);
    } else if (change.refresh && measured !== null) {
      await db.query(
        `UPDATE cases SET candidate_url = $2, candidate_title = $3, source_title = $4, share = $5, reused_chars = $6, source_chars = $7, max_share = $8,
            max_chars = $9, violations = $10, link = $11, passages = $12, last_seen = $13, last_check_id = $14
          WHERE id = $1`,
        [
          caseId, measured.candidate_url, measured.candidate_title, measured.source_title, measured.share, measured.reused_chars, measured.source_chars,
          measured.max_share, measured.max_chars, measured.violations, measured.link, measured.passages, measured.at, measured.check_id,
        ],
      );
      recorded.updated.push(caseId);
    }
    await db.query(
      `INSERT INTO case_observations (case_id, check_id, at, outcome, share, violations, evidence_sha256) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [caseId, context.checkId, context.at, change.outcome, change.match?.share ?? 0, JSON.stringify(change.match?.violations ?? []), context.evidenceSha256],
    );
    const transition = change.transition;
    if (transition !== null) {
      if (transition.from !== null) {
        await setStatus(db, caseId, transition.to, context.at, transition.to === "resolved" ? transition.comment : null);
        if (transition.to === "resolved") recorded.resolved.push(caseId);
        if (transition.to === "new") recorded.reopened.push(caseId);
      }
      await insertEvent(db, { caseId, at: context.at, actor: context.actor, from: transition.from, to: transition.to, comment: transition.comment });
    }
  }
  return recorded;
}

async function setStatus(db: PgExecutor, id: number, status: CaseStatus, at: string, resolution: string | null): Promise<CaseRow> {
  const { rows } = await db.query<CaseRow>("UPDATE cases SET status = $2, updated_at = $3, resolution = $4 WHERE id = $1 RETURNING *", [id, status, at, resolution]);
  return rows[0]!;
}

async function insertEvent(db: PgExecutor, event: Omit<CaseEvent, "id">): Promise<void> {
  await db.query("INSERT INTO case_events (case_id, at, actor, from_status, to_status, comment) VALUES ($1, $2, $3, $4, $5, $6)", [
    event.caseId,
    event.at,
    event.actor,
    event.from,
    event.to,
    event.comment,
  ]);
}

/**
 * The listing's conditions, as the SQLite store writes them. The text search is SQLite's LIKE: it ignores the
 * case of ASCII letters only (lower() under COLLATE "C" folds those alone, whatever the server's locale) and
 * has no escape character (PostgreSQL's LIKE would take a backslash as one).
 */
function whereClause(filter: CaseFilter): { where: string; values: unknown[] } {
  const terms: string[] = [];
  const values: unknown[] = [];
  const param = (value: unknown) => `$${values.push(value)}`;
  if (filter.status && filter.status.length > 0) terms.push(`status = ANY(${param(filter.status)}::text[])`);
  if (filter.violation) terms.push(`EXISTS (SELECT 1 FROM jsonb_array_elements_text(cases.violations::jsonb) AS v WHERE v = ${param(filter.violation)})`);
  if (filter.domain) {
    const wanted = domainFilter(filter.domain);
    if ("domain" in wanted) {
      const domain = param(wanted.domain);
      terms.push(`(candidate_domain = ${domain} OR candidate_domain LIKE '%.' || ${domain}::text ESCAPE '')`);
    } else {
      terms.push(`strpos(candidate_domain, ${param(wanted.part)}) > 0`);
    }
  }
  if (filter.from) terms.push(`first_seen >= ${param(filter.from)}`);
  if (filter.until) {
    const bound = firstSeenUntil(filter.until);
    terms.push(`first_seen ${bound.inclusive ? "<=" : "<"} ${param(bound.value)}`);
  }
  if (filter.query) {
    const q = `lower(${param(`%${filter.query}%`)}::text COLLATE "C")`;
    const like = (column: string) => `lower(${column} COLLATE "C") LIKE ${q} ESCAPE ''`;
    terms.push(`(${["candidate_url", "candidate_title", "source_url", "source_title"].map(like).join(" OR ")})`);
  }
  return { where: terms.length > 0 ? `WHERE ${terms.join(" AND ")}` : "", values };
}

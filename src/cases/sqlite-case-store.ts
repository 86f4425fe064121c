import type Database from "better-sqlite3";
import type { Violation } from "../core/types.ts";
import type { Actor, Case, CaseEvent, CaseFilter, CaseStats, CaseStatus, CheckRecord, Observation } from "./case.ts";
import type { CaseStore, ChangeContext, CheckToRecord, RecordedCheck } from "./case-store.ts";
import type { CaseSnapshot, PlannedChange } from "./plan-case-updates.ts";
import type { CaseRow, CheckRow, EventRow, ObservationRow } from "./case-row.ts";
import { CASE_STATUSES } from "./case.ts";
import { CaseNotFoundError } from "./case-store.ts";
import { assertTransition } from "./status-machine.ts";
import { domainFilter } from "./domain-filter.ts";
import { caseFromRow, checkFromRow, eventFromRow, manualResolution, measuredColumns, observationFromRow } from "./case-row.ts";
import { firstSeenUntil } from "./first-seen-until.ts";
import { lastDays } from "./last-days.ts";

/** Checks, cases, observations and status history in the CopyQuota SQLite database. */
export class SqliteCaseStore implements CaseStore {
  private readonly db: Database.Database;
  private readonly stmts;

  constructor(db: Database.Database) {
    this.db = db;
    this.stmts = {
      insertCheck: db.prepare(`INSERT INTO checks (at, actor, candidate_key, verdict, candidate_text, result, evidence_sha256)
        VALUES (@at, @actor, @candidate_key, @verdict, @candidate_text, @result, @evidence_sha256)`),
      check: db.prepare("SELECT * FROM checks WHERE id = ?"),
      casesOfCandidate: db.prepare("SELECT id, source_url, status FROM cases WHERE candidate_key = ?"),
      insertCase: db.prepare(`INSERT INTO cases (candidate_key, candidate_url, candidate_domain, candidate_title, source_url, source_title, status,
          share, reused_chars, source_chars, max_share, max_chars, violations, link, passages, first_seen, last_seen, updated_at, resolution, last_check_id)
        VALUES (@candidate_key, @candidate_url, @candidate_domain, @candidate_title, @source_url, @source_title, 'new',
          @share, @reused_chars, @source_chars, @max_share, @max_chars, @violations, @link, @passages, @at, @at, @at, NULL, @check_id)`),
      refreshCase: db.prepare(`UPDATE cases SET candidate_url = @candidate_url, candidate_title = @candidate_title, source_title = @source_title, share = @share,
          reused_chars = @reused_chars, source_chars = @source_chars, max_share = @max_share, max_chars = @max_chars,
          violations = @violations, link = @link, passages = @passages, last_seen = @at, last_check_id = @check_id
        WHERE id = @id`),
      setStatus: db.prepare("UPDATE cases SET status = @status, updated_at = @at, resolution = @resolution WHERE id = @id"),
      caseById: db.prepare("SELECT * FROM cases WHERE id = ?"),
      insertObservation: db.prepare(`INSERT INTO case_observations (case_id, check_id, at, outcome, share, violations, evidence_sha256)
        VALUES (@case_id, @check_id, @at, @outcome, @share, @violations, @evidence_sha256)`),
      insertEvent: db.prepare(`INSERT INTO case_events (case_id, at, actor, from_status, to_status, comment)
        VALUES (@case_id, @at, @actor, @from_status, @to_status, @comment)`),
      events: db.prepare("SELECT * FROM case_events WHERE case_id = ? ORDER BY id"),
      observations: db.prepare("SELECT * FROM case_observations WHERE case_id = ? ORDER BY id"),
      byStatus: db.prepare("SELECT status, count(*) AS n FROM cases GROUP BY status"),
      openByViolation: db.prepare(`SELECT v.value AS violation, count(*) AS n FROM cases, json_each(cases.violations) AS v
        WHERE cases.status IN ('new', 'confirmed', 'notified') GROUP BY v.value`),
      newPerDay: db.prepare("SELECT substr(first_seen, 1, 10) AS day, count(*) AS n FROM cases WHERE first_seen >= ? GROUP BY day"),
      topDomains: db.prepare(`SELECT candidate_domain AS domain, sum(status IN ('new', 'confirmed', 'notified')) AS open, count(*) AS total
        FROM cases GROUP BY candidate_domain HAVING open > 0 ORDER BY open DESC, total DESC, domain LIMIT ?`),
    };
  }

  async casesOfPage(candidateKey: string): Promise<CaseSnapshot[]> {
    return (this.stmts.casesOfCandidate.all(candidateKey) as { id: number; source_url: string; status: CaseStatus }[]).map((row) => ({
      id: row.id,
      sourceUrl: row.source_url,
      status: row.status,
    }));
  }

  async insertCheck(candidateKey: string, check: CheckToRecord): Promise<number> {
    return Number(
      this.stmts.insertCheck.run({
        at: check.at,
        actor: check.actor,
        candidate_key: candidateKey,
        verdict: check.result.verdict,
        candidate_text: check.candidateText,
        result: JSON.stringify(check.result),
        evidence_sha256: check.evidenceSha256,
      }).lastInsertRowid,
    );
  }

  async applyChanges(changes: readonly PlannedChange[], context: ChangeContext): Promise<RecordedCheck> {
    // A transaction of its own, or a savepoint of the unit of work around it: all the changes or none.
    return this.db.transaction(() => this.apply(changes, context))();
  }

  private apply(changes: readonly PlannedChange[], context: ChangeContext): RecordedCheck {
    const recorded: RecordedCheck = { checkId: context.checkId, opened: [], updated: [], resolved: [], reopened: [] };
    for (const change of changes) {
      const measured = change.match && context.caps && context.checkId !== null
        ? measuredColumns(change.match, { candidate: context.candidate, caps: context.caps, at: context.at, checkId: context.checkId })
        : null;
      let caseId = change.caseId;
      if (caseId === null) {
        if (measured === null) continue;
        caseId = Number(
          this.stmts.insertCase.run({ ...measured, candidate_key: context.candidate.key, candidate_domain: context.candidate.domain, source_url: change.match!.source.url })
            .lastInsertRowid,
        );
        recorded.opened.push(caseId);
      } else if (change.refresh && measured !== null) {
        this.stmts.refreshCase.run({ ...measured, id: caseId });
        recorded.updated.push(caseId);
      }
      this.stmts.insertObservation.run({
        case_id: caseId,
        check_id: context.checkId,
        at: context.at,
        outcome: change.outcome,
        share: change.match?.share ?? 0,
        violations: JSON.stringify(change.match?.violations ?? []),
        evidence_sha256: context.evidenceSha256,
      });
      const transition = change.transition;
      if (transition !== null) {
        if (transition.from !== null) {
          this.stmts.setStatus.run({ id: caseId, status: transition.to, at: context.at, resolution: transition.to === "resolved" ? transition.comment : null });
          if (transition.to === "resolved") recorded.resolved.push(caseId);
          if (transition.to === "new") recorded.reopened.push(caseId);
        }
        this.stmts.insertEvent.run({ case_id: caseId, at: context.at, actor: context.actor, from_status: transition.from, to_status: transition.to, comment: transition.comment });
      }
    }
    return recorded;
  }

  async getCase(id: number): Promise<Case | null> {
    const row = this.stmts.caseById.get(id) as CaseRow | undefined;
    return row ? caseFromRow(row) : null;
  }

  async listCases(filter: CaseFilter, page: { limit: number; offset: number }): Promise<{ total: number; items: Case[] }> {
    const { where, params } = whereClause(filter);
    const total = this.db.prepare(`SELECT count(*) FROM cases ${where}`).pluck().get(params) as number;
    const rows = this.db
      .prepare(`SELECT * FROM cases ${where} ORDER BY last_seen DESC, id DESC LIMIT @limit OFFSET @offset`)
      .all({ ...params, limit: page.limit, offset: page.offset }) as CaseRow[];
    return { total, items: rows.map(caseFromRow) };
  }

  async changeStatus(id: number, to: CaseStatus, change: { actor: Actor; comment: string; at: string }): Promise<Case> {
    const tx = this.db.transaction((): Case => {
      const row = this.stmts.caseById.get(id) as CaseRow | undefined;
      if (!row) throw new CaseNotFoundError(id);
      assertTransition(row.status, to);
      this.stmts.setStatus.run({ id, status: to, at: change.at, resolution: manualResolution(to, change) });
      this.stmts.insertEvent.run({ case_id: id, at: change.at, actor: change.actor, from_status: row.status, to_status: to, comment: change.comment });
      return caseFromRow(this.stmts.caseById.get(id) as CaseRow);
    });
    return tx();
  }

  async history(caseId: number): Promise<CaseEvent[]> {
    return (this.stmts.events.all(caseId) as EventRow[]).map(eventFromRow);
  }

  async observations(caseId: number): Promise<Observation[]> {
    return (this.stmts.observations.all(caseId) as ObservationRow[]).map(observationFromRow);
  }

  async getCheck(id: number): Promise<CheckRecord | null> {
    const row = this.stmts.check.get(id) as CheckRow | undefined;
    return row ? checkFromRow(row) : null;
  }

  async stats(options: { days: number; now: string; topDomains: number }): Promise<CaseStats> {
    const byStatus = Object.fromEntries(CASE_STATUSES.map((s) => [s, 0])) as Record<CaseStatus, number>;
    for (const row of this.stmts.byStatus.all() as { status: CaseStatus; n: number }[]) byStatus[row.status] = row.n;
    const openByViolation: Partial<Record<Violation, number>> = {};
    for (const row of this.stmts.openByViolation.all() as { violation: Violation; n: number }[]) openByViolation[row.violation] = row.n;
    const days = lastDays(options.now, options.days);
    const counts = new Map((this.stmts.newPerDay.all(days[0]) as { day: string; n: number }[]).map((row) => [row.day, row.n]));
    return {
      byStatus,
      openByViolation,
      newPerDay: days.map((day) => ({ day, count: counts.get(day) ?? 0 })),
      topDomains: this.stmts.topDomains.all(options.topDomains) as CaseStats["topDomains"],
    };
  }
}

function whereClause(filter: CaseFilter): { where: string; params: Record<string, unknown> } {
  const terms: string[] = [];
  const params: Record<string, unknown> = {};
  if (filter.status && filter.status.length > 0) {
    terms.push(`status IN (${filter.status.map((_, i) => `@status${i}`).join(", ")})`);
    filter.status.forEach((s, i) => (params[`status${i}`] = s));
  }
  if (filter.violation) {
    terms.push("EXISTS (SELECT 1 FROM json_each(cases.violations) WHERE value = @violation)");
    params.violation = filter.violation;
  }
  if (filter.domain) {
    const wanted = domainFilter(filter.domain);
    if ("domain" in wanted) {
      terms.push("(candidate_domain = @domain OR candidate_domain LIKE '%.' || @domain)");
      params.domain = wanted.domain;
    } else {
      terms.push("instr(candidate_domain, @domainPart) > 0");
      params.domainPart = wanted.part;
    }
  }
  if (filter.from) {
    terms.push("first_seen >= @from");
    params.from = filter.from;
  }
  if (filter.until) {
    const bound = firstSeenUntil(filter.until);
    terms.push(bound.inclusive ? "first_seen <= @until" : "first_seen < @until");
    params.until = bound.value;
  }
  if (filter.query) {
    terms.push("(candidate_url LIKE @q OR candidate_title LIKE @q OR source_url LIKE @q OR source_title LIKE @q)");
    params.q = `%${filter.query}%`;
  }
  return { where: terms.length > 0 ? `WHERE ${terms.join(" AND ")}` : "", params };
}

import type { CheckResult } from "../core/types.ts";
import type { Actor, Case, CaseEvent, CaseFilter, CaseStats, CaseStatus, CheckRecord, Observation } from "./case.ts";

/** The policy's caps at the time of a check, kept with the case so "share vs cap" means what it meant then. */
export interface CapsAtCheck {
  maxShare: number;
  maxChars: number | null;
}

/** A check of a candidate page, as recorded: its result, the text and bytes it rests on, who made it and when. */
export interface CheckToRecord {
  result: CheckResult;
  candidateText: string;
  evidenceSha256: string;
  caps: CapsAtCheck;
  actor: Actor;
  /** When the check was made (ISO); also the time of every observation and event it causes. */
  at: string;
}

/** What recording one check changed. */
export interface RecordedCheck {
  /** The check recorded; null when the page was gone and there was nothing to check. */
  checkId: number | null;
  opened: number[];
  updated: number[];
  resolved: number[];
  reopened: number[];
}

export class CaseNotFoundError extends Error {
  constructor(id: number) {
    super(`case ${id} does not exist`);
    this.name = "CaseNotFoundError";
  }
}

/**
 * Persistence of checks, cases, their observations and status history. SQLite implements it for one
 * machine; PostgreSQL can implement the same methods. Recording a check is one atomic step: the check, the
 * cases it opens or changes, their observations and history entries are written together or not at all.
 */
export interface CaseStore {
  /** Records a check of a candidate page and applies it to the page's cases (see `planCaseUpdates`). */
  recordCheck(input: CheckToRecord): Promise<RecordedCheck>;
  /** Records that a page answered 404/410: its open cases are resolved as gone. */
  recordGone(input: { candidateUrl: string; status: number; evidenceSha256: string; actor: Actor; at: string }): Promise<RecordedCheck>;
  getCase(id: number): Promise<Case | null>;
  listCases(filter: CaseFilter, page: { limit: number; offset: number }): Promise<{ total: number; items: Case[] }>;
  /**
   * Moves a case to another status on a person's request.
   * @throws CaseNotFoundError, TransitionError
   */
  changeStatus(id: number, to: CaseStatus, change: { actor: Actor; comment: string; at: string }): Promise<Case>;
  history(caseId: number): Promise<CaseEvent[]>;
  observations(caseId: number): Promise<Observation[]>;
  getCheck(id: number): Promise<CheckRecord | null>;
  /** Dashboard counts; `newPerDay` covers the `days` days up to and including the day of `now`. */
  stats(options: { days: number; now: string; topDomains: number }): Promise<CaseStats>;
}

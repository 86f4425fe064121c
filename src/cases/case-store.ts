import type { CheckResult } from "../core/types.ts";
import type { CaseSnapshot, PlannedChange } from "./plan-case-updates.ts";
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
 * What applying a plan's changes writes beside them: the check (null when the page was gone), the candidate
 * page, the policy's caps at the time, the evidence, who and when.
 */
export interface ChangeContext {
  checkId: number | null;
  candidate: { key: string; url: string; domain: string; title: string };
  caps: CapsAtCheck | null;
  evidenceSha256: string;
  actor: Actor;
  at: string;
}

/**
 * Persistence of checks, cases, their observations and status history, in SQLite or PostgreSQL. The store
 * decides nothing about a check: recording one (`record-check.ts`) reads the page's cases here, plans the
 * changes (`plan-case-updates.ts`) and writes them back here, all in one unit of work of the storage, so the
 * check, the cases it opens or changes, their observations and history entries commit together or not at all.
 */
export interface CaseStore {
  /**
   * The cases of a candidate page (named by its `candidateKey`), source URL order, as a plan needs them. Inside a
   * unit of work they stay as read until it ends: PostgreSQL locks the page, so that another recording of it
   * waits, and the cases' rows, so that a person's status change waits; SQLite's write lock does both.
   */
  casesOfPage(candidateKey: string): Promise<CaseSnapshot[]>;
  /** Stores a check of the page named by `candidateKey`; returns its id. */
  insertCheck(candidateKey: string, check: CheckToRecord): Promise<number>;
  /**
   * Writes a plan's changes, made on what `casesOfPage` read in the same unit of work: opens and refreshes
   * cases, adds each change's observation, moves statuses and writes their history. All or nothing.
   * @throws on a second case for one page and source (the unique constraint), writing nothing
   */
  applyChanges(changes: readonly PlannedChange[], context: ChangeContext): Promise<RecordedCheck>;
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

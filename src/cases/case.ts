import type { CheckResult, LinkFinding, MatchVerdict, Passage, Violation } from "../core/types.ts";

/**
 * Where a case stands. The editor's path is new → confirmed → notified → resolved | dismissed;
 * `status-machine.ts` says which steps are allowed.
 */
export const CASE_STATUSES = Object.freeze(["new", "confirmed", "notified", "resolved", "dismissed"] as const);
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** Statuses in which a case still asks for work. */
export const OPEN_STATUSES: readonly CaseStatus[] = Object.freeze(["new", "confirmed", "notified"]);

/** Who did something: a user's name, or `system` for what the tool decided itself. */
export type Actor = string;

export const SYSTEM_ACTOR: Actor = "system";

/**
 * One candidate page's reuse of one source article that broke the policy when first seen.
 * A case is keyed by the pair (normalized candidate URL, source URL): a page reusing two articles is two cases.
 */
export interface Case {
  id: number;
  candidate: {
    /** The candidate's URL as last checked. Cases are keyed by its normalized form (see `candidate-key.ts`). */
    url: string;
    /** Registrable domain of the candidate (the host when it has none). */
    domain: string;
    title: string;
  };
  source: { url: string; title: string };
  status: CaseStatus;
  /** From the latest observation. */
  share: number;
  reusedChars: number;
  sourceChars: number;
  /** The policy's cap when the latest observation was made. */
  maxShare: number;
  maxChars: number | null;
  violations: Violation[];
  link: LinkFinding;
  /** The latest observation's aligned passages. */
  passages: Passage[];
  firstSeen: string;
  lastSeen: string;
  /** When the status last changed. */
  updatedAt: string;
  /** Why the case was resolved or dismissed; null while open. */
  resolution: string | null;
  /** The check whose evidence the case currently rests on. */
  lastCheckId: number;
}

/** What an observation found for the case's pair: a match verdict, no reuse any more, or no page at all. */
export type ObservationOutcome = MatchVerdict | "no_reuse" | "gone";

/** One look at a case's candidate page, kept forever: the case's evidence trail. */
export interface Observation {
  id: number;
  caseId: number;
  /** The check that made it; null for a page found gone (nothing was checked). */
  checkId: number | null;
  at: string;
  outcome: ObservationOutcome;
  share: number;
  violations: Violation[];
  /** SHA-256 (hex) of the bytes checked. */
  evidenceSha256: string;
}

/** A status change: who, when, from what to what, and why. */
export interface CaseEvent {
  id: number;
  caseId: number;
  at: string;
  actor: Actor;
  /** null for the event that opened the case. */
  from: CaseStatus | null;
  to: CaseStatus;
  comment: string;
}

/** One check as recorded: the input's text (for showing passages later), the result, and its evidence. */
export interface CheckRecord {
  id: number;
  at: string;
  actor: Actor;
  /** The candidate's text as checked: passage offsets of `result` index it. */
  candidateText: string;
  result: CheckResult;
  evidenceSha256: string;
}

/** Filters of a case listing; every field narrows, absent fields do not. */
export interface CaseFilter {
  status?: CaseStatus[];
  violation?: Violation;
  /** The candidate's domain, given as a domain, a host on it or a URL, or part of a domain's name (see `domainFilter`). */
  domain?: string;
  /** Cases first seen on or after this ISO timestamp or day. */
  from?: string;
  /** Cases first seen before the end of this day (or at or before this ISO timestamp). */
  until?: string;
  /** Substring of candidate URL, candidate title, source URL or source title. */
  query?: string;
}

/** Counts for the dashboard. */
export interface CaseStats {
  byStatus: Record<CaseStatus, number>;
  /** Open cases per violation (a case with two violations counts under both). */
  openByViolation: Partial<Record<Violation, number>>;
  /** Cases first seen per day (UTC), oldest first, over the requested window; days without cases are 0. */
  newPerDay: { day: string; count: number }[];
  /** Candidate domains with the most open cases, most first. */
  topDomains: { domain: string; open: number; total: number }[];
}

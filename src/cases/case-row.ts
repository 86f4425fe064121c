import type { LinkFinding, Match, Passage, Violation } from "../core/types.ts";
import type { Case, CaseEvent, CaseStatus, CheckRecord, Observation, ObservationOutcome } from "./case.ts";
import type { CapsAtCheck } from "./case-store.ts";
import type { Int64Column } from "../io/storage/int8-id.ts";

/**
 * The rows of checks, cases, observations and status history as both databases give them. Violations, links,
 * passages and check results are JSON text, not PostgreSQL's jsonb: jsonb reorders an object's keys and refuses
 * the escaped NUL a page's text may hold, and a case must read back exactly as it was written on either database.
 */
export interface CaseRow {
  id: Int64Column;
  candidate_key: string;
  candidate_url: string;
  candidate_domain: string;
  candidate_title: string;
  source_url: string;
  source_title: string;
  status: CaseStatus;
  share: number;
  reused_chars: number;
  source_chars: number;
  max_share: number;
  max_chars: Int64Column | null;
  violations: string;
  link: string;
  passages: string;
  first_seen: string;
  last_seen: string;
  updated_at: string;
  resolution: string | null;
  last_check_id: Int64Column;
}

export interface EventRow {
  id: Int64Column;
  case_id: Int64Column;
  at: string;
  actor: string;
  from_status: CaseStatus | null;
  to_status: CaseStatus;
  comment: string;
}

export interface ObservationRow {
  id: Int64Column;
  case_id: Int64Column;
  check_id: Int64Column | null;
  at: string;
  outcome: ObservationOutcome;
  share: number;
  violations: string;
  evidence_sha256: string;
}

export interface CheckRow {
  id: Int64Column;
  at: string;
  actor: string;
  candidate_key: string;
  verdict: string;
  candidate_text: string;
  result: string;
  evidence_sha256: string;
}

/** The columns a check's measurement of one source fills in that source's case, when opening or refreshing it. */
export function measuredColumns(match: Match, check: { candidate: { url: string; title: string }; caps: CapsAtCheck; at: string; checkId: number }) {
  return {
    candidate_url: check.candidate.url,
    candidate_title: check.candidate.title,
    source_title: match.source.title,
    share: match.share,
    reused_chars: match.reusedChars,
    source_chars: match.sourceChars,
    max_share: check.caps.maxShare,
    max_chars: check.caps.maxChars,
    violations: JSON.stringify(match.violations),
    link: JSON.stringify(match.link),
    passages: JSON.stringify(match.passages),
    at: check.at,
    check_id: check.checkId,
  };
}

/** The reason written into a case a person closes; null when the step leaves the case open. */
export function manualResolution(to: CaseStatus, change: { actor: string; comment: string }): string | null {
  const closing = to === "resolved" || to === "dismissed";
  return closing ? `${to} by ${change.actor}${change.comment ? `: ${change.comment}` : ""}` : null;
}

export function caseFromRow(row: CaseRow): Case {
  return {
    id: Number(row.id),
    candidate: { url: row.candidate_url, domain: row.candidate_domain, title: row.candidate_title },
    source: { url: row.source_url, title: row.source_title },
    status: row.status,
    share: row.share,
    reusedChars: row.reused_chars,
    sourceChars: row.source_chars,
    maxShare: row.max_share,
    maxChars: row.max_chars === null ? null : Number(row.max_chars),
    violations: JSON.parse(row.violations) as Violation[],
    link: JSON.parse(row.link) as LinkFinding,
    passages: JSON.parse(row.passages) as Passage[],
    firstSeen: row.first_seen,
    lastSeen: row.last_seen,
    updatedAt: row.updated_at,
    resolution: row.resolution,
    lastCheckId: Number(row.last_check_id),
  };
}

export function eventFromRow(row: EventRow): CaseEvent {
  return {
    id: Number(row.id),
    caseId: Number(row.case_id),
    at: row.at,
    actor: row.actor,
    from: row.from_status,
    to: row.to_status,
    comment: row.comment,
  };
}

export function observationFromRow(row: ObservationRow): Observation {
  return {
    id: Number(row.id),
    caseId: Number(row.case_id),
    checkId: row.check_id === null ? null : Number(row.check_id),
    at: row.at,
    outcome: row.outcome,
    share: row.share,
    violations: JSON.parse(row.violations) as Violation[],
    evidenceSha256: row.evidence_sha256,
  };
}

export function checkFromRow(row: CheckRow): CheckRecord {
  return {
    id: Number(row.id),
    at: row.at,
    actor: row.actor,
    candidateText: row.candidate_text,
    result: JSON.parse(row.result) as CheckRecord["result"],
    evidenceSha256: row.evidence_sha256,
  };
}

import type { CheckResult, Match } from "../core/types.ts";
import type { CaseStatus, ObservationOutcome } from "./case.ts";
import { isOpen } from "./status-machine.ts";

/** What the planner needs to know of a case that already exists for the checked page. */
export interface CaseSnapshot {
  id: number;
  sourceUrl: string;
  status: CaseStatus;
}

/** One change a check makes to the cases of its page. */
export interface PlannedChange {
  /** The case to change, or null to open a new one. */
  caseId: number | null;
  /** The match the observation records; null when the page no longer reuses the source or is gone. */
  match: Match | null;
  outcome: ObservationOutcome;
  /** Copy the match's measurements (share, violations, link, passages) into the case and move `lastSeen`. */
  refresh: boolean;
  /**
   * A status change the tool makes itself, with the reason written into the history; null for none. `from` is
   * the case's status before it (null for a case the change opens).
   */
  transition: { from: CaseStatus | null; to: CaseStatus; comment: string } | null;
}

/**
 * How one check of a page changes that page's cases:
 * - a violation opens a case for its source, or refreshes the existing one; a resolved case seen violating
 *   again is reopened (a dismissed one stays dismissed: a person decided the reuse is acceptable);
 * - an open case whose source the page now reuses within the policy (or under a license), or no longer at
 *   all, is resolved with that reason.
 * Every open case of the page gets an observation, so its trail shows each look.
 */
export function planCaseUpdates(existing: readonly CaseSnapshot[], result: CheckResult, policy: { maxShare: number }): PlannedChange[] {
  const bySource = new Map(existing.map((c) => [c.sourceUrl, c]));
  const step = stepsFrom(existing);
  const changes: PlannedChange[] = [];
  const seen = new Set<string>();
  for (const match of result.matches) {
    seen.add(match.source.url);
    const current = bySource.get(match.source.url);
    if (match.verdict === "violation") {
      if (current === undefined) {
        changes.push({ caseId: null, match, outcome: "violation", refresh: true, transition: { from: null, to: "new", comment: `opened: ${describeViolation(match, policy)}` } });
      } else {
        const reopen = current.status === "resolved";
        changes.push({
          caseId: current.id,
          match,
          outcome: "violation",
          refresh: true,
          transition: reopen ? step(current.id, "new", `reopened: the violation was seen again (${describeViolation(match, policy)})`) : null,
        });
      }
    } else if (current !== undefined && isOpen(current.status)) {
      changes.push({ caseId: current.id, match, outcome: match.verdict, refresh: false, transition: step(current.id, "resolved", resolutionFor(match, policy)) });
    }
  }
  for (const current of existing) {
    if (seen.has(current.sourceUrl) || !isOpen(current.status)) continue;
    changes.push({
      caseId: current.id,
      match: null,
      outcome: "no_reuse",
      refresh: false,
      transition: step(current.id, "resolved", "resolved: the page no longer reuses the source"),
    });
  }
  return changes;
}

/** A page that answers 404 or 410 no longer publishes anything: its open cases are resolved. */
export function planPageGone(existing: readonly CaseSnapshot[], status: number): PlannedChange[] {
  return existing
    .filter((c) => isOpen(c.status))
    .map((c) => ({
      caseId: c.id,
      match: null,
      outcome: "gone" as const,
      refresh: false,
      transition: { from: c.status, to: "resolved" as const, comment: `resolved: the page is gone (HTTP ${status})` },
    }));
}

/**
 * The transitions of a plan, each starting where the case is: its status as read, or where an earlier change
 * of the same plan moved it (a page matching one source twice changes its case twice).
 */
function stepsFrom(existing: readonly CaseSnapshot[]): (caseId: number, to: CaseStatus, comment: string) => NonNullable<PlannedChange["transition"]> {
  const statuses = new Map(existing.map((c) => [c.id, c.status]));
  return (caseId, to, comment) => {
    const from = statuses.get(caseId)!;
    statuses.set(caseId, to);
    return { from, to, comment };
  };
}

function percent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

function describeViolation(match: Match, policy: { maxShare: number }): string {
  return `${percent(match.share)} of the source reused (cap ${percent(policy.maxShare)}); ${match.violations.join(", ")}`;
}

function resolutionFor(match: Match, policy: { maxShare: number }): string {
  switch (match.verdict) {
    case "licensed":
      return "resolved: the reuse is now covered by a license";
    case "predates_source":
      return "resolved: the page predates the source";
    case "own_page":
      return "resolved: the page is on one of the publisher's own domains";
    default:
      return `resolved: the page now complies with the policy (${percent(match.share)} reused, cap ${percent(policy.maxShare)})`;
  }
}

import type { CandidateVerdict } from "../core/types.ts";
import type { JobKind } from "./job-queue.ts";

/** What one job came to, reported as it happens (for progress lines and logs) and counted in the pass summary. */
export type MonitorEvent =
  | { type: "discovered"; url: string; listings: string[] }
  | { type: "listed"; url: string; kind: "feed" | "sitemap" | "sitemap_index"; entries: number; queued: number; skipped: number; malformed: string | null }
  | { type: "checked"; url: string; verdict: CandidateVerdict; opened: number; resolved: number; reopened: number }
  | { type: "unchanged"; url: string }
  | { type: "duplicate"; url: string; of: string }
  | { type: "gone"; url: string; status: number; resolved: number }
  | { type: "failed"; url: string; job: JobKind; reason: string; message: string; retryAt: string | null };

export type EventType = MonitorEvent["type"];

/** Counts of a pass's events, plus the cases it opened and resolved. */
export interface PassSummary {
  startedAt: string;
  finishedAt: string;
  /** Sites whose scheduled pass started, and open cases queued for a re-check. */
  sitesDue: number;
  rechecksQueued: number;
  events: Record<EventType, number>;
  casesOpened: number;
  casesResolved: number;
  /** Failures whose job will be retried later, included in `events.failed`. */
  retrying: number;
}

export function emptySummary(startedAt: string): PassSummary {
  return {
    startedAt,
    finishedAt: startedAt,
    sitesDue: 0,
    rechecksQueued: 0,
    events: { discovered: 0, listed: 0, checked: 0, unchanged: 0, duplicate: 0, gone: 0, failed: 0 },
    casesOpened: 0,
    casesResolved: 0,
    retrying: 0,
  };
}

/** Adds one event to a summary. */
export function countEvent(summary: PassSummary, event: MonitorEvent): void {
  summary.events[event.type]++;
  if (event.type === "checked") {
    summary.casesOpened += event.opened;
    summary.casesResolved += event.resolved;
  } else if (event.type === "gone") {
    summary.casesResolved += event.resolved;
  } else if (event.type === "failed" && event.retryAt !== null) {
    summary.retrying++;
  }
}


import type { CaseStatus } from "../cases/case.ts";
import type { Violation } from "../core/types.ts";

export function percent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

export function formatNumber(n: number): string {
  return new Intl.NumberFormat("en-US").format(n);
}

/** A timestamp as day and time in the reader's zone; "—" when absent. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return "—";
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  return new Date(time).toLocaleString("en-GB", { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });
}

export function formatDay(iso: string | null | undefined): string {
  if (!iso) return "—";
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  return new Date(time).toLocaleDateString("en-GB", { year: "numeric", month: "short", day: "numeric" });
}

export const VIOLATION_LABELS: Record<Violation, string> = {
  over_quota: "over the share cap",
  over_char_cap: "over the character cap",
  missing_link: "no link to the source",
  link_not_to_article: "link not to the article",
  link_not_indexable: "link not indexable",
};

export const STATUS_LABELS: Record<CaseStatus, string> = {
  new: "New",
  confirmed: "Confirmed",
  notified: "Notified",
  resolved: "Resolved",
  dismissed: "Dismissed",
};

/** The verb on the button that moves a case to a status. */
export const STATUS_ACTIONS: Record<CaseStatus, string> = {
  new: "Reopen",
  confirmed: "Confirm",
  notified: "Mark notified",
  resolved: "Resolve",
  dismissed: "Dismiss",
};

export const VERDICT_LABELS: Record<string, string> = {
  violation: "Violation",
  compliant: "Compliant",
  licensed: "Licensed",
  no_reuse: "No reuse",
  predates_source: "Predates the source",
};

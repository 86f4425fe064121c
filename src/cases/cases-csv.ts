import type { Case } from "./case.ts";

/** The columns of the CSV export, in order: what a spreadsheet user filters and sorts cases by. */
const COLUMNS: readonly [string, (c: Case) => string | number | null][] = [
  ["id", (c) => c.id],
  ["status", (c) => c.status],
  ["candidate_url", (c) => c.candidate.url],
  ["candidate_domain", (c) => c.candidate.domain],
  ["candidate_title", (c) => c.candidate.title],
  ["source_url", (c) => c.source.url],
  ["source_title", (c) => c.source.title],
  ["share", (c) => c.share],
  ["max_share", (c) => c.maxShare],
  ["reused_chars", (c) => c.reusedChars],
  ["source_chars", (c) => c.sourceChars],
  ["violations", (c) => c.violations.join(" ")],
  ["link_present", (c) => String(c.link.present)],
  ["link_href", (c) => c.link.href],
  ["first_seen", (c) => c.firstSeen],
  ["last_seen", (c) => c.lastSeen],
  ["resolution", (c) => c.resolution],
];

/** Cases as RFC 4180 CSV (CRLF line ends, quoted fields), with a header row. */
export function casesToCsv(cases: readonly Case[]): string {
  const rows = [COLUMNS.map(([name]) => name), ...cases.map((c) => COLUMNS.map(([, value]) => cell(value(c))))];
  return rows.map((row) => row.join(",")).join("\r\n") + "\r\n";
}

/**
 * One field. Titles and URLs come from pages we do not control, so text that a spreadsheet would run as a
 * formula (starting with = + - @ or a control character) is prefixed with an apostrophe, as OWASP advises.
 */
function cell(value: string | number | null): string {
  if (value === null) return "";
  if (typeof value === "number") return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) || safe !== value ? `"${safe.replace(/"/g, '""')}"` : safe;
}

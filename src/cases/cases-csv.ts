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
 * What a spreadsheet skips before it looks for a formula's first character: white space of every kind (NBSP,
 * ideographic and other Unicode spaces, tabs, line ends) and invisible format characters (zero-width space,
 * BOM, bidi marks), which a hostile title can put before the `=`.
 */
const LEADING_INVISIBLE = /^[\s\p{Cf}]+/u;

/** First characters that start a formula in Excel, LibreOffice or Google Sheets (OWASP CSV injection). */
const FORMULA_START = /^[=+\-@]/;

/** Tab and CR at the very start of a cell start a formula in some spreadsheets too (OWASP). */
const CONTROL_START = /^[\t\r]/;

/**
 * Characters that make a field need quotes: quotes and line ends (RFC 4180), the comma, and the semicolon,
 * which spreadsheets of semicolon locales (Russian, most of Europe) take as the delimiter instead.
 */
const NEEDS_QUOTES = /[",;\r\n]/;

/**
 * One field. Titles and URLs come from pages we do not control, so text that a spreadsheet would run as a
 * formula is prefixed with an apostrophe, as OWASP advises, and quoted.
 */
function cell(value: string | number | null): string {
  if (value === null) return "";
  if (typeof value === "number") return String(value);
  const safe = startsFormula(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) || safe !== value ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * Whether a spreadsheet could read `value` as a formula: it starts with tab or CR, or its first visible
 * character is = + - @ or a form NFKC folds to one (full-width ＝ ＋ － ＠, small ﹦ ﹢ ﹣ ﹫).
 */
function startsFormula(value: string): boolean {
  if (CONTROL_START.test(value)) return true;
  const visible = value.replace(LEADING_INVISIBLE, "");
  const first = visible.codePointAt(0);
  return first !== undefined && FORMULA_START.test(String.fromCodePoint(first).normalize("NFKC"));
}

/** Number formats of the report: every figure reads the same way in every section. */

const MB = 2 ** 20;

/** A whole number with thousands separators; "—" for a figure that was not measured (NaN). */
export const int = (n: number): string => (Number.isFinite(n) ? Math.round(n).toLocaleString("en-US") : "—");
export const dec = (n: number, digits = 1): string => (Number.isFinite(n) ? n.toFixed(digits) : "—");
export const mb = (bytes: number): string => `${int(bytes / MB)} MB`;
export const pct = (n: number): string => `${dec(n * 100, 1)}%`;
/** A ratio to a baseline, e.g. "0.93×". */
export const times = (n: number, digits = 2): string => `${dec(n, digits)}×`;
export const mark = (ok: boolean): string => (ok ? "met" : "**missed**");

/** One row of the targets table; `measured` null when the phase did not run or failed. */
export interface TargetRow {
  what: string;
  target: string;
  measured: string | null;
  ok: boolean;
  /** The figure ÷ its same-run baseline, named, or "—" for figures that have none. */
  baseline: string;
}

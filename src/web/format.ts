import { currentLocale } from "./language.ts";

/** A share as a percentage with one decimal, in the UI's locale ("88.2%", "88,2 %"). */
export function percent(share: number): string {
  return new Intl.NumberFormat(currentLocale(), { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(share);
}

export function formatNumber(n: number): string {
  return new Intl.NumberFormat(currentLocale()).format(n);
}

/** A timestamp as day and time in the reader's zone and the UI's locale; "—" when absent. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return "—";
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  return new Date(time).toLocaleString(currentLocale(), { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });
}

/** A bare day (`2024-03-14`) as a chart's axis names it: day and short month ("14 Mar", "14 мар."). */
export function formatAxisDay(day: string): string {
  const time = Date.parse(day);
  if (Number.isNaN(time)) return day;
  return new Date(time).toLocaleDateString(currentLocale(), { day: "numeric", month: "short", timeZone: "UTC" });
}

/** A timestamp's day in the reader's zone, or a bare day (`2024-03-14`) as it is written; "—" when absent. */
export function formatDay(iso: string | null | undefined): string {
  if (!iso) return "—";
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  // A bare day parses as UTC midnight: shown in a zone west of UTC it would become the day before.
  const timeZone = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? "UTC" : undefined;
  return new Date(time).toLocaleDateString(currentLocale(), { year: "numeric", month: "short", day: "numeric", timeZone });
}

/** The `count` UTC days ending with the day of `now`, oldest first, as `YYYY-MM-DD`: the dashboard's window. */
export function lastDays(now: string, count: number): string[] {
  const end = Date.parse(now.slice(0, 10));
  return Array.from({ length: count }, (_, i) => new Date(end - (count - 1 - i) * 86_400_000).toISOString().slice(0, 10));
}

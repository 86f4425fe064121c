/** Markdown formatting for the evaluation report. */

export function table(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
  const line = (cells: ReadonlyArray<string | number>) => `| ${cells.map((c) => String(c).replace(/\|/g, "\\|")).join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

/** A fraction as a percentage with one decimal ("97.8%"); "—" when undefined. */
export function pct(x: number, digits = 1): string {
  return Number.isFinite(x) ? `${(x * 100).toFixed(digits)}%` : "—";
}

/** A number of percentage points ("1.71 pp"). */
export function pp(x: number): string {
  return Number.isFinite(x) ? `${x.toFixed(2)} pp` : "—";
}

export function num(x: number, digits = 3): string {
  return Number.isFinite(x) ? x.toFixed(digits) : "—";
}

export function ratio(part: number, whole: number): string {
  return `${part}/${whole} (${pct(whole === 0 ? NaN : part / whole)})`;
}

/** "met" or "missed by …" for a target of the form value ≥ goal (or ≤ goal when `atMost`). */
export function verdictOnTarget(value: number, goal: number, unit: "pct" | "pp", atMost = false): string {
  const ok = atMost ? value <= goal : value >= goal;
  if (ok) return "**met**";
  const gap = Math.abs(value - goal);
  return `**missed** by ${unit === "pct" ? `${(gap * 100).toFixed(1)} pp` : `${gap.toFixed(2)} pp`}`;
}

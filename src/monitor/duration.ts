const UNIT_MS: Readonly<Record<string, number>> = Object.freeze({ s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 });

/**
 * Parses a duration written as a number and a unit — `90s`, `30m`, `6h`, `1d` — into milliseconds.
 * @throws Error naming the option and the value when it is not one.
 */
export function parseDuration(option: string, value: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([smhd])\s*$/i.exec(value);
  const ms = match ? Number(match[1]) * UNIT_MS[match[2]!.toLowerCase()]! : Number.NaN;
  if (!Number.isFinite(ms) || ms < 1_000) {
    throw new Error(`${option} ${JSON.stringify(value)}: not a duration of at least 1s (write e.g. 90s, 30m, 6h or 1d)`);
  }
  return Math.round(ms);
}

/** A duration in the largest unit that divides it, for messages and listings: `1h`, `90s`. */
export function formatDuration(ms: number): string {
  for (const unit of ["d", "h", "m", "s"]) {
    const size = UNIT_MS[unit]!;
    if (ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
}

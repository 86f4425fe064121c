/** How many of the reuses a tool was meant to find it found, and how many pairs it reported that were not reuse. */
export interface ReuseScore {
  /** Candidate–source pairs the generator built. */
  expected: number;
  found: number;
  /** Pairs reported that the generator did not build. */
  extra: number;
  /** Candidates the generator built without reuse that were reported with some source. */
  cleanFlagged: number;
  clean: number;
}

export function emptyScore(): ReuseScore {
  return { expected: 0, found: 0, extra: 0, cleanFlagged: 0, clean: 0 };
}

/** Adds one candidate: what the generator put in, what the tool reported (both as source keys). */
export function scoreCandidate(score: ReuseScore, expected: ReadonlySet<string>, reported: ReadonlySet<string>): void {
  score.expected += expected.size;
  for (const key of expected) if (reported.has(key)) score.found++;
  for (const key of reported) if (!expected.has(key)) score.extra++;
  if (expected.size === 0) {
    score.clean++;
    if (reported.size > 0) score.cleanFlagged++;
  }
}

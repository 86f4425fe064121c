import type { Match, ReuseCap } from "../../src/core/types.ts";

/**
 * A match as the engine measures one, for tests of what is recorded from it: `share` of a 1,000-character
 * source reused in one passage, no link back; a violation breaks the cap and the link rule.
 */
export function measuredMatch(source: { url: string; title: string }, verdict: Match["verdict"], share: number, cap: ReuseCap | null): Match {
  const reused = Math.round(share * 1000);
  return {
    source: { ...source, published: "2024-01-01", reference: false },
    share,
    reusedChars: reused,
    sourceChars: 1000,
    excludedChars: 0,
    link: { present: false, href: null, target: null, nofollow: false, noindex: false, hidden: false },
    licensed: verdict === "licensed",
    predatesSource: verdict === "predates_source",
    verdict,
    cap,
    violations: verdict === "violation" ? ["over_quota", "missing_link"] : [],
    passages: [{ source: { start: 0, end: reused }, candidate: { start: 10, end: 10 + reused } }],
    excluded: [],
  };
}

import type { EssayRun } from "../tasks/essays.ts";
import type { RepublicationSummary } from "../tasks/republication-metrics.ts";
import type { FalseMatchReport } from "../tasks/false-matches.ts";
import { pct, pp } from "./format.ts";

export interface FindingsInput {
  essays: EssayRun[];
  republication: RepublicationSummary;
  /** The suite run with candidate retrieval relaxed (minSharedFingerprints = 1). */
  variant: RepublicationSummary;
  falseMatches: FalseMatchReport;
}

/**
 * Why targets are missed, from this run's own diagnostics: each statement below is computed, so it stays
 * true when the engine changes (or disappears when its cause does).
 */
export function findingsSection(input: FindingsInput): string {
  const { republication: r, variant: v } = input;
  const points: string[] = [];

  const missedPages = r.verdict.confusion.filter((c) => c.got === "no_reuse").reduce((n, c) => n + c.pages.length, 0);
  if (r.recall.recall < 0.99 || missedPages > 0) {
    points.push(
      `**Candidate retrieval drops short reuse.** ${r.recall.scored - r.recall.detected} page(s) with true share ≥ 5% got no match with their source; ` +
        `with \`minSharedFingerprints\` = 1 instead of 2, detection recall goes from ${pct(r.recall.recall)} to ${pct(v.recall.recall)}, MAE from ${pp(r.overall.mae)} to ${pp(v.overall.mae)} and verdict accuracy from ${pct(r.verdict.accuracy)} to ${pct(v.verdict.accuracy)}. ` +
        "A sentence of 10–15 words shares only one winnowed trigram (k = 3, w = 6) with its source, so the source is never aligned although the aligner would find the passage. " +
        "The same filter also hides reference documents: a page that takes one sentence of a press release keeps that sentence counted against the publisher.",
    );
  }
  const deletion = r.byObfuscation.find(([k]) => k === "delete")?.[1];
  if (deletion && deletion.mae > 2) {
    points.push(
      `**Deleted words are counted as reused.** Pages with deleted words have MAE ${pp(deletion.mae)} (bias ${pp(deletion.bias)}) against the true share but ${pp(deletion.maeHull)} against the hull share: ` +
        "a passage spans from its first to its last aligned word, so the words the reuser left out inside it count as taken. Whether they should is a definition for the product owner; the truth here follows the issue (what was embedded).",
    );
  }
  const reorder = r.byObfuscation.find(([k]) => k === "reorder")?.[1];
  if (reorder && reorder.mae > 1) {
    points.push(
      `**Reordered short sentences fall below the minimum passage.** Reordered pages: MAE ${pp(reorder.mae)}, bias ${pp(reorder.bias)}. A sentence moved away from its neighbours is aligned alone, and one under \`minMatched\` = 8 words is not reported.`,
    );
  }
  const dateMissed = r.extraction.dateMissedByLayout.filter(([, x]) => x.missed > 0);
  if (dateMissed.length > 0) {
    points.push(
      `**Publication dates outside the extracted article are not read.** Missed on ${dateMissed.map(([k, x]) => `${x.missed}/${x.pages} ${k} pages`).join(", ")}: ` +
        "those pages carry their date only in a `<time datetime>` above the article body (no meta tag), so a page older than its source cannot be recognised as the original.",
    );
  }
  const heavy = input.essays.flatMap((e) => e.fragments.filter((f) => f.overlap && f.overlap.lcs < 8));
  if (heavy.length > 0) {
    points.push(
      `**Heavy paraphrase is out of reach of word-sequence alignment.** ${heavy.length} borrowed essay fragments share fewer than 8 stemmed words in order with their source (essay 2 is rewritten throughout, whatever its labels say); ` +
        "the sweep in section 1 shows what shorter seeds and wider gaps recover, and at what precision. Closing the HPR/SYN/CCT target needs sentence-level similarity (synonyms, derivation), which the paraphrase section measures.",
    );
  }
  const unexplained = input.falseMatches.matches.filter((m) => m.klass === "unexplained");
  if (unexplained.length > 0) points.push(`**Unexplained false matches:** ${unexplained.map((m) => `${m.a.id} ↔ ${m.b.id}`).join(", ")} (see section 4).`);
  if (points.length === 0) points.push("Every target is met in this run.");
  return ["## What the misses come from", points.map((p) => `- ${p}`).join("\n")].join("\n\n");
}

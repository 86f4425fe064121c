import type { EssayRun } from "../tasks/essays.ts";
import type { RepublicationSummary } from "../tasks/republication-metrics.ts";
import type { FalseMatchReport } from "../tasks/false-matches.ts";
import { DEFAULT_DETECTION_OPTIONS } from "../../src/core/options.ts";
import { GROUPS } from "../tasks/essays.ts";
import { quantile } from "../measures/stats.ts";
import { pct, pp } from "./format.ts";

const MIN_MATCHED = DEFAULT_DETECTION_OPTIONS.minMatched;

export interface FindingsInput {
  essays: EssayRun[];
  republication: RepublicationSummary;
  /** The suite run with the other candidate-retrieval setting. */
  variant: { label: string; summary: RepublicationSummary };
  falseMatches: FalseMatchReport;
}

/**
 * Why targets are missed, from this run's own diagnostics: each statement below is computed, so it stays
 * true when the engine changes (or disappears when its cause does).
 */
export function findingsSection(input: FindingsInput): string {
  const { republication: r } = input;
  const v = input.variant.summary;
  const points: string[] = [];

  const missed = r.recall.scored - r.recall.detected;
  if (missed > 0) {
    points.push(
      `**Short excerpts go undetected.** ${missed} page(s) with true share ≥ 5% got no match with their source; ${r.recall.missedShortOnly} of them embed no sentence keeping ${MIN_MATCHED} or more source words. ` +
        "A shorter sentence counts alone only when it is whole (at most one word in five unaligned), at least 5% of its source's words, inside one sentence of the page and not made of frequent words; sentences under 5% each, or cut by the source's sentence splitting, stay under the minimum passage length (`minMatched`). " +
        "Every miss away from the cap turns a violation (or a compliant reuse) into `no_reuse` in the verdict table.",
    );
  }
  if (v.recall.recall > r.recall.recall + 0.005 || v.overall.mae < r.overall.mae - 0.05) {
    points.push(
      `**Candidate retrieval.** With ${input.variant.label}, detection recall would be ${pct(v.recall.recall)} (now ${pct(r.recall.recall)}), MAE ${pp(v.overall.mae)} (now ${pp(r.overall.mae)}), verdict accuracy ${pct(v.verdict.accuracy)} (now ${pct(r.verdict.accuracy)}): ` +
        "a sentence of 10–15 words shares only one winnowed trigram (k = 3, w = 6) with its source, so requiring two keeps the aligner from ever seeing it, and hides reference documents the same way.",
    );
  }
  const reorder = r.byObfuscation.find(([k]) => k === "reorder")?.[1];
  if (reorder && reorder.mae > 1) {
    points.push(
      `**Reordered short sentences fall below the minimum passage.** Reordered pages: MAE ${pp(reorder.mae)}, bias ${pp(reorder.bias)}. A sentence moved away from its neighbours is aligned alone, and one under \`minMatched\` = ${MIN_MATCHED} words is reported only as a whole sentence of a short source.`,
    );
  }
  const dateMissed = r.extraction.dateMissedByLayout.filter(([, x]) => x.missed > 0);
  if (dateMissed.length > 0) {
    points.push(
      `**Publication dates outside the extracted article are not read.** Missed on ${dateMissed.map(([k, x]) => `${x.missed}/${x.pages} ${k} pages`).join(", ")}: ` +
        "those pages carry their date only in a `<time datetime>` above the article body (no meta tag), so a page older than its source cannot be recognised as the original.",
    );
  }
  const lightRows = input.essays.map((e) => {
    const light = e.fragments.filter((f) => f.overlap && GROUPS[0]!.test(f.fragment.labels));
    return { name: e.essay.name, found: light.filter((f) => f.found).length, total: light.length, medianLcs: quantile(light.map((f) => f.overlap!.lcs), 0.5) };
  });
  if (lightRows.some((x) => x.total > 0 && x.found / x.total < 0.95)) {
    points.push(
      `**Light labels do not always mean light rewriting.** Fragments labelled only CPY/DEL/ADD/LPR/SHF: ${lightRows.map((x) => `${x.name} ${x.found}/${x.total} found, median LCS with the source ${x.medianLcs} words`).join("; ")}. ` +
        `Where the labelled-light fragments keep fewer than ${MIN_MATCHED} source words in order, they are heavy paraphrases in fact, and the same limit applies as below.`,
    );
  }
  const heavy = input.essays.flatMap((e) => e.fragments.filter((f) => f.overlap && f.overlap.lcs < MIN_MATCHED));
  if (heavy.length > 0) {
    points.push(
      `**Heavy paraphrase is out of reach of word-sequence alignment.** ${heavy.length} borrowed essay fragments share fewer than ${MIN_MATCHED} stemmed words in order with their source (essay 2 is rewritten throughout, whatever its labels say); ` +
        "the sweep in section 1 shows what shorter seeds and wider gaps recover, and at what precision. Closing the HPR/SYN/CCT target needs sentence-level similarity (synonyms, derivation), which the paraphrase section measures.",
    );
  }
  const unexplained = input.falseMatches.matches.filter((m) => m.klass === "unexplained");
  if (unexplained.length > 0) points.push(`**Unexplained false matches:** ${unexplained.map((m) => `${m.a.id} ↔ ${m.b.id}`).join(", ")} (see section 4).`);
  if (points.length === 0) points.push("Every target is met in this run.");
  return ["## What the misses come from", points.map((p) => `- ${p}`).join("\n")].join("\n\n");
}

import type { CrossMatch, FalseMatchReport } from "../tasks/false-matches.ts";
import type { EssaySweepRow } from "./essays-section.ts";
import { ratio, table } from "./format.ts";

/** The minMatched sweep's other side: what each value costs in recall (essays, republication slice). */
export interface MinMatchedRecall {
  minSharedFingerprints: number;
  minMatched: number;
  essayLight: EssaySweepRow["light"];
  essayHeavy: EssaySweepRow["heavy"];
  republication: { scored: number; detected: number };
}

export function falseMatchesSection(report: FalseMatchReport, recall: readonly MinMatchedRecall[], passagesFile: string): string {
  const out: string[] = [];
  out.push("## 4. False matches among unrelated articles");
  out.push(
    `All ${report.docs} documents (the ${report.docs - 1} news samples with ≥ 300 characters, ODS line breaks repaired, and the seed article) are indexed as sources; each is then checked against the index, so every one of the ${report.pairsChecked} unordered pairs is examined in both directions. ` +
      "Every passage reported between two different articles is listed below and classified: **shared quotation** (every passage ≥ 50% inside quotation marks), **same story** (the two reports share text because they report one event or are versions of one report; read by hand or published within 3 days), **unexplained**. " +
      `Passage texts are not reproduced here (the corpus may not be republished); a run writes them to \`${passagesFile}\` on the machine that ran it.`,
  );
  out.push(`### At the default options (minMatched = ${report.defaultMinMatched}, ${report.defaultMinSharedFingerprints} shared fingerprints to align)`);
  out.push(matchTable(report.matches));
  const unexplained = report.matches.filter((m) => m.klass === "unexplained").length;
  out.push(`Unexplained matches at the default: **${unexplained}**.`);
  const extra = report.relaxedMatches.filter((m) => !report.matches.some((d) => d.a.id === m.a.id && d.b.id === m.b.id));
  out.push(`### With candidate retrieval at 1 shared fingerprint (minMatched = ${report.defaultMinMatched})`);
  out.push(extra.length === 0 ? "No pair beyond those above." : matchTable(extra));

  out.push("### Sweep of the minimum passage length (`minMatched`)");
  out.push(
    "Same index; only `minMatched` changes, under both candidate-retrieval settings (a source is aligned when it shares 2, or 1, winnowed trigrams with the page). False matches (pairs of different articles with any passage) against what the value costs in recall: essay fragments found (essays 1 + 2) and republication pages detected (true share ≥ 5%, on a slice of the suite). " +
      "With retrieval at 2 the fingerprint filter rather than `minMatched` bounds what short reuse is found; with retrieval at 1 the aligner's minimum is all that stands between stock phrases and a false match.",
  );
  out.push(
    table(
      ["retrieval (min shared fingerprints)", "minMatched", "pairs with a match", "passages", "shared quotation", "same story", "unexplained", "essay light found", "essay heavy found", "republication detected"],
      report.sweep.map((s) => {
        const r = recall.find((x) => x.minMatched === s.minMatched && x.minSharedFingerprints === s.minSharedFingerprints);
        const isDefault = s.minMatched === report.defaultMinMatched && s.minSharedFingerprints === report.defaultMinSharedFingerprints;
        const sum = (cells: EssaySweepRow["light"] | undefined) => (cells ? ratio(cells[0].found + cells[1].found, cells[0].fragments + cells[1].fragments) : "—");
        return [
          s.minSharedFingerprints,
          isDefault ? `**${s.minMatched}** (default)` : s.minMatched,
          s.pairs,
          s.passages,
          s.byClass["shared quotation"],
          s.byClass["same story"],
          s.byClass.unexplained,
          sum(r?.essayLight),
          sum(r?.essayHeavy),
          r ? ratio(r.republication.detected, r.republication.scored) : "—",
        ];
      }),
    ),
  );
  const relaxedRows = report.sweep.filter((s) => s.minSharedFingerprints === 1);
  const safe = relaxedRows.filter((s) => s.byClass.unexplained === 0).map((s) => s.minMatched);
  const noisy = relaxedRows.filter((s) => s.byClass.unexplained > 0);
  if (noisy.length > 0) {
    const edge = Math.min(...safe.filter((m) => m > Math.max(...noisy.map((s) => s.minMatched))));
    const place = report.defaultMinMatched > edge ? "keeps a margin above that edge" : report.defaultMinMatched === edge ? "sits at that edge" : "lies below that edge";
    out.push(
      `Reading: with retrieval at 1, ${noisy.map((s) => `minMatched = ${s.minMatched} reports ${s.byClass.unexplained} unexplained pair(s)`).join(", ")}; ` +
        `from ${edge} words up none is left. The default of ${report.defaultMinMatched} ${place} (stock phrases of news run to about seven words, and a passage now also counts the single shared words around and between its seeds) while recall barely moves between 6 and 10.`,
    );
  }
  return out.join("\n\n");
}

function matchTable(matches: readonly CrossMatch[]): string {
  if (matches.length === 0) return "No passage was reported between different articles.";
  return table(
    ["articles", "outlets", "published", "passages (words)", "class", "why"],
    matches.map((m) => [
      `${m.a.id} ↔ ${m.b.id}`,
      `${m.a.outlet} / ${m.b.outlet}`,
      `${m.a.published?.slice(0, 10) ?? "?"} / ${m.b.published?.slice(0, 10) ?? "?"}`,
      m.passages.map((p) => `${p.candidateId}←${p.sourceId}: ${p.words}`).join("; "),
      m.klass,
      m.reason,
    ]),
  );
}

import type { FalseMatchReport } from "../tasks/false-matches.ts";
import type { EssaySweepRow } from "./essays-section.ts";
import { ratio, table } from "./format.ts";

/** The minMatched sweep's other side: what each value costs in recall (essays, republication slice). */
export interface MinMatchedRecall {
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
  out.push(`### At the default minMatched = ${report.defaultMinMatched}`);
  out.push(
    report.matches.length === 0
      ? "No passage was reported between different articles."
      : table(
          ["articles", "outlets", "published", "passages (words)", "class", "why"],
          report.matches.map((m) => [
            `${m.a.id} ↔ ${m.b.id}`,
            `${m.a.outlet} / ${m.b.outlet}`,
            `${m.a.published?.slice(0, 10) ?? "?"} / ${m.b.published?.slice(0, 10) ?? "?"}`,
            m.passages.map((p) => `${p.candidateId}←${p.sourceId}: ${p.words}`).join("; "),
            m.klass,
            m.reason,
          ]),
        ),
  );
  const unexplained = report.matches.filter((m) => m.klass === "unexplained").length;
  out.push(`Unexplained matches at the default: **${unexplained}**.`);

  out.push("### Sweep of the minimum passage length (`minMatched`)");
  out.push(
    "Same index; only `minMatched` changes. False matches (pairs of different articles with any passage) against what the value costs in recall: essay fragments found (essays 1 + 2) and republication pages detected (true share ≥ 5%, on a slice of the suite). " +
      "Candidate retrieval (2 shared winnowed trigrams) is unchanged, so below ~8 words the fingerprint filter, not `minMatched`, bounds what is found.",
  );
  out.push(
    table(
      ["minMatched", "pairs with a match", "passages", "shared quotation", "same story", "unexplained", "essay light found", "essay heavy found", "republication detected"],
      report.sweep.map((s) => {
        const r = recall.find((x) => x.minMatched === s.minMatched);
        const sum = (cells: EssaySweepRow["light"] | undefined) => (cells ? ratio(cells[0].found + cells[1].found, cells[0].fragments + cells[1].fragments) : "—");
        return [
          s.minMatched === report.defaultMinMatched ? `**${s.minMatched}** (default)` : s.minMatched,
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
  return out.join("\n\n");
}

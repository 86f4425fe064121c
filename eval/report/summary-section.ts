import type { EssayRun } from "../tasks/essays.ts";
import { GROUPS, labelRow, overall } from "../tasks/essays.ts";
import type { ParaphraseReport } from "../tasks/paraphrase.ts";
import type { RepublicationSummary } from "../tasks/republication-metrics.ts";
import type { FalseMatchReport } from "../tasks/false-matches.ts";
import { num, pct, pp, table, verdictOnTarget } from "./format.ts";

export interface SummaryInput {
  essays: EssayRun[];
  paraphrase: ParaphraseReport[];
  republication: RepublicationSummary;
  falseMatches: FalseMatchReport;
}

/** The targets, each with the measured value and whether it is met (and by how much it is missed). */
export function summarySection(input: SummaryInput): string {
  const r = input.republication;
  const light = labelRow(input.essays, GROUPS[0]!.name, (f) => GROUPS[0]!.test(f.labels));
  const heavy = labelRow(input.essays, GROUPS[1]!.name, (f) => GROUPS[1]!.test(f.labels));
  const both = overall(input.essays);
  const rows: string[][] = [
    ["Republication: share MAE", "≤ 1 pp", pp(r.overall.mae), verdictOnTarget(r.overall.mae, 1, "pp", true)],
    ["Republication: verdict accuracy away from the cap", "≥ 99%", pct(r.verdict.accuracy), verdictOnTarget(r.verdict.accuracy, 0.99, "pct")],
    ["Republication: link findings", "100%", pct(r.link.accuracy), verdictOnTarget(r.link.accuracy, 1, "pct")],
    ["Republication: detection recall, true share ≥ 5%", "≥ 99%", pct(r.recall.recall), verdictOnTarget(r.recall.recall, 0.99, "pct")],
    ["Essays 1+2: recall, only CPY/DEL/ADD/LPR/SHF", "≥ 95%", `${pct(light.recall)} (${light.found}/${light.fragments})`, verdictOnTarget(light.recall, 0.95, "pct")],
    ["Essays 1+2: recall, HPR/SYN/CCT", "≥ 70%", `${pct(heavy.recall)} (${heavy.found}/${heavy.fragments})`, verdictOnTarget(heavy.recall, 0.7, "pct")],
    ["Essays 1+2: passage precision", "≥ 95%", pct(both.passagePrecision), verdictOnTarget(both.passagePrecision, 0.95, "pct")],
    ["Essays 1+2: plagdet (micro)", "reported", num(both.pan.plagdet), "reported"],
    ...input.paraphrase.map((p) => {
      const engine = p.methods[0]!;
      const base = p.methods[1]!;
      return [
        `${p.corpus}: ROC AUC, engine score vs Jaccard baseline (held-out half)`,
        "beat the baseline",
        `${num(engine.eval.aucTest)} vs ${num(base.eval.aucTest)}`,
        engine.eval.aucTest > base.eval.aucTest ? `**met** (+${num(engine.eval.aucTest - base.eval.aucTest)})` : `**missed** by ${num(base.eval.aucTest - engine.eval.aucTest)}`,
      ];
    }),
    [
      "Unexplained false matches among unrelated articles",
      "0",
      String(input.falseMatches.matches.filter((m) => m.klass === "unexplained").length),
      input.falseMatches.matches.some((m) => m.klass === "unexplained") ? "**missed**" : "**met**",
    ],
  ];
  return ["## Targets", table(["target", "goal", "measured", "status"], rows)].join("\n\n");
}

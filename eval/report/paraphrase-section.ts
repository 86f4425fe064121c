import type { ParaphraseReport } from "../tasks/paraphrase.ts";
import { num, pct, table } from "./format.ts";

export function paraphraseSection(reports: readonly ParaphraseReport[]): string {
  const out: string[] = [];
  out.push("## 2. Sentence-level rewording: ParaPhraser (ru) and MSRP (en)");
  out.push(
    "The score uses the engine's own machinery: its tokenizer (case/ё/quote folding, Snowball stems) and its aligner at sentence scale. " +
      "`coverage` = words of the shorter sentence the aligner pairs (seeds of 1–2 words, every aligned word counted); `dice` = shared stemmed words (multiset Dice); " +
      "score = α·coverage + (1−α)·dice, with stems optionally cut to their first k letters (Russian derivation changes more than the ending Snowball strips). " +
      "α, seed length and k are chosen by ROC AUC on the **tuning half** only (ParaPhraser: odd ids; MSRP: its train file); the accuracy threshold is also chosen on the tuning half and applied unchanged to the held-out half. " +
      "The baseline, Jaccard of the engine's stemmed word sets, is measured in the same run the same way. " +
      "The third row is the production aligner as configured (3-word seeds, passages of ≥ 8 words): it shows how much sentence-level rewording survives detection, not a classifier.",
  );
  for (const r of reports) {
    out.push(`### ${r.corpus}`);
    out.push(
      `${r.pairs} pairs (${r.tunePairs} tuning, ${r.testPairs} held out); ${r.positives} paraphrases${r.corpus === "ParaPhraser" ? " (precise + loose)" : ""}. ` +
        `Majority-class accuracy on the held-out half: ${pct(r.majorityAccuracyTest)}. ` +
        `Chosen on the tuning half: α = ${r.chosen.alpha}, seed ${r.chosen.seedLength} word(s), stems ${r.chosen.prefix === Infinity ? "whole" : `cut to ${r.chosen.prefix} letters`}.`,
    );
    out.push(
      table(
        ["method", "AUC tuning", "AUC held out", "AUC all", "threshold (from tuning)", "accuracy tuning", "accuracy held out", "accuracy all", "best-threshold accuracy, all"],
        r.methods.map((m) => [
          m.name,
          num(m.eval.aucTune),
          num(m.eval.aucTest),
          num(m.eval.aucAll),
          num(m.eval.threshold),
          pct(m.eval.accTune),
          pct(m.eval.accTest),
          pct(m.eval.accAll),
          pct(m.eval.accAllBest),
        ]),
      ),
    );
    const classes = Object.keys(r.methods[0]!.meanByClass).sort((a, b) => Number(b) - Number(a));
    out.push(table(["method", ...classes.map((c) => `mean score, class ${c}`)], r.methods.map((m) => [m.name, ...classes.map((c) => num(m.meanByClass[c]!))])));
  }
  return out.join("\n\n");
}

import { installedThesaurus } from "../../src/io/installed-thesaurus.ts";
import type { ParaphraseOptions } from "../../src/core/paraphrase/paraphrase-options.ts";
import { chooseSetting, essaySentences, outcome, stageFalseMatches, sweepStage, withParaphrases, type EssayOutcome, type StageFalseMatches, type StageRow } from "./paraphrase-stage.ts";
import type { EssayRun, IndexedEssay } from "./essays.ts";

export interface ParaphraseStageReport {
  /** Why synonyms were not used, when the thesaurus is absent. */
  thesaurusMissing: string | null;
  thesaurusSets: number;
  thesaurusLoadMs: number;
  rows: StageRow[];
  chosen: StageRow;
  /** The setting the same rule chooses among those using the thesaurus; null without one. */
  chosenWithThesaurus: StageRow | null;
  /** The chosen thresholds under the other retrieval rule, which essay 1 cannot tell apart (all its sources align). */
  otherRetrieval: StageRow;
  /** Alignment alone, then with the chosen setting, per essay (essay 1 tuning, essay 2 held out). */
  base: [EssayRun, EssayRun];
  staged: [EssayRun, EssayRun];
  baseOutcome: [EssayOutcome, EssayOutcome];
  falseMatches: StageFalseMatches;
}

/**
 * Sweeps the paraphrase stage on the two same-language essays (alignment runs at the default options given as
 * `base`), chooses a setting on essay 1, and measures it on essay 2 and among unrelated articles.
 */
export async function runParaphraseStage(indexed: readonly [IndexedEssay, IndexedEssay], base: readonly [EssayRun, EssayRun]): Promise<ParaphraseStageReport> {
  const start = performance.now();
  const installed = installedThesaurus();
  const thesaurusLoadMs = performance.now() - start;
  const rows = await sweepStage(indexed, base, installed.thesaurus);
  const baseOutcome: [EssayOutcome, EssayOutcome] = [outcome(base[0], 0), outcome(base[1], 0)];
  const chosen = chooseSetting(rows, baseOutcome[0]);
  const thesaurus = chosen.thesaurus ? installed.thesaurus : null;
  const staged = [];
  for (const [j, i] of indexed.entries()) {
    staged.push(withParaphrases(base[j]!, await essaySentences(i, chosen.options.stemPrefix, thesaurus), chosen.options, chosen.retrieval).run);
  }
  return {
    thesaurusMissing: "missing" in installed ? installed.missing : null,
    thesaurusSets: installed.thesaurus?.sets ?? 0,
    thesaurusLoadMs,
    rows,
    chosen,
    chosenWithThesaurus: installed.thesaurus === null ? null : chooseSetting(rows.filter((row) => row.thesaurus), baseOutcome[0]),
    otherRetrieval: rows.find((row) => row.thesaurus === chosen.thesaurus && row.retrieval !== chosen.retrieval && sameOptions(row.options, chosen.options))!,
    base: [base[0], base[1]],
    staged: [staged[0]!, staged[1]!],
    baseOutcome,
    falseMatches: await stageFalseMatches({ thesaurus, options: chosen.options }),
  };
}

function sameOptions(a: ParaphraseOptions, b: ParaphraseOptions): boolean {
  return a.stemPrefix === b.stemPrefix && a.minContentWords === b.minContentWords && a.minSharedWords === b.minSharedWords && a.minSimilarity === b.minSimilarity;
}

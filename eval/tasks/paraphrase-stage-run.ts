import { installedThesaurus } from "../../src/io/installed-thesaurus.ts";
import type { Thesaurus } from "../../src/core/paraphrase/thesaurus.ts";
import {
  chooseSetting,
  essaySentences,
  missedLight,
  outcome,
  stageFalseMatches,
  sweepStage,
  withParaphrases,
  type EssayOutcome,
  type MissedLight,
  type StageFalseMatches,
  type StageRow,
  type StageSetting,
} from "./paraphrase-stage.ts";
import type { EssayRun, IndexedEssay } from "./essays.ts";

/** One step from alignment alone towards the chosen setting (and past it), measured on both essays and the false-match corpus. */
export interface StageStep {
  name: string;
  setting: StageSetting;
  /** The step is the setting chosen on essay 1. */
  chosen: boolean;
  staged: [EssayRun, EssayRun];
  outcomes: [EssayOutcome, EssayOutcome];
  /** Light fragments still missed, per essay, by similarity with their true source sentence. */
  missed: [MissedLight, MissedLight];
  falseMatches: StageFalseMatches;
}

export interface ParaphraseStageReport {
  /** Why synonyms were not used, when the thesaurus is absent. */
  thesaurusMissing: string | null;
  thesaurusSets: number;
  thesaurusLoadMs: number;
  rows: StageRow[];
  chosen: StageRow;
  /** Alignment alone, per essay (essay 1 tuning, essay 2 held out). */
  base: [EssayRun, EssayRun];
  baseOutcome: [EssayOutcome, EssayOutcome];
  /** Per essay, the sources the fingerprint index retrieves for it, of those indexed. */
  retrieval: [{ retrieved: number; sources: number }, { retrieved: number; sources: number }];
  steps: StageStep[];
  /** Articles in the false-match corpus, and checking them all with the stage off. */
  falseMatchDocs: number;
  offCheckMs: number;
}

/**
 * Sweeps the paraphrase stage on the two same-language essays (alignment runs at the default options given as
 * `base`), chooses a setting on essay 1, and measures the steps towards it on essay 2 and among unrelated articles.
 */
export async function runParaphraseStage(indexed: readonly [IndexedEssay, IndexedEssay], base: readonly [EssayRun, EssayRun]): Promise<ParaphraseStageReport> {
  const start = performance.now();
  const installed = installedThesaurus();
  const thesaurusLoadMs = performance.now() - start;
  const rows = await sweepStage(indexed, base, installed.thesaurus);
  const baseOutcome: [EssayOutcome, EssayOutcome] = [outcome(base[0], 0), outcome(base[1], 0)];
  const chosen = chooseSetting(rows, baseOutcome[0]);
  const settings = stepSettings(chosen, installed.thesaurus === null ? null : chooseSetting(rows.filter((row) => row.thesaurus), baseOutcome[0]));
  const thesaurusOf = (setting: StageSetting): Thesaurus | null => (setting.thesaurus ? installed.thesaurus : null);
  const falseMatches = await stageFalseMatches(settings.map(({ setting }) => ({ thesaurus: thesaurusOf(setting), options: setting.options })));
  const steps: StageStep[] = [];
  // Which sources the index retrieves does not depend on the setting: read off the first step's sentences.
  const retrieval: Array<{ retrieved: number; sources: number }> = [];
  for (const [s, { name, setting }] of settings.entries()) {
    const staged: EssayRun[] = [];
    const missed: MissedLight[] = [];
    for (const [j, i] of indexed.entries()) {
      const sentences = await essaySentences(i, setting.options.stemPrefix, thesaurusOf(setting));
      const { run } = withParaphrases(base[j]!, sentences, setting.options);
      staged.push(run);
      missed.push(missedLight(run, sentences, setting.options));
      if (s === 0) retrieval.push({ retrieved: sentences.retrieved.size, sources: i.pages.length });
    }
    const outcomes = staged.map((run, j) => outcome(run, run.detections.length - base[j]!.detections.length));
    steps.push({
      name,
      setting,
      chosen: sameSetting(setting, chosen),
      staged: [staged[0]!, staged[1]!],
      outcomes: [outcomes[0]!, outcomes[1]!],
      missed: [missed[0]!, missed[1]!],
      falseMatches: falseMatches.stages[s]!,
    });
  }
  return {
    thesaurusMissing: "missing" in installed ? installed.missing : null,
    thesaurusSets: installed.thesaurus?.sets ?? 0,
    thesaurusLoadMs,
    rows,
    chosen,
    base: [base[0], base[1]],
    baseOutcome,
    retrieval: [retrieval[0]!, retrieval[1]!],
    steps,
    falseMatchDocs: falseMatches.docs,
    offCheckMs: falseMatches.offMs,
  };
}

/**
 * The chosen thresholds with each retrieval in turn (only the aligner's sources; every retrieved source with one
 * rewritten sentence enough; then as many as the options ask), then the setting chosen among those with the thesaurus.
 */
function stepSettings(chosen: StageSetting, withThesaurus: StageSetting | null): Array<{ name: string; setting: StageSetting }> {
  const stems = { ...chosen, thesaurus: false };
  const steps = [
    { name: "stems, sources the aligner matched", setting: { ...stems, options: { ...stems.options, sources: "aligned" as const } } },
    { name: "stems, every retrieved source, one rewritten sentence enough", setting: { ...stems, options: { ...stems.options, sources: "retrieved" as const, minUnalignedPairs: 1 } } },
    {
      name: `stems, every retrieved source, ${chosen.options.minUnalignedPairs} rewritten sentences for an unaligned one`,
      setting: { ...stems, options: { ...stems.options, sources: "retrieved" as const } },
    },
  ];
  return withThesaurus === null ? steps : [...steps, { name: "stems and thesaurus (the setting the rule chooses among those with it)", setting: withThesaurus }];
}

function sameSetting(a: StageSetting, b: StageSetting): boolean {
  const keys = Object.keys(a.options) as Array<keyof StageSetting["options"]>;
  return a.thesaurus === b.thesaurus && keys.every((k) => a.options[k] === b.options[k]);
}

import { GROUPS, labelRow, type EssayRun } from "../tasks/essays.ts";
import { REWRITE_LABELS, type RewriteLabel } from "../data/essays.ts";
import { MIN_PASSAGE_PRECISION, type EssayOutcome } from "../tasks/paraphrase-stage.ts";
import type { ParaphraseStageReport } from "../tasks/paraphrase-stage-run.ts";
import type { CrossMatch } from "../tasks/false-matches.ts";
import { pct, ratio, table } from "./format.ts";

export const PARAPHRASE_STAGE_HEADING = "## 6. Paraphrase stage: synonyms and derivation (off by default)";

/** Targets of issue 12 the stage is read against. */
const LIGHT_GOAL = 0.95;
const ORIG_GOAL = 0.1;

export function paraphraseStageSection(r: ParaphraseStageReport): string {
  const out: string[] = [PARAPHRASE_STAGE_HEADING];
  out.push(
    "A second stage after alignment (`src/core/paraphrase/`, engine option `paraphrase`): each candidate sentence the aligned passages do not already half cover is paired with the source sentence whose *content words* (not the frequent words of news formulas, three letters or more) it shares most, two words counting as one when their stems share the first `stemPrefix` letters (derivation: экономика/экономический) or the thesaurus puts them in one synonym set. " +
      "Similarity = content words with a counterpart, both sides, ÷ content words of both, each word weighted by its rarity among the source's sentences (log(1 + sentences ÷ sentences holding its stem): an article's topic words say little). A pair is reported above `minSimilarity` with at least `minSharedWords` candidate words matched. " +
      "Its pairs are listed in a match's `paraphrases` with their similarity, **never counted in the share** (README): the share measures text taken, and a rewritten sentence is evidence to read, not characters reused — so the republication suite's share MAE and verdicts are unchanged by construction (`test/engine/paraphrase-stage.test.ts` checks a match is identical but for `paraphrases`).",
  );
  out.push(
    r.thesaurusMissing === null
      ? `Thesaurus: Debian's \`mythes-ru\` (LibreOffice's Russian thesaurus, LGPL-2.1 per its Debian copyright file, installed, not shipped; \`scripts/ensure-thesaurus.sh\` installs it), synonym and near-synonym lines only (antonyms and "related terms" left out), one-word synonyms: ${r.thesaurusSets} synonym sets, read and stemmed in ${(r.thesaurusLoadMs / 1000).toFixed(1)} s once per process.`
      : `Thesaurus: ${r.thesaurusMissing}. Only stem prefixes were tried.`,
  );
  const o = r.chosen.options;
  out.push(
    `Chosen on **essay 1 only**: the setting finding the most essay-1 fragments among those keeping essay 1's passage precision ≥ ${pct(MIN_PASSAGE_PRECISION, 0)} and touching no more of its writer's own (ORIG) sentences than alignment alone does; ties to fewer added passages, then the higher threshold. ` +
      `Chosen: thesaurus ${r.chosen.thesaurus ? "on" : "off"}, sources ${r.chosen.retrieval === "aligned" ? "the aligner matched" : "the index retrieved (one shared fingerprint)"}, stemPrefix ${o.stemPrefix}, minContentWords ${o.minContentWords}, minSharedWords ${o.minSharedWords}, minSimilarity ${o.minSimilarity}.`,
  );

  out.push("### What it recovers, per label (chosen setting)");
  const rows: string[][] = [];
  type LabelTest = (labels: readonly RewriteLabel[]) => boolean;
  const cell = (runs: readonly EssayRun[], test: LabelTest) => {
    const row = labelRow(runs, "", (f) => test(f.labels));
    return row.fragments === 0 ? "—" : ratio(row.found, row.fragments);
  };
  const labelTests: Array<[string, LabelTest]> = [
    ...GROUPS.map((g): [string, LabelTest] => [`**${g.name}**`, g.test]),
    ...REWRITE_LABELS.filter((l) => l !== "ORIG").map((label): [string, LabelTest] => [label, (l) => l.includes(label)]),
  ];
  for (const [name, test] of labelTests) {
    if (labelRow([...r.base], "", (f) => test(f.labels)).fragments === 0) continue;
    rows.push([name, cell([r.base[0]], test), cell([r.staged[0]], test), cell([r.base[1]], test), cell([r.staged[1]], test)]);
  }
  out.push(table(["label", "essay 1, alignment", "essay 1, + stage", "essay 2 (held out), alignment", "essay 2, + stage"], rows));
  const cost = (label: string, e: EssayOutcome) =>
    `${label}: passage precision ${pct(e.passagePrecision)}, ORIG sentences touched ${e.origTouched}/${e.orig} (${pct(e.origTouched / e.orig)}), passages added ${e.added}`;
  const chosenOutcomes = r.chosen.essays;
  out.push(
    [
      `- essay 1 ${cost("alignment alone", r.baseOutcome[0])}; ${cost("with the stage", chosenOutcomes[0])}.`,
      `- essay 2 ${cost("alignment alone", r.baseOutcome[1])}; ${cost("with the stage", chosenOutcomes[1])}.`,
      ...(r.chosenWithThesaurus === null
        ? []
        : [
            `- the setting the same rule chooses among those using the thesaurus (stemPrefix ${r.chosenWithThesaurus.options.stemPrefix}, minSharedWords ${r.chosenWithThesaurus.options.minSharedWords}, minSimilarity ${r.chosenWithThesaurus.options.minSimilarity}, ${r.chosenWithThesaurus.retrieval} sources): ` +
              r.chosenWithThesaurus.essays.map((e, j) => `essay ${j + 1} light ${ratio(e.light.found, e.light.fragments)}, heavy ${ratio(e.heavy.found, e.heavy.fragments)}, ${cost("", e).slice(2)}`).join("; ") +
              " (synonyms raise every similarity, the writers' own sentences' too, so they need a higher threshold).",
          ]),
      `- the same thresholds comparing ${r.otherRetrieval.retrieval === "aligned" ? "only the sources the aligner matched" : "every source the index retrieves"} (essay 1 cannot choose between the two: all its sources align): essay 2 light ${ratio(r.otherRetrieval.essays[1].light.found, r.otherRetrieval.essays[1].light.fragments)}, heavy ${ratio(r.otherRetrieval.essays[1].heavy.found, r.otherRetrieval.essays[1].heavy.fragments)}; ${cost("", r.otherRetrieval.essays[1]).slice(2)}.`,
    ].join("\n"),
  );

  out.push("### Among unrelated articles, and the cost of a check");
  const fm = r.falseMatches;
  const classes = (matches: readonly CrossMatch[]) => {
    const count = (k: string) => matches.filter((m) => m.klass === k).length;
    return `${matches.length} pairs (${count("unexplained")} unexplained, ${count("same story")} same story, ${count("shared quotation")} shared quotation), ${matches.reduce((n, m) => n + m.passages.length, 0)} paraphrase pairs`;
  };
  out.push(
    [
      `The false-match corpus (section 4, ${fm.docs} articles) indexed and each article checked against the rest with the chosen setting:`,
      `- through the engine (paraphrases of sources the aligner matched): ${classes(fm.aligned)};`,
      `- every source the index retrieves (the looser rule): ${classes(fm.retrieved)}.`,
      `- checking all ${fm.docs} articles took ${(fm.checkMs.off / 1000).toFixed(2)} s with the stage off and ${(fm.checkMs.on / 1000).toFixed(2)} s with it on (the fastest of three alternating passes each, on a shared machine: noisy; the thesaurus load is apart, above).`,
    ].join("\n"),
  );

  out.push("### Sweep (every setting tried; essay 2 read, never used to choose)");
  out.push(
    table(
      ["thesaurus", "sources", "stemPrefix", "minSharedWords", "minSimilarity", "light e1", "heavy e1", "prec. e1", "ORIG e1", "light e2", "heavy e2", "prec. e2", "ORIG e2"],
      r.rows.map((row) => [
        row.thesaurus ? "on" : "off",
        row.retrieval,
        row.options.stemPrefix,
        row.options.minSharedWords,
        row.options.minSimilarity,
        ...row.essays.flatMap((e) => [`${e.light.found}/${e.light.fragments}`, `${e.heavy.found}/${e.heavy.fragments}`, pct(e.passagePrecision), `${e.origTouched}/${e.orig}`]),
      ]),
    ),
  );

  const reach = [...r.rows].sort((a, b) => b.essays[1].light.found - a.essays[1].light.found || b.essays[1].passagePrecision - a.essays[1].passagePrecision)[0]!;
  const e2 = reach.essays[1];
  const reachNote =
    `The sweep's best essay-2 light figure, ${ratio(e2.light.found, e2.light.fragments)} (thesaurus ${reach.thesaurus ? "on" : "off"}, ${reach.retrieval} sources, stemPrefix ${reach.options.stemPrefix}, minSharedWords ${reach.options.minSharedWords}, minSimilarity ${reach.options.minSimilarity}), ` +
    `comes with essay-2 passage precision ${pct(e2.passagePrecision)} and ORIG sentences touched ${e2.origTouched}/${e2.orig}; on essay 1 that setting has precision ${pct(reach.essays[0].passagePrecision)} and ORIG ${reach.essays[0].origTouched}/${reach.essays[0].orig}.`;
  const pays =
    chosenOutcomes.every((e) => e.light.found >= LIGHT_GOAL * e.light.fragments && e.passagePrecision >= MIN_PASSAGE_PRECISION && e.origTouched <= ORIG_GOAL * e.orig) &&
    [...fm.aligned, ...fm.retrieved].every((m) => m.klass !== "unexplained");
  out.push(
    pays
      ? `Reading: at the chosen setting the stage meets the light-label, precision and ORIG targets on both essays with no unexplained false match. ${reachNote}`
      : `Reading: the stage does not pay yet — at the setting chosen on essay 1 it misses at least one of: light labels ≥ ${pct(LIGHT_GOAL, 0)} on each essay, passage precision ≥ ${pct(MIN_PASSAGE_PRECISION, 0)}, ORIG sentences ≤ ${pct(ORIG_GOAL, 0)}, no unexplained false match. It stays **off by default** (engine option \`paraphrase\`). ${reachNote}`,
  );
  return out.join("\n\n");
}

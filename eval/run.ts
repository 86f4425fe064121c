import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { DEFAULT_DETECTION_OPTIONS } from "../src/core/options.ts";
import { hasEvalData, dataDir, repoRoot } from "./paths.ts";
import { readEssays } from "./data/essays.ts";
import { readMsrp, readParaphraser, type ParaphraserPair } from "./data/paraphrase.ts";
import { readNewsArticles } from "./data/ru-news.ts";
import { checkEssay, GROUPS, indexEssay, labelRow, overall, type EssayRun } from "./tasks/essays.ts";
import { runCrossLingual } from "./tasks/crosslingual.ts";
import { evaluateParaphrase } from "./tasks/paraphrase.ts";
import { runRepublication } from "./tasks/republication.ts";
import { summarize, RECALL_MIN_SHARE } from "./tasks/republication-metrics.ts";
import { runFalseMatches, SWEEP, SWEEP_RETRIEVAL } from "./tasks/false-matches.ts";
import { essaysSection, type EssaySweepRow } from "./report/essays-section.ts";
import { paraphraseSection } from "./report/paraphrase-section.ts";
import { republicationSection } from "./report/republication-section.ts";
import { falseMatchesSection, type MinMatchedRecall } from "./report/false-matches-section.ts";
import { summarySection } from "./report/summary-section.ts";
import { findingsSection } from "./report/findings-section.ts";
import { extractionSection } from "./report/extraction-section.ts";
import { runExtraction } from "./tasks/extraction.ts";
import { runParaphraseStage } from "./tasks/paraphrase-stage-run.ts";
import { paraphraseStageSection } from "./report/paraphrase-stage-section.ts";

/** Alignment options tried on the essays (tuned on essay 1, read on essay 2). */
const ESSAY_SWEEP = { seedLength: [2, 3], minMatched: [6, 8], maxGap: [4, 8, 12] };
/** Pages of the republication slice used for the minMatched sweep: every obfuscation × link pair once. */
const SWEEP_PAGES = 49;

/** Wall-clock seconds per stage, reported so that a slow stage is visible in the report. */
const stages: Array<[string, number]> = [];
let stageStart = performance.now();

function log(message: string): void {
  process.stderr.write(`[eval ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

function stage(name: string): void {
  const now = performance.now();
  stages.push([name, (now - stageStart) / 1000]);
  stageStart = now;
}

function gitCommit(): string {
  try {
    const commit = execFileSync("git", ["rev-parse", "HEAD"], { cwd: repoRoot, encoding: "utf8" }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--", "src", "eval"], { cwd: repoRoot, encoding: "utf8" }).trim() !== "";
    return dirty ? `${commit} (with uncommitted changes in src/ or eval/)` : commit;
  } catch {
    return "unknown (not a git checkout)";
  }
}

async function main(): Promise<void> {
  if (!hasEvalData()) {
    process.stderr.write(`eval: the evaluation data is not at ${dataDir}; nothing to evaluate.\n`);
    process.exitCode = 2;
    return;
  }
  const started = Date.now();

  log("essays: indexing source pages");
  const essays = readEssays();
  const indexed = [];
  for (const essay of essays) {
    const t = performance.now();
    indexed.push(await indexEssay(essay));
    log(`  ${essay.name}: ${essay.sources.length} pages in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    stage(`index ${essay.name} (${essay.sources.length} pages)`);
  }
  const sameLanguage = indexed.filter((i) => !i.essay.crossLanguage);
  const essay3Index = indexed.find((i) => i.essay.crossLanguage)!;
  const essayRuns: EssayRun[] = [];
  for (const i of sameLanguage) essayRuns.push(await checkEssay(i));
  const essay3 = await checkEssay(essay3Index);
  const crossLingual = runCrossLingual(essay3Index);
  const crossLingualNoDictionary = runCrossLingual(essay3Index, null);
  stage("check essays, cross-language anchors");

  log("essays: alignment sweep");
  const cell = (run: EssayRun, g: number) => {
    const row = labelRow([run], GROUPS[g]!.name, (f) => GROUPS[g]!.test(f.labels));
    return { found: row.found, fragments: row.fragments };
  };
  const essaySweep: EssaySweepRow[] = [];
  for (const seedLength of ESSAY_SWEEP.seedLength) {
    for (const minMatched of ESSAY_SWEEP.minMatched) {
      for (const maxGap of ESSAY_SWEEP.maxGap) {
        const runs: EssayRun[] = [];
        for (const i of sameLanguage) runs.push(await checkEssay(i, { seedLength, minMatched, maxGap }));
        essaySweep.push({
          seedLength,
          minMatched,
          maxGap,
          light: [cell(runs[0]!, 0), cell(runs[1]!, 0)],
          heavy: [cell(runs[0]!, 1), cell(runs[1]!, 1)],
          pan: [overall([runs[0]!]).pan, overall([runs[1]!]).pan],
          passagePrecision: [overall([runs[0]!]).passagePrecision, overall([runs[1]!]).passagePrecision],
        });
      }
    }
  }
  stage("essay alignment sweep");
  const minMatchedRecall: MinMatchedRecall[] = [];
  const articles = readNewsArticles();
  log("minMatched sweep: essays and a republication slice");
  for (const minSharedFingerprints of SWEEP_RETRIEVAL) for (const minMatched of SWEEP) {
    const runs: EssayRun[] = [];
    for (const i of sameLanguage) runs.push(await checkEssay(i, { minMatched, minSharedFingerprints }));
    const slice = await runRepublication(articles, { pages: SWEEP_PAGES, detection: { minMatched, minSharedFingerprints } });
    const scored = slice.outcomes.filter((o) => o.page.truth.share >= RECALL_MIN_SHARE);
    minMatchedRecall.push({
      minSharedFingerprints,
      minMatched,
      essayLight: [cell(runs[0]!, 0), cell(runs[1]!, 0)],
      essayHeavy: [cell(runs[0]!, 1), cell(runs[1]!, 1)],
      republication: { scored: scored.length, detected: scored.filter((o) => o.reusedChars > 0).length },
    });
  }
  stage("minMatched sweep (essays, republication slice)");
  log("paraphrase stage: tuned on essay 1, read on essay 2 and unrelated articles");
  const paraphraseStage = await runParaphraseStage([sameLanguage[0]!, sameLanguage[1]!], [essayRuns[0]!, essayRuns[1]!]);
  for (const i of indexed) await i.temp.dispose();
  stage("paraphrase stage");

  log("paraphrase: ParaPhraser and MSRP");
  const paraphrase = [
    evaluateParaphrase("ParaPhraser", readParaphraser(), (p) => String((p as ParaphraserPair).cls)),
    evaluateParaphrase("MSRP", readMsrp(), (p) => (p.paraphrase ? "1" : "0")),
  ];
  stage("paraphrase");

  log("republication suite");
  const republication = await runRepublication(articles);
  const summary = summarize(republication, DEFAULT_DETECTION_OPTIONS.minMatched);
  // The other candidate-retrieval setting (one shared fingerprint against two), to show what it buys.
  const otherRetrieval = DEFAULT_DETECTION_OPTIONS.minSharedFingerprints === 1 ? 2 : 1;
  const variantRun = await runRepublication(articles, { detection: { minSharedFingerprints: otherRetrieval } });
  const variant = {
    label: `candidate retrieval with minSharedFingerprints = ${otherRetrieval} (default ${DEFAULT_DETECTION_OPTIONS.minSharedFingerprints})`,
    summary: summarize(variantRun, DEFAULT_DETECTION_OPTIONS.minMatched),
  };
  stage("republication suite (default and retrieval variant)");

  log("false matches");
  const falseMatches = await runFalseMatches();
  stage("false matches and sweep");
  const passagesFile = path.join(os.tmpdir(), "copyquota-eval", "false-match-passages.md");
  mkdirSync(path.dirname(passagesFile), { recursive: true });
  writeFileSync(
    passagesFile,
    [...falseMatches.matches, ...falseMatches.relaxedMatches.filter((m) => !falseMatches.matches.some((d) => d.a.id === m.a.id && d.b.id === m.b.id))]
      .map((m) => `## ${m.a.id} (${m.a.url}) ↔ ${m.b.id} (${m.b.url}): ${m.klass}\n\n${m.passages.map((p) => `- ${p.candidateId}←${p.sourceId} (${p.words} words): ${p.text.replace(/\s+/g, " ")}`).join("\n")}`)
      .join("\n\n"),
  );

  const seconds = (Date.now() - started) / 1000;
  const report = [
    "# CopyQuota detection quality",
    "Generated by `npm run eval` (`tsx eval/run.ts`); do not edit by hand.",
    table2([
      ["command", "`npm run eval`"],
      ["date", new Date().toISOString()],
      ["commit", `\`${gitCommit()}\``],
      ["node", process.version],
      ["detection options", `\`${JSON.stringify(DEFAULT_DETECTION_OPTIONS)}\``],
      ["data", "`../shared/eval/data` (read at run time; no corpus text is copied into this report)"],
      ["runtime", `${seconds.toFixed(0)} s on ${os.cpus().length} cores: ${stages.map(([name, s]) => `${name} ${s.toFixed(0)} s`).join("; ")}`],
    ]),
    summarySection({ essays: essayRuns, paraphrase, republication: summary, falseMatches }),
    findingsSection({ essays: essayRuns, republication: summary, variant, falseMatches }),
    essaysSection({ runs: essayRuns, essay3, crossLingual, crossLingualNoDictionary, sweep: essaySweep }),
    paraphraseSection(paraphrase),
    republicationSection({ run: republication, summary, variant }),
    falseMatchesSection(falseMatches, minMatchedRecall, passagesFile),
    extractionSection(runExtraction()),
    paraphraseStageSection(paraphraseStage),
  ].join("\n\n");
  const file = path.join(repoRoot, "docs", "EVALUATION.md");
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${report}\n`);
  log(`wrote ${path.relative(repoRoot, file)} in ${seconds.toFixed(0)} s`);
}

function table2(rows: Array<[string, string]>): string {
  return ["| | |", "| --- | --- |", ...rows.map(([k, v]) => `| ${k} | ${v} |`)].join("\n");
}

await main();

import path from "node:path";
import { hasEvalData, dataDir, repoRoot } from "../paths.ts";
import { readEssays } from "../data/essays.ts";
import { checkEssay, indexEssay } from "../tasks/essays.ts";
import { runParaphraseStage } from "../tasks/paraphrase-stage-run.ts";
import { PARAPHRASE_STAGE_HEADING, paraphraseStageSection } from "./paraphrase-stage-section.ts";
import { replaceSection } from "./replace-section.ts";

/**
 * Regenerates only the paraphrase-stage section of docs/EVALUATION.md (`tsx eval/report/paraphrase-stage-only.ts`,
 * under a minute) instead of the whole evaluation.
 */
async function main(): Promise<void> {
  if (!hasEvalData()) {
    process.stderr.write(`eval: the evaluation data is not at ${dataDir}; nothing to evaluate.\n`);
    process.exitCode = 2;
    return;
  }
  const essays = readEssays().filter((e) => !e.crossLanguage);
  const indexed = [await indexEssay(essays[0]!), await indexEssay(essays[1]!)] as const;
  try {
    const base = [await checkEssay(indexed[0]), await checkEssay(indexed[1])] as const;
    const section = `${paraphraseStageSection(await runParaphraseStage(indexed, base))}\n`;
    const file = path.join(repoRoot, "docs", "EVALUATION.md");
    replaceSection(file, PARAPHRASE_STAGE_HEADING, section);
    process.stderr.write(`wrote the paraphrase-stage section of ${path.relative(repoRoot, file)}\n`);
  } finally {
    for (const i of indexed) await i.temp.dispose();
  }
}

await main();

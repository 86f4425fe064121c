import path from "node:path";
import { repoRoot } from "../paths.ts";
import { runExtraction } from "../tasks/extraction.ts";
import { EXTRACTION_HEADING, extractionSection } from "./extraction-section.ts";
import { replaceSection } from "./replace-section.ts";

/**
 * Regenerates only the extraction section of docs/EVALUATION.md (`tsx eval/report/extraction-only.ts`):
 * it needs none of the external data and takes seconds, where `npm run eval` takes minutes.
 */
function main(): void {
  const file = path.join(repoRoot, "docs", "EVALUATION.md");
  replaceSection(file, EXTRACTION_HEADING, `${extractionSection(runExtraction())}\n`);
  process.stderr.write(`wrote the extraction section of ${path.relative(repoRoot, file)}\n`);
}

main();

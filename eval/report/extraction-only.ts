import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { repoRoot } from "../paths.ts";
import { runExtraction } from "../tasks/extraction.ts";
import { EXTRACTION_HEADING, extractionSection } from "./extraction-section.ts";

/**
 * Regenerates only the extraction section of docs/EVALUATION.md (`tsx eval/report/extraction-only.ts`):
 * it needs none of the external data and takes seconds, where `npm run eval` takes minutes. The section
 * replaces the one already there, from its heading to the next `## ` heading, or is appended.
 */
function main(): void {
  const file = path.join(repoRoot, "docs", "EVALUATION.md");
  const report = readFileSync(file, "utf8");
  const section = `${extractionSection(runExtraction())}\n`;
  const start = report.indexOf(EXTRACTION_HEADING);
  let updated: string;
  if (start < 0) {
    updated = `${report.trimEnd()}\n\n${section}`;
  } else {
    const next = report.indexOf("\n## ", start + EXTRACTION_HEADING.length);
    updated = report.slice(0, start) + section + (next < 0 ? "" : report.slice(next));
  }
  writeFileSync(file, updated);
  process.stderr.write(`wrote the extraction section of ${path.relative(repoRoot, file)}\n`);
}

main();

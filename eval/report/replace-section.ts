import { readFileSync, writeFileSync } from "node:fs";

/**
 * Replaces one section of a generated report, from its heading to the next `## ` heading, or appends it: the
 * section runners regenerate their part in seconds where `npm run eval` takes minutes.
 */
export function replaceSection(file: string, heading: string, section: string): void {
  const report = readFileSync(file, "utf8");
  const start = report.indexOf(heading);
  let updated: string;
  if (start < 0) {
    updated = `${report.trimEnd()}\n\n${section}`;
  } else {
    const next = report.indexOf("\n## ", start + heading.length);
    updated = report.slice(0, start) + section + (next < 0 ? "" : report.slice(next));
  }
  writeFileSync(file, updated);
}

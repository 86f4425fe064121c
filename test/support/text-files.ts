import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";

/** The contents of every text, JSONL, HTML and Markdown file under `dir`, at any depth, in directory order. */
export function textFilesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(txt|jsonl|html|md)$/.test(entry.name))
    .map((entry) => readFileSync(path.join(entry.parentPath, entry.name), "utf8"));
}

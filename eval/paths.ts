import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The repository's root: `eval/` sits directly under it. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/**
 * The external evaluation data, kept outside the repository (its texts must never be committed).
 * It sits beside the repository as `../shared/eval/data`, both on developers' machines and in CI.
 */
export const dataDir = path.resolve(repoRoot, "../shared/eval/data");

/** The seed article of the project's first customer, read at run time like the eval data. */
export const seedArticlePath = path.resolve(repoRoot, "../shared/seed/article-ru.txt");

/** True when the external data is present; callers skip (visibly) when it is not. */
export function hasEvalData(): boolean {
  return existsSync(path.join(dataDir, "INDEX.md"));
}

/** A path inside the data directory, with a clear error when the file is missing. */
export function dataPath(...parts: string[]): string {
  const file = path.join(dataDir, ...parts);
  if (!existsSync(file)) throw new Error(`eval data: ${file} does not exist (expected ../shared/eval/data beside the repository)`);
  return file;
}

import { existsSync } from "node:fs";
import path from "node:path";
import { dataDir } from "../../eval/paths.ts";

/**
 * The folders of ../shared/eval/data that tests read. A test names each folder it reads and never walks the
 * whole data directory: others add folders there, and a new corpus must not slow every run or change what a
 * test proves without anyone choosing it.
 */
export type EvalDataFolder = "msrp-en" | "paraphraser-ru" | "plagevalrus-essays-ru" | "ru-news-samples";

/** The folders holding real text, Russian and English: all but `pan-text-alignment-spec`, a format description. */
export const TEXT_FOLDERS: readonly EvalDataFolder[] = ["msrp-en", "paraphraser-ru", "plagevalrus-essays-ru", "ru-news-samples"];

/** A folder of the evaluation data, or a file inside it. */
export function evalDataPath(folder: EvalDataFolder, ...parts: string[]): string {
  return path.join(dataDir, folder, ...parts);
}

/**
 * True when every path (a folder or file of ../shared) is there. When one is absent it says so as the test
 * file loads, naming the tests skipped, the missing paths and what still covers the behaviour: a run without
 * ../shared reports what it did not test, and no placeholder test has to stand in for the message.
 */
export function sharedPresent(paths: readonly string[], skipped: string, stillCovered: string): boolean {
  const missing = paths.filter((p) => !existsSync(p));
  if (missing.length > 0) console.warn(`SKIPPED: ${skipped}: ${missing.join(", ")} absent (../shared is read at run time); ${stillCovered}`);
  return missing.length === 0;
}

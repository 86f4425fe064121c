import type { CliOutcome } from "./run-cli.ts";

/** What a CLI run over a batch did wrong, by the CLI's contract (README, "Exit codes"). */
export interface Judgement {
  /** Exited with a code the command may not give, or was killed by a signal other than ours. */
  crashed: boolean;
  hung: boolean;
  /** stderr lines that report a problem without naming the input it is in (a stack trace, a bare error). */
  unnamed: string[];
}

/** Lines that are not error reports: the summary, progress lines, warnings. */
const NOT_AN_ERROR = [/^sources: \d+ added, \d+ replaced, \d+ failed$/, /^\d+ · /, /^copyquota: warning: /];

/**
 * Judges one run. An error line is named when, after `copyquota: ` (and `skipped ` for `sources add`), it
 * starts with one of the batch's files (as a path, `file:line` or `file item n`) or with the http(s) URL a feed or sitemap
 * listed; a run that exits 2 must name at least one input.
 */
export function judge(outcome: CliOutcome, options: { files: readonly string[]; codes: readonly number[] }): Judgement {
  const unnamed: string[] = [];
  let named = 0;
  for (const line of outcome.stderr.split("\n")) {
    if (line.trim() === "" || NOT_AN_ERROR.some((pattern) => pattern.test(line))) continue;
    const report = /^copyquota: (?:skipped )?(.*)$/s.exec(line)?.[1];
    if (report !== undefined && (options.files.some((file) => report.startsWith(`${file}:`) || report.startsWith(`${file} `)) || /^https?:\/\/\S+: /.test(report))) named++;
    else unnamed.push(line);
  }
  if (outcome.code === 2 && named === 0 && unnamed.length === 0) unnamed.push("(exit 2 with no input named)");
  const crashed = !outcome.hung && (outcome.signal !== null || outcome.code === null || !options.codes.includes(outcome.code));
  return { crashed, hung: outcome.hung, unnamed };
}

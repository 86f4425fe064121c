import type { Command } from "commander";
import type { CliContext } from "../context.ts";
import type { RecordedCheck } from "../../cases/case-store.ts";
import type { LoadedInput } from "../../io/inputs/types.ts";
import { EXIT, UsageError } from "../context.ts";
import { parsePublished, parseUrlOption } from "../options.ts";
import { databaseName, requireDatabase } from "../database-file.ts";

export function registerCheck(program: Command, context: CliContext): void {
  program
    .command("check")
    .description("check pages or texts for reuse of the indexed sources, against the policy")
    .argument("<inputs...>", "HTML or text files, or http(s) URLs")
    .option("--json", "one JSON object per candidate (JSONL), in input order")
    .option("--url <url>", "where a saved page or text was published (its URL instead of the canonical link it names); a page fetched goes by the URL fetched")
    .option("--published <iso>", "the candidate's publication date, overriding the page's")
    .option("--open-cases", "record each check with its evidence, and open or update cases for violations as the API does (see `cases list`); without --policy, under the policy stored in the database")
    .action(async (inputs: string[], opts: { json?: boolean; url?: string; published?: string; openCases?: boolean }) => {
      const url = parseUrlOption(opts.url);
      const published = parsePublished(opts.published);
      requireDatabase(context);
      const openCases = Boolean(opts.openCases);
      const givenPolicy = program.opts<{ policy?: string }>().policy ? await context.policy() : undefined;
      const [{ withChecker }, { readInputs }, { formatCheck }] = await Promise.all([import("../checker.ts"), import("../read-inputs.ts"), import("../format-check.ts")]);
      let violation = false;
      let failed = false;
      const cases = { opened: 0, updated: 0, resolved: 0, reopened: 0 };
      await withChecker(context, { openCases, givenPolicy }, async ({ store, check }) => {
        if ((await store.countSources()) === 0) {
          // Every page would come out "no reuse": an empty archive must not pass for an all clear.
          throw new UsageError(`${databaseName(context)} holds no sources to check against (add the publisher's articles with \`copyquota sources add …\`)`);
        }
        for await (const item of readInputs(inputs, { url, published, purpose: "candidate", allowPrivate: context.allowPrivate() })) {
          if ("error" in item) {
            failed = true;
            process.stderr.write(`copyquota: ${item.error.message}\n`);
            continue;
          }
          const { result, recorded } = await check(item, foundAt(item, url));
          if (recorded !== null) count(cases, recorded);
          if (result.verdict === "violation") violation = true;
          if (opts.json) {
            process.stdout.write(`${JSON.stringify(result)}\n`);
            continue;
          }
          const sources = new Map<string, string>();
          for (const m of result.matches) sources.set(m.source.url, (await store.getSource(m.source.url))?.protectedText ?? "");
          process.stdout.write(`${formatCheck(result, { candidate: item.doc.text, sources, canonicalUrl: item.canonicalUrl })}\n`);
        }
      });
      if (openCases) {
        process.stderr.write(`cases: ${cases.opened} opened, ${cases.updated} updated (${cases.reopened} of them reopened), ${cases.resolved} resolved (copyquota cases list)\n`);
      }
      process.exitCode = failed ? EXIT.usage : violation ? EXIT.violation : EXIT.ok;
    });
}

/**
 * Where a candidate was found, in the page reader's order (`pageIdentity`): the address it was fetched from,
 * else `--url`; a JSON Lines record's `url` is given with it. A whole file's URL is only what the page says of
 * itself (its canonical link, else its file:// address), which a copy keeps from its original: where the file
 * was found is unknown.
 */
function foundAt(item: LoadedInput, url: string | undefined): string | null {
  return item.fetched?.requestedUrl ?? url ?? (item.bytes === undefined ? item.doc.url : null);
}

function count(totals: Record<"opened" | "updated" | "resolved" | "reopened", number>, recorded: RecordedCheck): void {
  totals.opened += recorded.opened.length;
  totals.updated += recorded.updated.length;
  totals.resolved += recorded.resolved.length;
  totals.reopened += recorded.reopened.length;
}

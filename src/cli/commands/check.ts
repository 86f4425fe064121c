import type { Command } from "commander";
import type { CliContext } from "../context.ts";
import { EXIT, UsageError } from "../context.ts";
import { parsePublished, parseUrlOption } from "../options.ts";
import { databaseName, requireDatabase } from "../database-file.ts";

export function registerCheck(program: Command, context: CliContext): void {
  program
    .command("check")
    .description("check pages or texts for reuse of the indexed sources, against the policy")
    .argument("<inputs...>", "HTML or text files, or http(s) URLs")
    .option("--json", "one JSON object per candidate (JSONL), in input order")
    .option("--url <url>", "the candidate's URL, overriding the page's")
    .option("--published <iso>", "the candidate's publication date, overriding the page's")
    .action(async (inputs: string[], opts: { json?: boolean; url?: string; published?: string }) => {
      const url = parseUrlOption(opts.url);
      const published = parsePublished(opts.published);
      requireDatabase(context);
      const policy = await context.policy();
      const [{ withEngine }, { readInputs }, { formatCheck }] = await Promise.all([import("../open-engine.ts"), import("../read-inputs.ts"), import("../format-check.ts")]);
      let violation = false;
      let failed = false;
      await withEngine(context, async (engine, store) => {
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
          const result = await engine.check(item.doc, policy);
          if (result.verdict === "violation") violation = true;
          if (opts.json) {
            process.stdout.write(`${JSON.stringify(result)}\n`);
            continue;
          }
          const sources = new Map<string, string>();
          for (const m of result.matches) sources.set(m.source.url, (await store.getSource(m.source.url))?.protectedText ?? "");
          process.stdout.write(`${formatCheck(result, policy, { candidate: item.doc.text, sources })}\n`);
        }
      });
      process.exitCode = failed ? EXIT.usage : violation ? EXIT.violation : EXIT.ok;
    });
}

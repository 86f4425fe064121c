import type { Command } from "commander";
import type { CliContext } from "../context.ts";
import type { StoredSource } from "../../io/store/source-store.ts";
import { EXIT } from "../context.ts";
import { progress } from "../progress.ts";
import { parsePositiveInt, parsePublished, parseUrlOption } from "../options.ts";
import { requireCreatableDatabase, requireDatabase } from "../database-file.ts";
import { undatedSourcesWarning } from "../../io/inputs/undated-warning.ts";


export function registerSources(program: Command, context: CliContext): void {
  const sources = program.command("sources").description("the publisher's articles (and reference documents) to protect");

  sources
    .command("add")
    .description("add HTML pages, text files, JSONL, RSS/Atom feeds or sitemaps, as files or URLs")
    .argument("<inputs...>", "files or http(s) URLs")
    .option("--reference", "not the publisher's own text (press release, agency wire, official statement)")
    .option("--url <url>", "the source URL, for a single page or text file without one")
    .option("--published <iso>", "publication date, overriding the page's")
    .option("--title <text>", "the title, for a single page or text file (a text file's is its file name otherwise)")
    .action(async (inputs: string[], opts: { reference?: boolean; url?: string; published?: string; title?: string }) => {
      const url = parseUrlOption(opts.url);
      const published = parsePublished(opts.published);
      requireCreatableDatabase(context);
      const [{ withBulkWriter }, { readInputs }] = await Promise.all([import("../open-engine.ts"), import("../read-inputs.ts")]);
      const bar = progress();
      let added = 0;
      let replaced = 0;
      let failed = 0;
      let undated = 0;
      const { startBlockAnalyzer, ANALYZER_THREADS } = await import("../../engine/block-analyzer.ts");
      const analyzer = startBlockAnalyzer(ANALYZER_THREADS);
      try {
        await withBulkWriter(context, async (engine, writer) => {
          const items = readInputs(inputs, { url, published, title: opts.title, purpose: "source", allowPrivate: context.allowPrivate() });
          const reference = Boolean(opts.reference);
          for await (const { item, added: result } of engine.addSources(items, { source: (i) => ("error" in i ? null : { doc: i.doc, reference }), writer, analyzer })) {
            if ("error" in item) {
              failed++;
              bar.note(`copyquota: skipped ${item.error.message}`);
              continue;
            }
            if (result?.replaced) replaced++;
            else added++;
            if (item.doc.published === null) undated++;
            bar.tick(item.doc.url);
          }
        });
      } finally {
        await analyzer.close();
      }
      bar.done(`sources: ${added} added, ${replaced} replaced, ${failed} failed`);
      const undatedWarning = undatedSourcesWarning(undated, added + replaced, "--published");
      if (undatedWarning) process.stderr.write(`copyquota: warning: ${undatedWarning}\n`);
      if (failed > 0) process.exitCode = EXIT.usage;
    });

  sources
    .command("list")
    .description("list stored sources")
    .option("--json", "one JSON object per line")
    .option("--search <text>", "only sources whose URL or title contains the text")
    .option("--limit <n>", "at most n sources", parsePositiveInt("--limit"), 1000)
    .action(async (opts: { json?: boolean; search?: string; limit: number }) => {
      requireDatabase(context);
      const { withSourceStore } = await import("../open-engine.ts");
      await withSourceStore(context, async (store) => {
        const list = await store.listSources({ limit: opts.limit, offset: 0, query: opts.search });
        for (const s of list) {
          process.stdout.write(opts.json ? `${JSON.stringify(summary(s))}\n` : `${s.id}\t${s.reference ? "ref" : "own"}\t${s.published?.slice(0, 10) ?? "—"}\t${s.protectedText.length}\t${s.url}\t${s.title}\n`);
        }
        if (!opts.json) process.stderr.write(`${list.length} of ${await store.countSources(opts.search)} sources\n`);
      });
    });

  sources
    .command("show")
    .description("print a source and its protected text (the text shares are computed over)")
    .argument("<url-or-id>")
    .option("--json", "as JSON, with the removed boilerplate")
    .action(async (key: string, opts: { json?: boolean }) => {
      requireDatabase(context);
      const { withSourceStore } = await import("../open-engine.ts");
      await withSourceStore(context, async (store) => {
        const source = await store.getSource(/^\d+$/.test(key) ? Number(key) : key);
        if (!source) {
          process.stderr.write(`copyquota: no source ${key}\n`);
          process.exitCode = EXIT.usage;
          return;
        }
        if (opts.json) {
          process.stdout.write(`${JSON.stringify({ ...summary(source), protectedText: source.protectedText, boilerplate: source.boilerplate })}\n`);
          return;
        }
        process.stdout.write(
          [
            `url:        ${source.url}`,
            `title:      ${source.title}`,
            `published:  ${source.published ?? "unknown"}`,
            `kind:       ${source.reference ? "reference (not the publisher's own text)" : "publisher's own"}`,
            `protected:  ${source.protectedText.length} characters`,
            `boilerplate removed: ${source.boilerplate.length} block(s)${source.boilerplate.map((b) => `\n  - ${b}`).join("")}`,
            "",
            source.protectedText,
            "",
          ].join("\n"),
        );
      });
    });

  sources
    .command("remove")
    .description("remove sources by URL")
    .argument("<urls...>")
    .action(async (urls: string[]) => {
      requireDatabase(context);
      const { withEngine } = await import("../open-engine.ts");
      await withEngine(context, async (engine) => {
        for (const url of urls) {
          if (await engine.removeSource(url)) process.stderr.write(`removed ${url}\n`);
          else {
            process.stderr.write(`copyquota: no source ${url}\n`);
            process.exitCode = EXIT.usage;
          }
        }
      });
    });
}

function summary(s: StoredSource) {
  return { id: s.id, url: s.url, title: s.title, published: s.published, reference: s.reference, domain: s.domain, chars: s.protectedText.length, addedAt: s.addedAt };
}

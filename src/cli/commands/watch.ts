import type { Command } from "commander";
import type { CliContext } from "../context.ts";
import type { WatchedSite } from "../../monitor/watchlist.ts";
import type { UrlStatus } from "../../monitor/url-states.ts";
import { EXIT, UsageError } from "../context.ts";
import { FetchError } from "../../io/fetch/errors.ts";
import { parsePublished } from "../options.ts";
import { openCliMonitor } from "../open-monitor.ts";
import { requireDatabase } from "../database-file.ts";
import { addWatch, DEFAULT_INTERVAL_MS, removeWatch } from "../../monitor/manage-watchlist.ts";
import { formatDuration, parseDuration } from "../../monitor/duration.ts";

export function registerWatch(program: Command, context: CliContext): void {
  const watch = program.command("watch").description("the sites, feeds and sitemaps the monitor reads for republications");

  watch
    .command("add")
    .description("watch sites (their feeds and sitemaps are discovered), feeds or sitemaps")
    .argument("<urls...>", "http(s) URLs of sites, RSS/Atom feeds or sitemaps")
    .option("--allow-private", "allow private, loopback and link-local addresses (tests, demos)")
    .option("--interval <duration>", `time between passes, e.g. 30m, 6h, 1d (default ${formatDuration(DEFAULT_INTERVAL_MS)})`)
    .option("--since <iso>", "check only items dated on or after this date (default: every item listed, however old)")
    .action(async (urls: string[], opts: { allowPrivate?: boolean; interval?: string; since?: string }) => {
      const intervalMs = opts.interval === undefined ? DEFAULT_INTERVAL_MS : durationOption("--interval", opts.interval);
      const since = parsePublished(opts.since) ?? null;
      const monitor = await openCliMonitor(context, { fetcher: { allowPrivate: Boolean(opts.allowPrivate) || context.allowPrivate() } });
      let failed = 0;
      try {
        for (const url of urls) {
          try {
            const { site, replaced } = await addWatch(monitor, url, { intervalMs, since });
            process.stdout.write(`${replaced ? "updated" : "watching"} ${site.url} (${site.kind}, every ${formatDuration(site.intervalMs)}): ${site.listings.join(" ")}\n`);
          } catch (error) {
            failed++;
            const hint = error instanceof FetchError && error.reason === "private_address" ? " (--allow-private lifts this for a local test site)" : "";
            process.stderr.write(`copyquota: ${(error as Error).message}${hint}\n`);
          }
        }
      } finally {
        await monitor.close();
      }
      if (failed > 0) process.exitCode = EXIT.usage;
    });

  watch
    .command("list")
    .description("list watched sites with their schedule and how their URLs fared")
    .option("--json", "one JSON object per site (JSONL)")
    .action(async (opts: { json?: boolean }) => {
      requireDatabase(context);
      const monitor = await openCliMonitor(context);
      try {
        const sites = await monitor.watchlist.list();
        for (const site of sites) {
          const urls = await monitor.urls.counts(site.id);
          process.stdout.write(opts.json ? `${JSON.stringify({ ...site, urls })}\n` : `${describe(site, urls)}\n`);
        }
        if (!opts.json) process.stderr.write(`${sites.length} watched\n`);
      } finally {
        await monitor.close();
      }
    });

  watch
    .command("remove")
    .description("stop watching sites (by URL or id); their queued jobs are dropped, their cases stay")
    .argument("<sites...>", "URLs or ids as `watch list` shows them")
    .action(async (keys: string[]) => {
      requireDatabase(context);
      const monitor = await openCliMonitor(context);
      let missing = 0;
      try {
        for (const key of keys) {
          const site = await removeWatch(monitor, /^\d+$/.test(key) ? Number(key) : key);
          if (site === null) {
            missing++;
            process.stderr.write(`copyquota: watch remove ${key}: no such watched site\n`);
          } else {
            process.stdout.write(`removed ${site.url}\n`);
          }
        }
      } finally {
        await monitor.close();
      }
      if (missing > 0) process.exitCode = EXIT.usage;
    });
}

/** A duration option's value in milliseconds; a bad value is a usage error naming the option. */
export function durationOption(option: string, value: string): number {
  try {
    return parseDuration(option, value);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function describe(site: WatchedSite, urls: Record<UrlStatus, number>): string {
  const counts = Object.entries(urls)
    .filter(([, n]) => n > 0)
    .map(([status, n]) => `${n} ${status}`)
    .join(", ");
  return [
    `${site.id}\t${site.kind}\t${site.url}`,
    `\tevery ${formatDuration(site.intervalMs)}${site.since ? `, items since ${site.since.slice(0, 10)}` : ""}; last pass ${site.lastPassAt ?? "never"}; next ${site.nextPassAt}`,
    `\tlistings: ${site.listings.join(" ")}`,
    `\turls: ${counts || "none yet"}`,
  ].join("\n");
}

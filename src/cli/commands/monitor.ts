import { availableParallelism } from "node:os";
import type { Command } from "commander";
import type { CliContext } from "../context.ts";
import type { MonitorEvent, PassSummary } from "../../monitor/events.ts";
import { UsageError } from "../context.ts";
import { databaseName, requireDatabase } from "../database-file.ts";
import { parsePositiveInt } from "../options.ts";
import { progress } from "../progress.ts";
import { openCliMonitor } from "../open-monitor.ts";
import { DEFAULT_CONCURRENCY, DEFAULT_LEASE_MS, runPass } from "../../monitor/run-pass.ts";
import { DEFAULT_IDLE_MS, DEFAULT_RECHECK_AFTER_MS, runLoop } from "../../monitor/scheduler.ts";
import { formatDuration } from "../../monitor/duration.ts";
import { durationOption } from "./watch.ts";
import { formatEvent, formatSummary, isNotable } from "../../monitor/format-event.ts";
import { DEFAULT_PER_HOST_DELAY_MS } from "../../io/fetch/options.ts";

interface MonitorFlags {
  once?: boolean;
  allowPrivate?: boolean;
  concurrency: number;
  workers: number;
  delay?: string;
  recheckAfter?: string;
}

export function registerMonitor(program: Command, context: CliContext): void {
  program
    .command("monitor")
    .description("read the watched sites' feeds and sitemaps, check new pages, open cases, re-check open ones")
    .option("--once", "run one pass and exit (default: keep running, a pass whenever something is due)")
    .option("--allow-private", "allow private, loopback and link-local addresses (tests, demos)")
    .option("--concurrency <n>", "jobs worked on at once", parsePositiveInt("--concurrency"), DEFAULT_CONCURRENCY)
    .option("--workers <n>", "threads reading and checking pages (0: in the main thread)", nonNegativeIntOption("--workers"), availableParallelism())
    .option("--delay <ms>", `pause between two requests to one host, in ms (default ${DEFAULT_PER_HOST_DELAY_MS}; 0 turns politeness off)`)
    .option("--recheck-after <duration>", `re-check an open case's page after this long, e.g. 12h (default ${formatDuration(DEFAULT_RECHECK_AFTER_MS)})`)
    .action(async (flags: MonitorFlags) => {
      const delay = flags.delay === undefined ? DEFAULT_PER_HOST_DELAY_MS : nonNegativeInt("--delay", flags.delay);
      const recheckAfterMs = flags.recheckAfter === undefined ? DEFAULT_RECHECK_AFTER_MS : durationOption("--recheck-after", flags.recheckAfter);
      const policy = program.opts<{ policy?: string }>().policy === undefined ? undefined : await context.policy();
      requireDatabase(context);
      const monitor = await openCliMonitor(context, {
        fetcher: { allowPrivate: Boolean(flags.allowPrivate) || context.allowPrivate(), perHostDelayMs: delay },
        policy,
        workers: flags.workers,
      });
      const report = reporter();
      const settings = { concurrency: flags.concurrency, leaseMs: DEFAULT_LEASE_MS, recheckAfterMs, onEvent: report.event };
      try {
        if (flags.once) {
          const summary = await runPass(monitor, settings).catch((error: unknown) => {
            // Each page's failure is recorded with the page; a pass fails as a whole only when its database
            // does (gone, restarted, full). Its units of work committed or rolled back whole, so a rerun resumes.
            throw new UsageError(`${databaseName(context)}: the pass stopped: ${(error as Error).message}; run it again when the database is back`, { cause: error });
          });
          report.done(formatSummary(summary));
          return;
        }
        const loop = runLoop(monitor, {
          ...settings,
          idleMs: DEFAULT_IDLE_MS,
          // An idle look at the schedule (every minute) would fill a log with empty summaries.
          onPass: (summary) => void (isIdle(summary) || report.done(formatSummary(summary))),
          onError: (error) => report.line(`copyquota: the pass failed: ${(error as Error).message}`),
        });
        let interrupts = 0;
        const interrupt = () => {
          // The first Ctrl-C lets the jobs in hand finish; a second leaves them to the next run (their leases are released then).
          if (++interrupts > 1) process.exit(130);
          report.line("stopping after the jobs in hand (Ctrl-C again to quit now)");
          void loop.stop();
        };
        process.on("SIGINT", interrupt);
        process.on("SIGTERM", interrupt);
        await loop.done;
        process.off("SIGINT", interrupt);
        process.off("SIGTERM", interrupt);
      } finally {
        await monitor.close();
      }
    });
}

/**
 * Progress on stdout: on a terminal, notable events (cases, failures, listings) as lines under a progress line
 * rewritten in place; when piped, every event as a plain line, for logs.
 */
function reporter() {
  const stream = process.stdout;
  const bar = progress(stream);
  return {
    event(event: MonitorEvent) {
      const line = formatEvent(event);
      if (!stream.isTTY) stream.write(`${line}\n`);
      else if (isNotable(event)) bar.note(line);
      else bar.tick(line);
    },
    line(text: string) {
      bar.note(text);
    },
    done(summary: string) {
      bar.done(summary);
    },
  };
}

function isIdle(summary: PassSummary): boolean {
  return summary.sitesDue === 0 && summary.rechecksQueued === 0 && Object.values(summary.events).every((n) => n === 0);
}

function nonNegativeIntOption(option: string) {
  return (value: string): number => nonNegativeInt(option, value);
}

function nonNegativeInt(option: string, value: string): number {
  const n = Number(value);
  if (value.trim() === "" || !Number.isInteger(n) || n < 0) throw new UsageError(`${option} ${JSON.stringify(value)}: must be a whole number, 0 or more`);
  return n;
}

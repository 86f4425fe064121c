import { median } from "./measure/stats.ts";
import type { ClientChecks, PostgresResults, ProcessesRun, WorkerPass } from "./postgres-results.ts";
import type { TargetRow } from "./report-format.ts";
import { dec, int, mark, mb, pct, times } from "./report-format.ts";
import type { BenchResults } from "./results.ts";
import { CHECK_CLIENTS, MONITOR_PROCESSES } from "./postgres-results.ts";

/** Issue 11's targets for PostgreSQL on this machine (set for 1,000,000 sources). */
export const POSTGRES_TARGETS = { checkP95Ms: 50, concurrentRate: 150 } as const;

const MOST_CLIENTS = Math.max(...CHECK_CLIENTS);
const MOST_WORKERS = Math.max(...MONITOR_PROCESSES);

function run<R>(runs: ReadonlyArray<ProcessesRun<R>>, count: number): ProcessesRun<R> | undefined {
  return runs.find((r) => r.count === count);
}

/** The SQLite text check of the same run against as many sources, the PostgreSQL checks' baseline. */
function sqliteCheck(results: BenchResults, sources: number) {
  return results.checks.find((c) => c.kind === "text" && c.against === sources)?.result ?? null;
}

export function postgresTargetRows(results: BenchResults): TargetRow[] {
  const pg = results.postgres;
  if (pg === null) return [];
  const one = run(pg.checks, 1)?.result ?? null;
  const most = run(pg.checks, MOST_CLIENTS)?.result ?? null;
  const sqlite = sqliteCheck(results, pg.sources);
  return [
    {
      what: `PostgreSQL: text check p95, one client process, ${int(pg.sources)} sources`,
      target: `≤ ${POSTGRES_TARGETS.checkP95Ms} ms at 1,000,000 sources`,
      measured: one && `${dec(one.p95Ms)} ms`,
      ok: (one?.p95Ms ?? Infinity) <= POSTGRES_TARGETS.checkP95Ms,
      baseline: one && sqlite ? `${times(one.p95Ms / sqlite.p95Ms)} SQLite's p95 at this size` : "—",
    },
    {
      what: `PostgreSQL: text checks/s from ${MOST_CLIENTS} client processes, ${int(pg.sources)} sources`,
      target: `≥ ${POSTGRES_TARGETS.concurrentRate} /s`,
      measured: most && `${dec(most.rate)} /s`,
      ok: (most?.rate ?? 0) >= POSTGRES_TARGETS.concurrentRate,
      // Against one client rather than tokenize-only: the clients' tokenize runs overlap others' checks.
      baseline: most && one ? `${times(most.rate / one.rate)} one client process's rate` : "—",
    },
  ];
}

function checkRow(c: ProcessesRun<ClientChecks>, one: ClientChecks | null, sqlite: ReturnType<typeof sqliteCheck>): string {
  const label = `text checks, ${c.count} client process${c.count === 1 ? "" : "es"} at once`;
  const r = c.result;
  if (!r) return `| ${label} | failed: ${c.failure} | |`;
  const baselines = [`tokenize-only in one process ${int(r.baselineRate)} /s (${times(r.rate / r.baselineRate, 3)})`];
  if (c.count === 1 && sqlite) baselines.unshift(`SQLite, one process: ${dec(sqlite.rate)} /s, p95 ${dec(sqlite.p95Ms)} ms (${times(r.rate / sqlite.rate)} the rate)`);
  if (c.count !== 1 && one) baselines.unshift(`one client: ${times(r.rate / one.rate)} its rate`);
  const found = `found ${r.score.found}/${r.score.expected} (${pct(r.score.found / Math.max(1, r.score.expected))}), extra ${r.score.extra}`;
  return `| ${label} | **${dec(r.rate)} /s**; p50 ${dec(r.p50Ms)} ms, **p95 ${dec(r.p95Ms)} ms**; ${int(r.checks)} checks in ${dec(r.seconds)} s; ${found}; peak RSS ${mb(r.peakRss)} | ${baselines.join("; ")} |`;
}

function monitorRow(w: ProcessesRun<WorkerPass>, one: WorkerPass | null, results: BenchResults): string {
  const label = `monitor, ${w.count} worker process${w.count === 1 ? "" : "es"} on one database`;
  const r = w.result;
  if (!r) return `| ${label} | failed: ${w.failure} | |`;
  const sqlite = results.monitor?.result ?? null;
  const baseline =
    w.count === 1
      ? sqlite
        ? `SQLite, one process (the monitor phase, ${int(sqlite.pages)} pages, ${int(sqlite.sourceCount)} sources, discovery included): ${dec(sqlite.rate)} pages/s (${times(r.rate / sqlite.rate)})`
        : `— (the SQLite monitor phase ${results.monitor?.failure ? `failed: ${results.monitor.failure}` : "did not run"})`
      : one
        ? `one worker: ${times(r.rate / one.rate)} its rate`
        : "—";
  return `| ${label} | **${dec(r.rate)} pages/s**; ${int(r.pagesDone)} pages in ${dec(r.seconds)} s, ${int(r.failed)} failed, ${int(r.casesOpened)} cases opened; ${dec(r.cpuMsPerPage)} ms CPU a page in the workers | ${baseline} |`;
}

function indexRows(pg: PostgresResults, results: BenchResults): string[] {
  const r = pg.index;
  if (!r) return [`| indexing ${int(pg.sources)} sources | failed: ${pg.indexFailure} | |`];
  const sqliteRuns = results.builds.find((b) => b.size === pg.sources)?.runs ?? [];
  const sqliteRate = median(sqliteRuns.map((b) => b.rate));
  const sqliteBytes = sqliteRuns[0]?.db.fileBytes;
  const stored = r.size.databaseBytes - pg.emptyDatabaseBytes;
  const tables = Object.entries(r.size.tables).sort((a, b) => b[1] - a[1]).map(([name, bytes]) => `${name} ${int(bytes / pg.sources)}`).join(", ");
  return [
    `| indexing ${int(pg.sources)} sources (bulk writer) | **${int(r.rate)} sources/s**; first → last batch ${int(r.batchRates[0]!)} → ${int(r.batchRates.at(-1)!)}; CPU ÷ wall of the loading process ${dec(r.cpuSeconds / r.seconds, 2)}; peak RSS ${mb(r.peakRss)} | ${sqliteRuns.length ? `SQLite: ${int(sqliteRate)} sources/s (${times(r.rate / sqliteRate)}); ` : ""}tokenize-only ${int(r.baselineRate)} sources/s (${times(r.rate / r.baselineRate, 3)}) |`,
    `| database bytes per source, less the empty database's ${mb(pg.emptyDatabaseBytes)} | ${int(stored / pg.sources)} (by table: ${tables}) | ${sqliteBytes === undefined ? "—" : `SQLite file: ${int(sqliteBytes / pg.sources)} (${times(stored / sqliteBytes)})`} |`,
  ];
}

export function postgresSection(results: BenchResults): string[] {
  const pg = results.postgres;
  const lines = ["## PostgreSQL (issue 11)", ""];
  if (pg === null) return [...lines, "Not run: it runs with `--postgres`.", ""];
  if (pg.skipped !== null) return [...lines, `Skipped: ${pg.skipped}.`, ""];
  const one = run(pg.checks, 1)?.result ?? null;
  const oneWorker = run(pg.monitor, 1)?.result ?? null;
  const sqlite = sqliteCheck(results, pg.sources);
  const m = results.machine;
  lines.push(
    `Run: \`${results.command}\`, ${m.date}, commit ${m.commit}: this section's figures, SQLite's beside them included, come from that run.`,
    "",
    `PostgreSQL ${pg.server}, started by the bench on 127.0.0.1 as the tests start it (test/support/postgres-server.ts: fsync,`,
    "full-page writes and synchronous commit off, every other setting the default, shared_buffers 128 MB included), on the",
    "same machine as the processes it serves, which share its cores. The archive is the same generated one as SQLite's,",
    "added through the engine and `PostgresBulkWriter` (500 new sources a transaction, rows sent as arrays; COPY would need",
    "pg-copy-streams, not a dependency). Text checks: `engine.check` with the default policy, one candidate at a time per",
    `client process, each process with its own pool, ${pg.checks[0]?.result ? int(pg.checks[0].result.checks) : "its"} candidates a process (each its own), started together after`,
    "ten untimed checks; latencies of all clients together. Monitor: the monitor phase's fixture site",
    `(${int(pg.monitorPages)} pages of ~${int(results.options.pageBytes / 1000)} KB reusing this index's sources), on a copy of the index database each time; an untimed`,
    "pass adds the site and reads its feed and sitemaps first, so that every worker starts on a queue of pages; then the",
    `workers' passes start together, ${pg.monitorConcurrency} jobs at once and ${pg.monitorThreads} analyzer thread(s) in each, politeness off.`,
    "Rates are over the time from the first process's start to the last one's end. The machine's 1-minute load average",
    `was ${dec(pg.load[0])} when the phase started and ${dec(pg.load[1])} when it ended${Math.max(...pg.load) > results.machine.cores ? `: more runnable processes than its ${results.machine.cores} cores, so every figure here got only part of them` : ""}.`,
    "",
    "| measure | PostgreSQL | same-run baseline |",
    "|---|---|---|",
    ...indexRows(pg, results),
    ...pg.checks.map((c) => checkRow(c, one, c.count === 1 ? sqlite : null)),
    ...pg.monitor.map((w) => monitorRow(w, oneWorker, results)),
    "",
    "Against issue 11's targets:",
    "",
    ...postgresTargetRows(results).map((r) => `- ${r.what}: ${r.measured ?? "not measured"} (target ${r.target})${r.measured === null ? "" : `: ${mark(r.ok)}`}; baseline: ${r.baseline}`),
    "",
  );
  if (pg.sources < 1_000_000) {
    lines.push(`The issue's check targets are set for 1,000,000 sources; this run indexed ${int(pg.sources)}.`, "");
  }
  if (MOST_WORKERS > results.machine.cores || MOST_CLIENTS > results.machine.cores) {
    lines.push(`With ${MOST_CLIENTS} clients or ${MOST_WORKERS} workers and the server on ${results.machine.cores} cores, processes wait for a core as much as for the database.`, "");
  }
  return lines;
}

/**
 * The PostgreSQL phase of `npm run bench -- --postgres` (issue 11): a throw-away server on loopback (as the
 * tests start one, test/support/postgres-server.ts), the generated archive indexed into it through the bulk
 * writer, text checks from 1 and from 4 client processes at once, and monitor passes by 1 and by 2 worker
 * processes sharing one database's queue over the monitor phase's fixture site. Every process is a bench
 * worker (bench/worker.ts) running the run's code snapshot; this module only starts them and adds up.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg } from "node:os";
import path from "node:path";
import pg from "pg";
import { findPostgresBin, POSTGRES_MISSING, startPostgres } from "../test/support/postgres-server.ts";
import { quantile, median } from "./measure/stats.ts";
import type { BenchOptions } from "./options.ts";
import { startChildServer } from "./phases/child-server.ts";
import { fixtureSite } from "./phases/monitor-phase.ts";
import type { PostgresCheckResult } from "./phases/postgres-check-phase.ts";
import type { PostgresIndexResult } from "./phases/postgres-index-phase.ts";
import type { PostgresMonitorResult, PostgresMonitorTask } from "./phases/postgres-monitor-phase.ts";
import type { ReuseScore } from "./phases/reuse-score.ts";
import { emptyScore } from "./phases/reuse-score.ts";
import { goWhenReady } from "./phases/start-barrier.ts";
import type { ClientChecks, PostgresResults, ProcessesRun, WorkerPass } from "./postgres-results.ts";
import type { WorkerOutcome } from "./spawn-worker.ts";
import { runWorker } from "./spawn-worker.ts";
import type { Task } from "./task.ts";
import { CHECK_CLIENTS, MONITOR_PROCESSES } from "./postgres-results.ts";

/** The database the archive is indexed into; each monitor run works on a copy of it. */
const INDEX_DATABASE = "bench";

interface Context {
  options: BenchOptions;
  repoRoot: string;
  codeRoot: string;
  /** Scratch directory of this phase (the barriers' files). */
  dir: string;
  log(message: string): void;
}

export async function runPostgres(options: BenchOptions, run: Omit<Context, "options" | "dir">): Promise<PostgresResults> {
  const results: PostgresResults = {
    skipped: null,
    sources: options.postgresSize,
    server: "",
    emptyDatabaseBytes: 0,
    load: [loadavg()[0]!, 0],
    index: null,
    indexFailure: null,
    checks: [],
    monitor: [],
    monitorPages: options.monitorPages,
    monitorConcurrency: options.monitorConcurrency,
    monitorThreads: options.monitorWorkers,
  };
  const bin = findPostgresBin();
  if (!bin) {
    run.log(`PostgreSQL phase skipped: ${POSTGRES_MISSING}`);
    return { ...results, skipped: POSTGRES_MISSING };
  }
  const server = await startPostgres(bin);
  const context: Context = { ...run, options, dir: mkdtempSync(path.join(options.tmp, "copyquota-bench-pg-")) };
  try {
    const url = await server.createDatabase(INDEX_DATABASE);
    results.server = await serverVersion(url);
    results.emptyDatabaseBytes = Number((await adminQuery<{ bytes: string }>(url, "SELECT pg_database_size(current_database())::text AS bytes"))[0]!.bytes);
    run.log(`PostgreSQL ${results.server} on loopback: indexing ${options.postgresSize} sources through the bulk writer`);
    const index = await runWorker<PostgresIndexResult>(
      { phase: "postgres-index", repoRoot: run.repoRoot, url, sources: options.postgresSize, seed: options.seed, batch: options.batch },
      { codeRoot: run.codeRoot, profileDir: options.profile },
    );
    if (!index.ok) {
      run.log(`  failed: ${index.reason}`);
      return { ...results, indexFailure: index.reason };
    }
    results.index = index.result;
    run.log(`  ${index.result.rate.toFixed(0)} sources/s`);
    for (const clients of CHECK_CLIENTS) results.checks.push(await checkFrom(context, url, clients));
    const site = await startChildServer(path.join(run.codeRoot, "bench", "phases", "fixture-site.ts"), [
      // The monitor phase's site, its pages reusing the PostgreSQL index's sources.
      JSON.stringify(fixtureSite({ repoRoot: run.repoRoot, seed: options.seed, pages: options.monitorPages, sourceCount: options.postgresSize, pageBytes: options.pageBytes })),
    ]);
    try {
      for (const workers of MONITOR_PROCESSES) {
        const copy = await copyDatabase(server.url, INDEX_DATABASE, `monitor_${workers}`);
        results.monitor.push(await monitorWith(context, copy, site.url, workers));
      }
    } finally {
      await site.stop();
    }
    results.load[1] = loadavg()[0]!;
    return results;
  } finally {
    await server.stop();
    rmSync(context.dir, { recursive: true, force: true });
  }
}

async function checkFrom(context: Context, url: string, clients: number): Promise<ProcessesRun<ClientChecks>> {
  const { options } = context;
  context.log(`PostgreSQL: ${options.textCandidates} text candidates from each of ${clients} client process(es) at once`);
  const outcomes = await together<PostgresCheckResult>(context, `check-${clients}`, clients, (client, barrierDir) => ({
    phase: "postgres-check",
    repoRoot: context.repoRoot,
    url,
    sourceCount: options.postgresSize,
    client,
    candidates: options.textCandidates,
    seed: options.seed,
    barrierDir,
  }));
  if (typeof outcomes === "string") return failed(context, clients, outcomes);
  const latencies = outcomes.flatMap((r) => r.latencies);
  const seconds = span(outcomes);
  const score = emptyScore();
  for (const r of outcomes) for (const key of Object.keys(score) as Array<keyof ReuseScore>) score[key] += r.score[key];
  const result: ClientChecks = {
    clients,
    checks: latencies.length,
    seconds,
    rate: latencies.length / seconds,
    p50Ms: quantile(latencies, 0.5),
    p95Ms: quantile(latencies, 0.95),
    baselineRate: median(outcomes.map((r) => r.baselineRate)),
    score,
    peakRss: Math.max(...outcomes.map((r) => r.peakRss)),
  };
  context.log(`  ${result.rate.toFixed(1)} checks/s, p95 ${result.p95Ms.toFixed(1)} ms`);
  return { count: clients, result, failure: null };
}

async function monitorWith(context: Context, url: string, siteUrl: string, workers: number): Promise<ProcessesRun<WorkerPass>> {
  const { options } = context;
  context.log(`PostgreSQL: monitor pass over ${options.monitorPages} pages by ${workers} worker process(es) on one database, after an untimed discovery`);
  const task = (role: PostgresMonitorTask["role"], name: string, barrierDir: string): PostgresMonitorTask => ({
    phase: "postgres-monitor",
    repoRoot: context.repoRoot,
    url,
    siteUrl,
    role,
    name,
    barrierDir,
    concurrency: options.monitorConcurrency,
    workers: options.monitorWorkers,
  });
  const discovery = await runWorker<null>(task("discover", "discover", context.dir), { codeRoot: context.codeRoot });
  if (!discovery.ok) return failed(context, workers, `discovery: ${discovery.reason}`);
  const outcomes = await together<PostgresMonitorResult>(context, `monitor-${workers}`, workers, (worker, barrierDir) => task("pass", String(worker), barrierDir));
  if (typeof outcomes === "string") return failed(context, workers, outcomes);
  const pagesDone = outcomes.reduce((s, r) => s + r.pagesDone, 0);
  const seconds = span(outcomes);
  const result: WorkerPass = {
    workers,
    pagesDone,
    failed: outcomes.reduce((s, r) => s + r.events.failed, 0),
    casesOpened: outcomes.reduce((s, r) => s + r.casesOpened, 0),
    seconds,
    rate: pagesDone / seconds,
    cpuMsPerPage: outcomes.reduce((s, r) => s + r.cpuMsPerPage * r.pagesDone, 0) / Math.max(1, pagesDone),
  };
  context.log(`  ${result.rate.toFixed(1)} pages/s (${outcomes.map((r) => r.pagesDone).join(" + ")} pages)`);
  return { count: workers, result, failure: null };
}

/**
 * Runs `count` workers that start their timed part together (start-barrier.ts): their results, or why one
 * failed.
 */
async function together<R>(context: Context, name: string, count: number, task: (index: number, barrierDir: string) => Task): Promise<R[] | string> {
  const barrierDir = mkdtempSync(path.join(context.dir, `${name}-`));
  const names = Array.from({ length: count }, (_, i) => String(i));
  const runs = names.map((_, i) => runWorker<R>(task(i, barrierDir), { codeRoot: context.codeRoot }));
  // A worker ends only after the go, unless it failed while preparing.
  await goWhenReady(barrierDir, names, Promise.race(runs));
  const outcomes: Array<WorkerOutcome<R>> = await Promise.all(runs);
  const failures = outcomes.flatMap((o, i) => (o.ok ? [] : [`process ${i + 1} of ${count}: ${o.reason}`]));
  return failures.length > 0 ? failures.join("; ") : outcomes.map((o) => (o as { result: R }).result);
}

function failed<R>(context: Context, count: number, failure: string): ProcessesRun<R> {
  context.log(`  failed: ${failure}`);
  return { count, result: null, failure };
}

/** Seconds from the first process's start to the last one's end (epoch milliseconds, one machine's clock). */
function span(runs: ReadonlyArray<{ startedAt: number; endedAt: number }>): number {
  return (Math.max(...runs.map((r) => r.endedAt)) - Math.min(...runs.map((r) => r.startedAt))) / 1000;
}

async function serverVersion(url: string): Promise<string> {
  return (await adminQuery<{ server_version: string }>(url, "SHOW server_version"))[0]!.server_version;
}

/** A copy of database `from` (no session may be connected to it), named `to`: its URL. */
async function copyDatabase(serverUrl: string, from: string, to: string): Promise<string> {
  await adminQuery(serverUrl, `CREATE DATABASE ${pg.escapeIdentifier(to)} TEMPLATE ${pg.escapeIdentifier(from)}`);
  const url = new URL(serverUrl);
  url.pathname = `/${to}`;
  return url.toString();
}

async function adminQuery<T extends object>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

/**
 * `npm run bench`: builds generated news archives of several sizes, checks generated text and HTML
 * candidates against one, puts the HTTP API and the web UI under load on that index, runs the monitor over
 * a fixture site against another, runs the peer (@dodona/dolos-lib) on the same texts, and writes
 * docs/BENCHMARKS.md. Every phase runs in a worker process of its own (bench/worker.ts); see `--help` for
 * the options.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describeCorpus } from "./generator/corpus.ts";
import { createNewsGenerator } from "./generator/news-generator.ts";
import { profileTexts } from "./generator/realism.ts";
import { machineInfo } from "./measure/machine.ts";
import type { BenchOptions } from "./options.ts";
import { LARGE_SIZE, parseOptions, USAGE } from "./options.ts";
import type { ApiResult, ApiTask } from "./phases/api-phase.ts";
import type { CheckResult, CheckTask } from "./phases/check-phase.ts";
import type { IndexResult, IndexTask } from "./phases/index-phase.ts";
import type { MonitorResult, MonitorTask } from "./phases/monitor-phase.ts";
import type { PeerResult, PeerTask } from "./phases/peer-phase.ts";
import { ensurePeer } from "./phases/peer-package.ts";
import { renderReport } from "./report.ts";
import { runPostgres } from "./run-postgres.ts";
import type { BenchResults } from "./results.ts";
import { runWorker } from "./spawn-worker.ts";

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

function log(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

/**
 * Copies the code the workers run (src/, bench/ and the package files) into the run's directory, with
 * node_modules linked: a run lasts hours, others edit the working tree meanwhile, and every phase must
 * run the engine as it was at the start (an index built by one version and checked by another breaks).
 */
function snapshotCode(dir: string): string {
  const root = path.join(dir, "code");
  for (const name of ["src", "bench", "package.json", "tsconfig.json"]) cpSync(path.join(REPO_ROOT, name), path.join(root, name), { recursive: true });
  symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(root, "node_modules"), "dir");
  return root;
}

function removeDb(file: string): void {
  for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
}

async function buildIndexes(options: BenchOptions, dir: string, codeRoot: string, results: BenchResults): Promise<Map<number, string>> {
  const kept = new Map<number, string>();
  for (const size of options.sizes) {
    const entry = { size, runs: [] as IndexResult[], failures: [] as string[] };
    results.builds.push(entry);
    const runs = size >= LARGE_SIZE ? options.largeRepeats : options.repeats;
    for (let run = 0; run < runs; run++) {
      const db = path.join(dir, `index-${size}-${run}.db`);
      log(`indexing ${size} sources (build ${run + 1}/${runs}) into ${db}`);
      const task: IndexTask = { phase: "index", repoRoot: REPO_ROOT, db, sources: size, seed: options.seed, batch: options.batch };
      const outcome = await runWorker<IndexResult>(task, { codeRoot, profileDir: options.profile });
      if (outcome.ok) {
        entry.runs.push(outcome.result);
        log(`  ${outcome.result.rate.toFixed(0)} sources/s, ${(outcome.result.db.fileBytes / size).toFixed(0)} bytes/source`);
      } else {
        entry.failures.push(outcome.reason);
        log(`  failed: ${outcome.reason}`);
      }
      if (outcome.ok && !kept.has(size)) kept.set(size, db);
      else if (!options.keep) removeDb(db);
    }
  }
  return kept;
}

async function runChecks(options: BenchOptions, dbs: Map<number, string>, codeRoot: string, results: BenchResults): Promise<void> {
  const against = [options.checkAgainst, ...options.sizes.filter((s) => s > LARGE_SIZE)];
  for (const size of against) {
    const db = dbs.get(size);
    const kinds: Array<["text" | "html", number]> = [
      ["text", options.textCandidates],
      ["html", options.htmlCandidates],
    ];
    for (const [kind, candidates] of kinds) {
      if (candidates === 0) continue;
      if (!db) {
        results.checks.push({ against: size, kind, result: null, failure: "no index of this size was built" });
        continue;
      }
      log(`checking ${candidates} ${kind} candidates against ${size} sources, ${options.rounds} rounds`);
      const task: CheckTask = {
        phase: "check",
        repoRoot: REPO_ROOT,
        db,
        sourceCount: size,
        kind,
        candidates,
        rounds: options.rounds,
        seed: options.seed,
        pageBytes: options.pageBytes,
      };
      const outcome = await runWorker<CheckResult>(task, { codeRoot, profileDir: options.profile });
      results.checks.push({ against: size, kind, result: outcome.ok ? outcome.result : null, failure: outcome.ok ? null : outcome.reason });
      if (!outcome.ok) log(`  failed: ${outcome.reason}`);
    }
  }
}

/** The API phase, on the index the check phase read (the server records its checks and cases into it). */
async function runApi(options: BenchOptions, dbs: Map<number, string>, codeRoot: string): Promise<BenchResults["api"]> {
  if (options.skip.includes("api")) return null;
  const against = options.checkAgainst;
  const db = dbs.get(against);
  if (!db) return { against, result: null, failure: "no index of this size was built" };
  log(`API: ${options.apiRequests} checks from one client and ${options.apiRequests} from ${options.apiClients} at once, ${options.rounds} rounds, against ${against} sources; then UI first loads`);
  const task: ApiTask = {
    phase: "api",
    repoRoot: REPO_ROOT,
    db,
    sourceCount: against,
    requests: options.apiRequests,
    clients: options.apiClients,
    rounds: options.rounds,
    uiLoads: options.uiLoads,
    seed: options.seed,
  };
  const outcome = await runWorker<ApiResult>(task, { codeRoot });
  if (!outcome.ok) log(`  failed: ${outcome.reason}`);
  return { against, result: outcome.ok ? outcome.result : null, failure: outcome.ok ? null : outcome.reason };
}

/** The monitor phase, on an index the indexing phase built (the monitor records its cases into it). */
async function runMonitor(options: BenchOptions, dbs: Map<number, string>, codeRoot: string): Promise<BenchResults["monitor"]> {
  if (options.skip.includes("monitor")) return null;
  const against = options.monitorAgainst;
  const db = dbs.get(against);
  if (!db) return { against, result: null, failure: "no index of this size was built" };
  log(`monitor: a pass over a fixture site of ${options.monitorPages} pages against ${against} sources, ${options.monitorConcurrency} jobs at once, ${options.monitorWorkers} analyzer thread(s), politeness off`);
  const task: MonitorTask = {
    phase: "monitor",
    repoRoot: REPO_ROOT,
    db,
    sourceCount: against,
    pages: options.monitorPages,
    pageBytes: options.pageBytes,
    concurrency: options.monitorConcurrency,
    workers: options.monitorWorkers,
    baselinePages: options.monitorBaselinePages,
    seed: options.seed,
  };
  const outcome = await runWorker<MonitorResult>(task, { codeRoot });
  if (outcome.ok) log(`  ${outcome.result.rate.toFixed(1)} pages/s (${outcome.result.ratio.toFixed(2)}× reading and checking alone in one thread)`);
  else log(`  failed: ${outcome.reason}`);
  return { against, result: outcome.ok ? outcome.result : null, failure: outcome.ok ? null : outcome.reason };
}

async function runPeer(options: BenchOptions, dir: string, codeRoot: string, results: BenchResults): Promise<void> {
  if (options.skip.includes("peer")) return;
  ensurePeer(REPO_ROOT, log);
  for (const size of options.peerSizes) {
    log(`peer: @dodona/dolos-lib all-pairs on ${size} sources + ${options.peerCandidates} candidates`);
    const task: PeerTask = { phase: "dolos", repoRoot: REPO_ROOT, sources: size, candidates: options.peerCandidates, seed: options.seed };
    // Three budgets before the kill: a size slightly over budget still gets its numbers reported.
    const outcome = await runWorker<PeerResult>(task, { codeRoot, heapMb: options.peerHeapMb, timeoutMs: options.peerBudgetSeconds * 3000 });
    const result = outcome.ok ? outcome.result : null;
    results.peer.dolos.push({ size, result, failure: outcome.ok ? null : outcome.reason, wallSeconds: outcome.wallSeconds });
    log(result ? `  ${result.seconds.toFixed(1)} s, peak RSS ${(result.peakRss / 2 ** 20).toFixed(0)} MB` : `  failed: ${outcome.ok ? "" : outcome.reason}`);

    log(`peer: CopyQuota on the same ${size} sources + ${options.peerCandidates} candidates`);
    const db = path.join(dir, `peer-${size}.db`);
    const ours = await runWorker<PeerResult>({ ...task, phase: "copyquota", db }, { codeRoot });
    removeDb(db);
    results.peer.copyquota.push({ size, result: ours.ok ? ours.result : null, failure: ours.ok ? null : ours.reason });

    if (!result || result.seconds > options.peerBudgetSeconds) break;
    results.peer.largest = size;
  }
}

async function main(): Promise<void> {
  const parsed = parseOptions(process.argv.slice(2), process.env);
  if (parsed === "help") {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const options = parsed;
  const started = performance.now();
  mkdirSync(options.tmp, { recursive: true });
  if (options.profile) mkdirSync(options.profile, { recursive: true });
  const dir = mkdtempSync(path.join(options.tmp, "copyquota-bench-"));
  log(`${options.quick ? "quick run" : "full run"}; databases in ${dir}`);

  const generator = createNewsGenerator({ repoRoot: REPO_ROOT, seed: options.seed });
  const real = generator.corpus.articles.map((a) => a.text);
  const origin = path.relative(REPO_ROOT, generator.corpus.origin);
  log(`training text: ${describeCorpus(origin, generator.corpus.kind)}`);
  const results: BenchResults = {
    options,
    command: ["npm run bench", ...(process.argv.length > 2 ? ["--", ...process.argv.slice(2)] : [])].join(" "),
    machine: machineInfo(REPO_ROOT),
    realism: {
      origin,
      kind: generator.corpus.kind,
      real: profileTexts(real),
      generated: profileTexts(real.map((_, i) => generator.source(i).body.join("\n\n"))),
    },
    builds: [],
    checks: [],
    peer: { dolos: [], copyquota: [], largest: null },
    api: null,
    monitor: null,
    postgres: null,
    totalSeconds: 0,
  };

  try {
    const codeRoot = snapshotCode(dir);
    const dbs = await buildIndexes(options, dir, codeRoot, results);
    await runChecks(options, dbs, codeRoot, results);
    results.api = await runApi(options, dbs, codeRoot);
    results.monitor = await runMonitor(options, dbs, codeRoot);
    if (options.postgres) results.postgres = await runPostgres(options, { repoRoot: REPO_ROOT, codeRoot, log });
    await runPeer(options, dir, codeRoot, results);
  } finally {
    if (!options.keep) rmSync(dir, { recursive: true, force: true });
  }
  results.totalSeconds = (performance.now() - started) / 1000;
  const report = renderReport(results);
  if (options.out) {
    const file = path.resolve(REPO_ROOT, options.out);
    writeFileSync(file, report);
    log(`report written to ${file}`);
  } else {
    process.stdout.write(report);
  }
  log(`done in ${results.totalSeconds.toFixed(0)} s`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
});

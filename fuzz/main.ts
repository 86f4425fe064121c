/**
 * `npm run fuzz`: generated and mutated inputs through the real CLI, in batches; see `USAGE` in options.ts.
 * Its figures go in docs/RELIABILITY.md.
 */
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { cleanArchive, generateInput, KINDS } from "./generate.ts";
import { judge } from "./judge.ts";
import { mutate } from "./mutate.ts";
import { parseOptions, USAGE } from "./options.ts";
import type { FuzzOptions } from "./options.ts";
import { seededRandom } from "./random.ts";
import type { Random } from "./random.ts";
import { runCli } from "./run-cli.ts";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Share of inputs left as generated: those already carry bad URLs, dates, entities and lying charsets. */
const UNMUTATED_SHARE = 0.3;
/**
 * Clean articles added before the first batch: `check` refuses a database without sources, and with some
 * the checks go through matching and verdicts, not only through loading.
 */
const SEED_SOURCES = 20;
/** Time allowed for adding them: not a fuzz input, so not held to `--timeout`, which a test may set low. */
const SEED_TIMEOUT_MS = 120_000;
/** Error lines printed in the summary at most; the JSON has them all. */
const SHOWN_LINES = 20;

/** The two commands run over each batch, and the exit codes each may give (README, "Exit codes"). */
const COMMANDS = [
  { name: "sources add", args: ["sources", "add"], codes: [0, 2] },
  { name: "check --json", args: ["check", "--json"], codes: [0, 1, 2] },
] as const;

interface Summary {
  seed: number;
  inputs: number;
  batches: number;
  kinds: Record<string, number>;
  mutated: number;
  mutations: Record<string, number>;
  exitCodes: Record<string, Record<string, number>>;
  crashes: number;
  /** Inputs that alone ran past the time limit. */
  hangs: number;
  /** Runs over several inputs killed at the time limit, whose inputs were then run again in halves. */
  slowBatches: number;
  unnamed: number;
  seconds: number;
  slowestProcessSeconds: number;
  problems: Array<{ batch: string; command: string; problem: string }>;
}

function log(message: string): void {
  process.stderr.write(`[fuzz ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

/**
 * A built copy of the code the run starts with (src/, bin/, the build script and package files, node_modules
 * linked), so edits to the working tree during a long run neither change nor break what is being tested.
 */
function snapshot(dir: string): string {
  const root = path.join(dir, "code");
  for (const name of ["src", "bin", "scripts", "package.json", "package-lock.json"]) cpSync(path.join(REPO, name), path.join(root, name), { recursive: true });
  symlinkSync(path.join(REPO, "node_modules"), path.join(root, "node_modules"), "dir");
  execFileSync(process.execPath, [path.join(root, "scripts/build.mjs")], { stdio: ["ignore", "ignore", "inherit"] });
  return path.join(root, "bin/copyquota.js");
}

function count(record: Record<string, number>, key: string): void {
  record[key] = (record[key] ?? 0) + 1;
}

/** Writes one batch's inputs; each file's name says its number, kind and mutations, for reproducing it. */
function writeBatch(dir: string, first: number, size: number, random: Random, summary: Summary): string[] {
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  for (let n = first; n < first + size; n++) {
    const input = generateInput(random, random.pick(KINDS));
    count(summary.kinds, input.kind);
    let bytes = input.bytes;
    let label = input.kind;
    if (!random.chance(UNMUTATED_SHARE)) {
      const mutated = mutate(bytes, random);
      bytes = mutated.bytes;
      summary.mutated++;
      for (const name of mutated.applied) count(summary.mutations, name);
      label += `-${mutated.applied.join("+")}`;
    }
    const file = path.join(dir, `${String(n).padStart(6, "0")}-${label}.${input.extension}`);
    writeFileSync(file, bytes);
    files.push(file);
  }
  return files;
}

async function run(options: Readonly<FuzzOptions>): Promise<Summary> {
  const started = performance.now();
  const dir = mkdtempSync(path.join(tmpdir(), "copyquota-fuzz-"));
  const bin = options.inPlace ? path.join(REPO, "bin/copyquota.js") : snapshot(dir);
  const db = path.join(dir, "fuzz.db");
  const random = seededRandom(options.seed);
  const summary: Summary = {
    seed: options.seed,
    inputs: 0,
    batches: 0,
    kinds: {},
    mutated: 0,
    mutations: {},
    exitCodes: Object.fromEntries(COMMANDS.map((c) => [c.name, {}])),
    crashes: 0,
    hangs: 0,
    slowBatches: 0,
    unnamed: 0,
    seconds: 0,
    slowestProcessSeconds: 0,
    problems: [],
  };
  log(`${options.count} inputs in batches of ${options.batch}, seed ${options.seed}, in ${dir}`);
  const archive = path.join(dir, "seed-sources.jsonl");
  writeFileSync(archive, cleanArchive(random, SEED_SOURCES));
  const seeded = await runCli(bin, ["--db", db, "sources", "add", archive], SEED_TIMEOUT_MS);
  if (seeded.code !== 0) throw new Error(`adding the seed sources failed (exit ${seeded.code}):\n${seeded.stderr}`);
  let failedBatches = 0;
  for (let first = 0; first < options.count; first += options.batch) {
    const size = Math.min(options.batch, options.count - first);
    const batchDir = path.join(dir, `batch-${String(summary.batches).padStart(4, "0")}`);
    const files = writeBatch(batchDir, first, size, random, summary);
    summary.inputs += size;
    summary.batches++;
    let failed = false;
    for (const command of COMMANDS) {
      const run = (part: readonly string[]) => runJudged(bin, db, command, part, options, summary, batchDir);
      if (await run(files)) failed = true;
    }
    if (failed) failedBatches++;
    else rmSync(batchDir, { recursive: true, force: true });
    summary.seconds = (performance.now() - started) / 1000;
    // Written after every batch, so a run stopped early still leaves its figures.
    if (options.json) writeFileSync(options.json, `${JSON.stringify(summary, null, 2)}\n`);
    log(`batch ${summary.batches}: ${summary.inputs}/${options.count} inputs, ${summary.crashes} crashes, ${summary.hangs} hangs (${summary.slowBatches} slow runs split), ${summary.unnamed} unnamed`);
  }
  summary.seconds = (performance.now() - started) / 1000;
  if (failedBatches === 0) rmSync(dir, { recursive: true, force: true });
  else log(`${failedBatches} failing batch(es) kept in ${dir}`);
  return summary;
}

type Command = (typeof COMMANDS)[number];

/**
 * Runs a command over some files and records what went wrong; true if anything did. A run killed at the
 * time limit counts as a slow batch, and its files are run again in halves until each part finishes or is
 * one input: only an input that alone outlasts the limit counts as a hang. A batch of a hundred inputs can
 * pass 30 s on a machine busy with other work without any one input being the cause.
 */
async function runJudged(
  bin: string,
  db: string,
  command: Command,
  files: readonly string[],
  options: Readonly<FuzzOptions>,
  summary: Summary,
  batch: string,
): Promise<boolean> {
  const outcome = await runCli(bin, ["--db", db, ...command.args, ...files], options.timeoutSeconds * 1000);
  summary.slowestProcessSeconds = Math.max(summary.slowestProcessSeconds, outcome.ms / 1000);
  count(summary.exitCodes[command.name]!, outcome.hung ? "killed at the limit" : outcome.signal ? outcome.signal : String(outcome.code));
  const verdict = judge(outcome, { files, codes: command.codes });
  const problems = [
    ...(verdict.crashed ? [`crashed: exit ${outcome.code} signal ${outcome.signal}\n${outcome.stderr.slice(-2000)}`] : []),
    ...verdict.unnamed.map((line) => `unnamed: ${line.slice(0, 500)}`),
  ];
  summary.crashes += Number(verdict.crashed);
  summary.unnamed += verdict.unnamed.length;
  if (verdict.hung && files.length === 1) {
    summary.hangs++;
    problems.push(`hung: ${files[0]} alone ran past ${options.timeoutSeconds} s`);
  }
  for (const problem of problems) summary.problems.push({ batch, command: command.name, problem });
  if (!verdict.hung || files.length === 1) return problems.length > 0;
  summary.slowBatches++;
  const half = Math.ceil(files.length / 2);
  const first = await runJudged(bin, db, command, files.slice(0, half), options, summary, batch);
  const second = await runJudged(bin, db, command, files.slice(half), options, summary, batch);
  return first || second || problems.length > 0;
}

function report(summary: Summary): string {
  const counts = (record: Record<string, number>) =>
    Object.entries(record)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, n]) => `${key} ×${n}`)
      .join(", ");
  return [
    `fuzz: ${summary.inputs} inputs (${counts(summary.kinds)}), ${summary.mutated} mutated, ${summary.batches} batches, seed ${summary.seed}`,
    `mutations: ${counts(summary.mutations)}`,
    ...COMMANDS.map((c) => `${c.name}: exit ${counts(summary.exitCodes[c.name]!)}`),
    `crashes ${summary.crashes}, hangs ${summary.hangs} (inputs alone over the limit; ${summary.slowBatches} runs of several were, and were split), ` +
      `unnamed error lines ${summary.unnamed}; ` +
      `${Math.round(summary.seconds)} s in all, slowest process ${summary.slowestProcessSeconds.toFixed(1)} s`,
    ...summary.problems.slice(0, SHOWN_LINES).map((p) => `  ${p.command} ${path.basename(p.batch)}: ${p.problem.split("\n")[0]}`),
  ].join("\n");
}

if (process.argv.includes("--help")) {
  process.stdout.write(`${USAGE}\n`);
} else {
  const options = parseOptions(process.argv.slice(2));
  const summary = await run(options);
  process.stdout.write(`${report(summary)}\n`);
  if (options.json) writeFileSync(options.json, `${JSON.stringify(summary, null, 2)}\n`);
  if (summary.crashes + summary.hangs + summary.unnamed > 0) process.exitCode = 1;
}

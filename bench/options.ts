import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";

/** Phases `--skip` can leave out (indexing and checking are what every other phase stands on). */
export const SKIPPABLE = ["api", "monitor", "peer"] as const;
export type SkippablePhase = (typeof SKIPPABLE)[number];

/** What one benchmark run measures, and how hard. */
export interface BenchOptions {
  quick: boolean;
  /** Index sizes to build, in sources. */
  sizes: number[];
  /** Builds of each size under LARGE_SIZE; the median is reported. */
  repeats: number;
  /** Builds of each size from LARGE_SIZE up (each 100k build takes minutes). */
  largeRepeats: number;
  /** The index size candidates are checked against; it must be one of `sizes`. */
  checkAgainst: number;
  textCandidates: number;
  htmlCandidates: number;
  /** Timed passes over the candidates; medians over passes are reported. */
  rounds: number;
  pageBytes: number;
  /** Source counts to try the peer at, ascending; it stops at the first it cannot handle. */
  peerSizes: number[];
  peerCandidates: number;
  /** A size the peer needs longer than this for is past what it handles in reasonable time. */
  peerBudgetSeconds: number;
  /** Heap limit of the peer's process: past it the peer fails for memory. */
  peerHeapMb: number;
  /**
   * Checks per round sent over HTTP, from one client and again from `apiClients` at once. The API phase
   * runs against the `checkAgainst` index, the 100k-source one.
   */
  apiRequests: number;
  apiClients: number;
  /** First loads of each web UI page timed, each in a fresh browser context; the median is reported. */
  uiLoads: number;
  /** Pages of the monitor's fixture site. */
  monitorPages: number;
  /** The index size the monitor checks pages against; it must be one of `sizes`. */
  monitorAgainst: number;
  /** Jobs the monitor works on at once, and its analyzer threads. */
  monitorConcurrency: number;
  monitorWorkers: number;
  /** Pages read and checked alone in one thread, before and after the pass: the monitor's baseline. */
  monitorBaselinePages: number;
  skip: SkippablePhase[];
  /** Run the PostgreSQL phase (bench/run-postgres.ts): off by default, it needs a server's binaries. */
  postgres: boolean;
  /**
   * Sources indexed into PostgreSQL; by default the `checkAgainst` size, whose SQLite figures of the same run
   * are then its baselines.
   */
  postgresSize: number;
  seed: number;
  batch: number;
  /** Markdown report file, or null to print only. */
  out: string | null;
  tmp: string;
  keep: boolean;
  /** Directory for V8 CPU profiles of the engine phases, or null. */
  profile: string | null;
}

/** Sizes from this up count as large: built `largeRepeats` times. */
export const LARGE_SIZE = 100_000;

const FULL: Omit<BenchOptions, "tmp" | "postgresSize"> = {
  quick: false,
  sizes: [10_000, 100_000],
  repeats: 3,
  largeRepeats: 1,
  checkAgainst: 100_000,
  textCandidates: 300,
  htmlCandidates: 100,
  rounds: 3,
  pageBytes: 100_000,
  peerSizes: [500, 1000, 2000, 4000, 8000],
  peerCandidates: 100,
  peerBudgetSeconds: 120,
  peerHeapMb: 8192,
  // 200 checks take half a minute at the engine's current speed: enough for a stable p95, three rounds of it a few minutes.
  apiRequests: 200,
  // Eight clients keep the server's one event loop always busy with a queue behind it, as a busy newsroom's tools would.
  apiClients: 8,
  uiLoads: 5,
  monitorPages: 10_000,
  monitorAgainst: 10_000,
  // With politeness off, eight jobs keep every analyzer thread fed while other jobs fetch and commit.
  monitorConcurrency: 8,
  // One analyzer thread per core, as `copyquota monitor` runs by default.
  monitorWorkers: os.availableParallelism(),
  // 200 pages before and 200 after a pass of 10k: a baseline of a few percent of the phase's time.
  monitorBaselinePages: 200,
  // The peer runs with --peer only: it is installed on demand (see peer-package.ts).
  skip: ["peer"],
  postgres: false,
  seed: 20240314,
  // Sources generated (untimed) before each timed stretch of indexing. Each stretch starts and drains the
  // indexer's pipeline (analysis ahead in a thread), which `sources add` does once; 5,000 makes that a few percent.
  batch: 5000,
  out: "docs/BENCHMARKS.md",
  keep: false,
  profile: null,
};

/** Small enough to finish in under a minute: for developing the benchmark, not for its numbers. */
const QUICK: Partial<BenchOptions> = {
  quick: true,
  sizes: [300],
  repeats: 1,
  checkAgainst: 300,
  textCandidates: 30,
  htmlCandidates: 8,
  rounds: 2,
  peerSizes: [100, 200],
  peerCandidates: 10,
  peerBudgetSeconds: 20,
  peerHeapMb: 2048,
  apiRequests: 20,
  apiClients: 4,
  uiLoads: 1,
  monitorPages: 100,
  monitorAgainst: 300,
  monitorBaselinePages: 20,
  batch: 100,
  out: null,
};

const SPEC = {
  quick: { type: "boolean" },
  million: { type: "boolean" },
  peer: { type: "boolean" },
  postgres: { type: "boolean" },
  "postgres-size": { type: "string" },
  sizes: { type: "string" },
  repeats: { type: "string" },
  "large-repeats": { type: "string" },
  "check-against": { type: "string" },
  "text-candidates": { type: "string" },
  "html-candidates": { type: "string" },
  rounds: { type: "string" },
  "page-bytes": { type: "string" },
  "peer-sizes": { type: "string" },
  "peer-candidates": { type: "string" },
  "peer-budget": { type: "string" },
  "peer-heap-mb": { type: "string" },
  "api-requests": { type: "string" },
  "api-clients": { type: "string" },
  "api-ui-loads": { type: "string" },
  "monitor-pages": { type: "string" },
  "monitor-against": { type: "string" },
  "monitor-concurrency": { type: "string" },
  "monitor-workers": { type: "string" },
  "monitor-baseline": { type: "string" },
  skip: { type: "string" },
  seed: { type: "string" },
  batch: { type: "string" },
  out: { type: "string" },
  tmp: { type: "string" },
  keep: { type: "boolean" },
  profile: { type: "string" },
  help: { type: "boolean" },
} as const;

export const USAGE = `npm run bench -- [options]     (every option also reads BENCH_<NAME> from the environment, e.g. BENCH_SIZES)
  --quick                 a run of a minute or two for development (300 sources, few candidates and pages); prints, writes no report
  --sizes 10000,100000    index sizes to build
  --million               also build a 1,000,000-source index (slow; needs ~10 GB of disk)
  --repeats N             builds of each size under 100k (default 3); --large-repeats N for 100k and up (default 1)
  --check-against N       index size to check candidates against (default 100000, or the largest size)
  --text-candidates N     (300)  --html-candidates N (100)  --rounds N (3)  --page-bytes N (100000)
  --peer                  also run the peer, @dodona/dolos-lib (installed into .bench/peer on first use)
  --peer-sizes 500,1000   source counts to try the peer at    --peer-candidates N (100)
  --peer-budget S         seconds past which the peer is taken not to handle a size (120)  --peer-heap-mb N (8192)
  --api-requests N        checks per round over HTTP, from one client and again concurrently (200), against the
                          --check-against index   --api-clients N (8)   --api-ui-loads N  first loads of each UI page (5)
  --monitor-pages N       pages of the monitor's fixture site (10000)   --monitor-against N  index size it checks against
                          (10000, or the smallest size)   --monitor-concurrency N (8)   --monitor-workers N (one per core)
  --monitor-baseline N    pages read and checked alone in one thread before and after the pass (200)
  --postgres              also run the PostgreSQL phase: a server on loopback (Debian's postgresql binaries), the archive
                          indexed into it, text checks from 1 and 4 client processes, monitor passes by 1 and 2 worker
                          processes (--monitor-pages, --monitor-concurrency, --monitor-workers apply)
  --postgres-size N       sources indexed into PostgreSQL (the --check-against size)
  --skip api,monitor,peer phases to leave out
  --seed N  --batch N  --out FILE (docs/BENCHMARKS.md; "-" to print only)  --tmp DIR  --keep (keep the databases; the API and monitor phases write cases into them)
  --profile DIR           write V8 CPU profiles of the indexing and checking workers (node --cpu-prof) into DIR`;

/** Reads flags and BENCH_* variables; flags win over the environment, both over the presets. */
export function parseOptions(argv: readonly string[], env: NodeJS.ProcessEnv): BenchOptions | "help" {
  const { values } = parseArgs({ args: [...argv], options: SPEC, strict: true, allowPositionals: false });
  if (values.help) return "help";
  const get = (name: keyof typeof SPEC): string | boolean | undefined => {
    const flag = values[name];
    if (flag !== undefined) return flag;
    const fromEnv = env[`BENCH_${name.toUpperCase().replaceAll("-", "_")}`];
    if (fromEnv === undefined || fromEnv === "") return undefined;
    return SPEC[name].type === "boolean" ? fromEnv !== "0" && fromEnv !== "false" : fromEnv;
  };
  const quick = get("quick") === true;
  const options: BenchOptions = { ...FULL, ...(quick ? QUICK : {}), postgresSize: 0, tmp: os.tmpdir() };
  const int = (name: keyof typeof SPEC, min: number): number | undefined => {
    const raw = get(name);
    if (raw === undefined) return undefined;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min) throw new Error(`bench option --${name}: expected an integer ≥ ${min}, got "${String(raw)}"`);
    return n;
  };
  const list = (name: keyof typeof SPEC): number[] | undefined => {
    const raw = get(name);
    if (raw === undefined) return undefined;
    const items = String(raw).split(",").map((s) => Number(s.trim().replaceAll("_", "")));
    if (items.length === 0 || items.some((n) => !Number.isInteger(n) || n < 2)) {
      throw new Error(`bench option --${name}: expected comma-separated integers ≥ 2, got "${String(raw)}"`);
    }
    return [...new Set(items)].sort((a, b) => a - b);
  };
  options.sizes = list("sizes") ?? options.sizes;
  if (get("million") === true && !options.sizes.includes(1_000_000)) options.sizes = [...options.sizes, 1_000_000];
  options.repeats = int("repeats", 1) ?? options.repeats;
  options.largeRepeats = int("large-repeats", 1) ?? options.largeRepeats;
  const against = int("check-against", 2);
  options.checkAgainst = against ?? (options.sizes.includes(options.checkAgainst) ? options.checkAgainst : Math.max(...options.sizes.filter((s) => s <= LARGE_SIZE), options.sizes[0]!));
  if (!options.sizes.includes(options.checkAgainst)) {
    throw new Error(`bench option --check-against: ${options.checkAgainst} is not one of the built sizes (${options.sizes.join(", ")})`);
  }
  options.postgres = get("postgres") === true;
  options.postgresSize = int("postgres-size", 2) ?? options.checkAgainst;
  options.textCandidates = int("text-candidates", 1) ?? options.textCandidates;
  options.htmlCandidates = int("html-candidates", 0) ?? options.htmlCandidates;
  options.rounds = int("rounds", 1) ?? options.rounds;
  options.pageBytes = int("page-bytes", 1000) ?? options.pageBytes;
  options.peerSizes = list("peer-sizes") ?? options.peerSizes;
  options.peerCandidates = int("peer-candidates", 1) ?? options.peerCandidates;
  options.peerBudgetSeconds = int("peer-budget", 1) ?? options.peerBudgetSeconds;
  options.peerHeapMb = int("peer-heap-mb", 256) ?? options.peerHeapMb;
  options.apiRequests = int("api-requests", 1) ?? options.apiRequests;
  options.apiClients = int("api-clients", 1) ?? options.apiClients;
  options.uiLoads = int("api-ui-loads", 1) ?? options.uiLoads;
  options.monitorPages = int("monitor-pages", 1) ?? options.monitorPages;
  options.monitorAgainst = int("monitor-against", 2) ?? (options.sizes.includes(options.monitorAgainst) ? options.monitorAgainst : options.sizes[0]!);
  options.monitorConcurrency = int("monitor-concurrency", 1) ?? options.monitorConcurrency;
  options.monitorWorkers = int("monitor-workers", 0) ?? options.monitorWorkers;
  options.monitorBaselinePages = int("monitor-baseline", 1) ?? options.monitorBaselinePages;
  const skip = get("skip");
  if (skip !== undefined) options.skip = parseSkip(String(skip));
  // The peer is installed on first use, so it runs only when asked for, whatever else --skip names.
  options.skip = get("peer") === true ? options.skip.filter((phase) => phase !== "peer") : [...new Set([...options.skip, "peer" as const])];
  if (!options.skip.includes("monitor") && !options.sizes.includes(options.monitorAgainst)) {
    throw new Error(`bench option --monitor-against: ${options.monitorAgainst} is not one of the built sizes (${options.sizes.join(", ")})`);
  }
  options.seed = int("seed", 0) ?? options.seed;
  options.batch = int("batch", 1) ?? options.batch;
  const out = get("out");
  if (out !== undefined) options.out = out === "-" ? null : String(out);
  const tmp = get("tmp");
  if (tmp !== undefined) options.tmp = String(tmp);
  options.keep = get("keep") === true;
  const profile = get("profile");
  options.profile = profile === undefined ? null : path.resolve(String(profile));
  return options;
}

/** `api,peer` → the phases to leave out; an unknown name is an error that lists the known ones. */
function parseSkip(raw: string): SkippablePhase[] {
  const names = raw.split(",").map((s) => s.trim()).filter((s) => s !== "");
  const unknown = names.filter((n) => !(SKIPPABLE as readonly string[]).includes(n));
  if (unknown.length > 0) throw new Error(`bench option --skip: unknown phase "${unknown.join('", "')}" (phases that can be skipped: ${SKIPPABLE.join(", ")})`);
  return [...new Set(names as SkippablePhase[])];
}

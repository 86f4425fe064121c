import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";

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

const FULL: Omit<BenchOptions, "tmp"> = {
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
  seed: 20240314,
  batch: 1000,
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
  batch: 100,
  out: null,
};

const SPEC = {
  quick: { type: "boolean" },
  million: { type: "boolean" },
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
  seed: { type: "string" },
  batch: { type: "string" },
  out: { type: "string" },
  tmp: { type: "string" },
  keep: { type: "boolean" },
  profile: { type: "string" },
  help: { type: "boolean" },
} as const;

export const USAGE = `npm run bench -- [options]     (every option also reads BENCH_<NAME> from the environment, e.g. BENCH_SIZES)
  --quick                 a run of under a minute for development (300 sources, few candidates); prints, writes no report
  --sizes 10000,100000    index sizes to build
  --million               also build a 1,000,000-source index (slow; needs ~10 GB of disk)
  --repeats N             builds of each size under 100k (default 3); --large-repeats N for 100k and up (default 1)
  --check-against N       index size to check candidates against (default 100000, or the largest size)
  --text-candidates N     (300)  --html-candidates N (100)  --rounds N (3)  --page-bytes N (100000)
  --peer-sizes 500,1000   source counts to try @dodona/dolos-lib at    --peer-candidates N (100)
  --peer-budget S         seconds past which the peer is taken not to handle a size (120)  --peer-heap-mb N (8192)
  --seed N  --batch N  --out FILE (docs/BENCHMARKS.md; "-" to print only)  --tmp DIR  --keep (keep the databases)
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
  const options: BenchOptions = { ...FULL, ...(quick ? QUICK : {}), tmp: os.tmpdir() };
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
  options.textCandidates = int("text-candidates", 1) ?? options.textCandidates;
  options.htmlCandidates = int("html-candidates", 0) ?? options.htmlCandidates;
  options.rounds = int("rounds", 1) ?? options.rounds;
  options.pageBytes = int("page-bytes", 1000) ?? options.pageBytes;
  options.peerSizes = list("peer-sizes") ?? options.peerSizes;
  options.peerCandidates = int("peer-candidates", 1) ?? options.peerCandidates;
  options.peerBudgetSeconds = int("peer-budget", 1) ?? options.peerBudgetSeconds;
  options.peerHeapMb = int("peer-heap-mb", 256) ?? options.peerHeapMb;
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

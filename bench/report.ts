import { REUSE_MIX } from "./generator/candidates.ts";
import { describeCorpus } from "./generator/corpus.ts";
import type { TextProfile } from "./generator/realism.ts";
import { TTR_WORDS } from "./generator/realism.ts";
import type { DbSize } from "./measure/db-size.ts";
import { median } from "./measure/stats.ts";
import { LARGE_SIZE, USAGE } from "./options.ts";
import type { CheckResult } from "./phases/check-phase.ts";
import type { IndexResult } from "./phases/index-phase.ts";
import type { PeerResult } from "./phases/peer-phase.ts";
import { DOLOS_MIN_LONGEST } from "./phases/peer-phase.ts";
import type { ReuseScore } from "./phases/reuse-score.ts";
import { apiSection, apiTargetRows } from "./report-api.ts";
import type { TargetRow } from "./report-format.ts";
import { dec, int, mark, mb, pct, times } from "./report-format.ts";
import { monitorSection, monitorTargetRows } from "./report-monitor.ts";
import { postgresSection, postgresTargetRows } from "./report-postgres.ts";
import type { BenchResults } from "./results.ts";

/** The issue's targets for one process on the 2-core machine. */
export const TARGETS = {
  indexRate: 2000,
  textRate: 300,
  htmlRate: 60,
  textP95Ms: 25,
  indexBytesPerSource: 3 * 1024,
  peakRssBytes: 2 ** 30,
} as const;

const MB = 2 ** 20;

/** Objects of a database that are the fingerprint index rather than the stored texts. */
function indexBytes(db: DbSize): number | null {
  if (!db.objects) return null;
  const notIndex = new Set(["sources", "sqlite_autoindex_sources_1", "sqlite_schema", "sqlite_master"]);
  const objects = Object.entries(db.objects).filter(([name]) => !notIndex.has(name));
  return objects.reduce((s, [, bytes]) => s + bytes, 0) + (db.fingerprintBlobBytes ?? 0);
}

function scoreText(score: ReuseScore): string {
  return `${score.found}/${score.expected} (${pct(score.found / Math.max(1, score.expected))})`;
}

function profileRow(name: string, p: TextProfile): string {
  return `| ${name} | ${p.articles} | ${p.sentenceWords.p10} / ${p.sentenceWords.median} / ${p.sentenceWords.p90} | ${int(p.medianChars)} | ${p.medianParagraphs} | ${dec(p.typeTokenRatio, 3)} | ${pct(p.sharedTrigrams)} |`;
}

function largestBuild(results: BenchResults, size: number): IndexResult[] {
  return results.builds.find((b) => b.size === size)?.runs ?? [];
}

function findCheck(results: BenchResults, kind: "text" | "html", against: number): CheckResult | null {
  return results.checks.find((c) => c.kind === kind && c.against === against)?.result ?? null;
}

/** The engine's rows of the targets table (issue 2). */
function engineTargetRows(results: BenchResults, buildSize: number): TargetRow[] {
  const { options } = results;
  const runs = largestBuild(results, buildSize);
  const text = findCheck(results, "text", options.checkAgainst);
  const html = findCheck(results, "html", options.checkAgainst);
  const indexRate = median(runs.map((r) => r.rate));
  const tokenizeRate = median(runs.map((r) => r.baselineRate));
  const perSource = runs.length ? (indexBytes(runs[0]!.db) ?? Number.NaN) / buildSize : Number.NaN;
  const rss = [
    ...results.builds.flatMap((b) => b.runs.map((r) => r.peakRss)),
    ...results.checks.flatMap((c) => (c.result ? [c.result.peakRss] : [])),
  ];
  const peak = rss.length ? Math.max(...rss) : Number.NaN;
  const measured = (value: number, text: string) => (Number.isFinite(value) ? text : null);
  const vsTokenize = (check: CheckResult | null) => (check ? `${times(check.rate / check.baselineRate, 3)} tokenize-only` : "—");
  return [
    {
      what: `Indexing, ${int(buildSize)} sources`,
      target: "≥ 2,000 sources/s",
      measured: measured(indexRate, `${int(indexRate)} sources/s`),
      ok: indexRate >= TARGETS.indexRate,
      baseline: Number.isFinite(indexRate) ? `${times(indexRate / tokenizeRate, 3)} tokenize-only` : "—",
    },
    { what: "Checking text candidates", target: "≥ 300 /s", measured: text && `${dec(text.rate)} /s`, ok: (text?.rate ?? 0) >= TARGETS.textRate, baseline: vsTokenize(text) },
    { what: "Text check latency, p95", target: "≤ 25 ms", measured: text && `${dec(text.p95Ms)} ms`, ok: (text?.p95Ms ?? Infinity) <= TARGETS.textP95Ms, baseline: "—" },
    {
      what: `Checking HTML pages (~${int(options.pageBytes / 1000)} KB, extract + check)`,
      target: "≥ 60 /s",
      measured: html && `${dec(html.rate)} /s`,
      ok: (html?.rate ?? 0) >= TARGETS.htmlRate,
      baseline: vsTokenize(html),
    },
    { what: "Index bytes per source", target: "≤ 3 KB", measured: measured(perSource, `${int(perSource)} B`), ok: perSource <= TARGETS.indexBytesPerSource, baseline: "—" },
    { what: "Peak RSS of any engine phase", target: "≤ 1 GB", measured: measured(peak, mb(peak)), ok: peak <= TARGETS.peakRssBytes, baseline: "—" },
  ];
}

function targetsSection(results: BenchResults): string[] {
  const { options } = results;
  const buildSize = options.sizes.includes(LARGE_SIZE) ? LARGE_SIZE : Math.max(...options.sizes.filter((s) => s <= LARGE_SIZE), options.sizes[0]!);
  const rows = [...engineTargetRows(results, buildSize), ...apiTargetRows(results), ...monitorTargetRows(results), ...postgresTargetRows(results)];
  return [
    "## Against the targets",
    "",
    `Index of ${int(buildSize)} sources; candidates checked${results.api ? " and the API loaded" : ""} against the ${int(options.checkAgainst)}-source index${results.monitor ? `; the monitor checks against the ${int(results.monitor.against)}-source one` : ""}.`,
    "*Same-run baseline*: the figure ÷ a simpler measurement taken in the same process, interleaved with it (each",
    "section says which): on a busy machine the ratio moves less than the raw figure, so it tells a slower build",
    "from a busier machine.",
    "",
    "| | target | measured | | same-run baseline |",
    "|---|---|---|---|---|",
    ...rows.map((r) => `| ${r.what} | ${r.target} | ${r.measured ?? "—"} | ${r.measured === null ? "not measured" : mark(r.ok)} | ${r.baseline} |`),
    "",
  ];
}

function corpusSection(results: BenchResults): string[] {
  const { real, generated, origin, kind } = results.realism;
  return [
    "## The generated texts",
    "",
    `A word-bigram Markov model learned at run time from ${describeCorpus(origin, kind)},`,
    ...(kind === "shared samples" ? ["read, never copied into the repository (the ODS dumps' flattened line breaks repaired as their SOURCE.md says),"] : []),
    "with a synthetic",
    "Zipf-distributed vocabulary of 200k stems built from the training words' letter trigrams, so that 100k",
    "articles differ as real ones do. Sentence, paragraph and article lengths are sampled from the training",
    "text. Each source ends with the publisher's reuse notice and read-all line; some carry a «Читайте также»",
    "line or a photo credit inside the body; one in a hundred is a press release indexed as `--reference`.",
    "",
    `| texts | articles | words per sentence (p10 / median / p90) | median chars | median paragraphs | type/token (first ${int(TTR_WORDS)} words) | trigrams shared with another article |`,
    "|---|---|---|---|---|---|---|",
    profileRow("real (training)", real),
    profileRow("generated (as many)", generated),
    "",
    `Candidates: ${REUSE_MIX.map(([kind, share]) => `${kind} ${pct(share)}`).join(", ")}. A fragment is one or two`,
    "lightly edited source paragraphs inside the reuser's own text; a rewrite keeps every sentence, moved up to two",
    "places, with one word in seven changed; multi takes a paragraph from each of two or three sources. HTML candidates",
    `are full pages of ~${int(results.options.pageBytes / 1000)} KB: header, navigation, teaser lists, sidebar, comments, footer,`,
    "inline CSS, a JSON state blob and analytics scripts around the article, with a link to the source in 60% of reusing pages.",
    "",
  ];
}

function indexingSection(results: BenchResults): string[] {
  const lines = [
    "## Indexing",
    "",
    "Sources added as `copyquota sources add` adds them (`addSources`: the next ones analyzed in worker threads, one per",
    "core but the writer's, while the main thread writes; generation untimed). *CPU ÷ wall* above 1 is those threads.",
    "The baseline is `tokenize` alone over the same texts in the same process; the ratio shows how many tokenizations one indexing costs, which survives a noisy",
    "machine better than the raw rate. Batch rates are of the first and last batch of " + int(results.options.batch) + ". *CPU ÷ wall*",
    "well below 1 means the process waited (on disk writes). *Written* is what the process passed to write(2) while",
    "indexing (WAL and checkpoints), per source.",
    "",
    "| sources | builds | sources/s (median) | min–max | CPU ÷ wall | tokenize-only sources/s | indexing ÷ tokenize | first → last batch | mean chars | peak RSS (generator alone) | written per source |",
    "|---|---|---|---|---|---|---|---|---|---|---|",
  ];
  for (const build of results.builds) {
    if (build.runs.length === 0) {
      lines.push(`| ${int(build.size)} | failed: ${build.failures.join("; ")} ||||||||||`);
      continue;
    }
    const rates = build.runs.map((r) => r.rate);
    const base = median(build.runs.map((r) => r.baselineRate));
    const first = build.runs[0]!;
    lines.push(
      `| ${int(build.size)} | ${build.runs.length} | ${int(median(rates))} | ${int(Math.min(...rates))}–${int(Math.max(...rates))} | ${dec(median(build.runs.map((r) => r.cpuSeconds / r.seconds)), 2)} | ${int(base)} | ${dec(median(rates) / base, 3)} | ${int(first.batchRates[0]!)} → ${int(first.batchRates[first.batchRates.length - 1]!)} | ${int(first.meanChars)} | ${mb(Math.max(...build.runs.map((r) => r.peakRss)))} (${mb(first.rssBeforeEngine)}) | ${first.writtenPerSource === null ? "—" : `${dec(first.writtenPerSource / 1024)} KB`} |`,
    );
  }
  lines.push("");
  return lines;
}

function storageSection(results: BenchResults): string[] {
  const lines = [
    "## Storage",
    "",
    "After a TRUNCATE checkpoint. *Index* is everything but the stored texts: every table and index except `sources`",
    "and its URL index, plus the fingerprint lists `sources` keeps as blobs. Object sizes from SQLite's `dbstat`.",
    "",
    "| sources | file bytes/source | index bytes/source | fingerprints/source | objects (bytes/source) |",
    "|---|---|---|---|---|",
  ];
  for (const build of results.builds) {
    const run = build.runs[0];
    if (!run) continue;
    const db = run.db;
    const per = (bytes: number) => int(bytes / build.size);
    const objects = db.objects ? Object.entries(db.objects).sort((a, b) => b[1] - a[1]).map(([name, bytes]) => `${name} ${per(bytes)}`) : ["dbstat unavailable"];
    if (db.fingerprintBlobBytes !== null) objects.push(`(fingerprint blobs in sources ${per(db.fingerprintBlobBytes)})`);
    const index = indexBytes(db);
    lines.push(
      `| ${int(build.size)} | ${per(db.fileBytes)} | ${index === null ? "—" : per(index)} | ${db.fingerprintRows === null ? "—" : dec(db.fingerprintRows / build.size)} | ${objects.join(", ")} |`,
    );
  }
  lines.push("");
  return lines;
}

function checkingSection(results: BenchResults): string[] {
  const lines = [
    "## Checking",
    "",
    "`engine.check` with the default policy, one candidate at a time; for HTML, `extractPage` + `check` (latency",
    "includes both). Medians over timed rounds after a short warm-up. *Found* counts candidate–source pairs the",
    "generator built that the check reported; *extra* counts reported pairs it did not build.",
    "",
    "| candidates | index | candidates × rounds | /s | p50 ms | p95 ms | extract p50 ms | tokenize-only /s | check ÷ tokenize | found | extra | clean flagged | peak RSS |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
  ];
  for (const check of results.checks) {
    const r = check.result;
    if (!r) {
      lines.push(`| ${check.kind} | ${int(check.against)} | failed: ${check.failure} |||||||||||`);
      continue;
    }
    lines.push(
      `| ${r.kind} (${int(r.meanInputBytes / 1000)} KB in, ${int(r.meanTextChars)} chars checked) | ${int(r.sourceCount)} | ${r.candidates} × ${r.rounds.length} | ${dec(r.rate)} | ${dec(r.p50Ms)} | ${dec(r.p95Ms)} | ${r.extractP50Ms === null ? "—" : dec(r.extractP50Ms)} | ${int(r.baselineRate)} | ${dec(r.rate / r.baselineRate, 3)} | ${scoreText(r.score)} | ${r.score.extra} | ${r.score.cleanFlagged}/${r.score.clean} | ${mb(r.peakRss)} |`,
    );
  }
  const slow = results.checks.flatMap((c) => (c.result ? c.result.slowest.map((s) => ({ ...s, against: c.against, type: c.kind })) : []));
  if (slow.length) {
    lines.push("", "Slowest candidates of the first round:", "");
    lines.push("| type | reuse | chars checked | ms |", "|---|---|---|---|");
    for (const s of slow) lines.push(`| ${s.type} vs ${int(s.against)} | ${s.kind} | ${int(s.chars)} | ${dec(s.ms)} |`);
  }
  lines.push("");
  return lines;
}

function peerSection(results: BenchResults): string[] {
  const { peer, options } = results;
  if (options.skip.includes("peer")) return ["## The peer: @dodona/dolos-lib", "", "Not run: it runs with `--peer`, which installs the peer on first use.", ""];
  const lines = [
    "## The peer: @dodona/dolos-lib",
    "",
    "What a user would otherwise pick: Dolos's library, all pairs in memory, with its own character tokenizer",
    "(`language: \"char\"`, default k-gram 23 and window 17; its tree-sitter languages are for code) and the",
    "publisher's notice as its template (`ignore` file, Dolos's way to drop boilerplate; without it every source",
    "pairs with every candidate that copied the notice: thousands of false pairs at 500 sources). It gets the",
    `same generated sources and ${options.peerCandidates} text candidates as CopyQuota; its time is \`analyze\` (tokenize + index)`,
    "plus `allPairs()` (similarity of every pair). A candidate–source pair counts as found when its longest run",
    `of shared fingerprints is ≥ ${DOLOS_MIN_LONGEST} (~50 identical characters, about CopyQuota's minimum passage). CopyQuota's`,
    "time is indexing the sources into a fresh SQLite file plus checking every candidate. Sizes grow until Dolos",
    `needs more than ${options.peerBudgetSeconds} s or fails (heap limit ${int(options.peerHeapMb)} MB).`,
    "",
    "| sources | Dolos s (analyze + allPairs) | Dolos peak RSS (its own) | pairs | Dolos found | Dolos extra | CopyQuota s (index + check) | CopyQuota peak RSS (its own) | CopyQuota found | CopyQuota extra | time ratio | peak RSS ratio (own) |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|",
  ];
  for (const d of peer.dolos) {
    const c = peer.copyquota.find((x) => x.size === d.size);
    const ours = c?.result ?? null;
    const theirs = d.result;
    const dolosCells = theirs
      ? [`${dec(theirs.seconds)} (${dec(theirs.steps.analyze ?? 0)} + ${dec(theirs.steps.allPairs ?? 0)})`, `${mb(theirs.peakRss)} (${mb(theirs.peakRss - theirs.rssBeforeTool)})`, int(theirs.pairs), scoreText(theirs.score), String(theirs.score.extra)]
      : [`failed: ${d.failure}`, "—", "—", "—", "—"];
    const ourCells = ours
      ? [`${dec(ours.seconds)} (${dec(ours.steps.index ?? 0)} + ${dec(ours.steps.check ?? 0)})`, `${mb(ours.peakRss)} (${mb(ours.peakRss - ours.rssBeforeTool)})`, scoreText(ours.score), String(ours.score.extra)]
      : [`failed: ${c?.failure ?? "not run"}`, "—", "—", "—"];
    const own = (r: PeerResult) => Math.max(MB, r.peakRss - r.rssBeforeTool);
    const ratio =
      theirs && ours
        ? [`${dec(theirs.seconds / ours.seconds, 2)}×`, `${dec(theirs.peakRss / ours.peakRss, 2)}× (${dec(own(theirs) / own(ours), 1)}×)`]
        : ["—", "—"];
    lines.push(`| ${int(d.size)} | ${[...dolosCells, ...ourCells, ...ratio].join(" | ")} |`);
  }
  lines.push(
    "",
    peer.largest === null
      ? "Dolos handled none of the sizes within budget."
      : `Largest size Dolos handled within ${options.peerBudgetSeconds} s: ${int(peer.largest)} sources + ${options.peerCandidates} candidates. Ratios are Dolos ÷ CopyQuota (above 1: CopyQuota is faster / smaller). Peak RSS includes the process, the generator and the generated texts (before either tool ran, in parentheses the growth the tool itself caused; at least 1 MB for the ratio).`,
    "",
  );
  return lines;
}

export function renderReport(results: BenchResults): string {
  const m = results.machine;
  return [
    "# Benchmarks",
    "",
    "Speed and memory on generated Russian news: the detection engine (issue 2, «Speed and memory»), the HTTP API and",
    "web UI (issue 4, «Speed») and the monitor (issue 5, «Speed»). Everything below the command line is written by",
    "`bench/run.ts`: re-run it to refresh the numbers.",
    "",
    `- Command: \`${results.command}\``,
    `- Date: ${m.date}; commit ${m.commit}${m.dirty ? " (working tree had uncommitted changes)" : ""}; every phase ran a snapshot of src/ and bench/ taken at that time`,
    `- Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB RAM, ${m.os}; Node ${m.node}; SQLite ${m.sqlite}`,
    `- Training text: ${describeCorpus(results.realism.origin, results.realism.kind)}`,
    `- Duration: ${dec(results.totalSeconds / 60)} min; seed ${results.options.seed}${results.options.quick ? "; **quick run** (sizes too small for the targets)" : ""}`,
    "",
    ...targetsSection(results),
    ...indexingSection(results),
    ...storageSection(results),
    ...checkingSection(results),
    ...apiSection(results),
    ...monitorSection(results),
    ...postgresSection(results),
    ...peerSection(results),
    ...corpusSection(results),
    "## Running it",
    "",
    "```",
    USAGE,
    "```",
    "",
  ].join("\n");
}

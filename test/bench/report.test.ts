import { describe, expect, it } from "vitest";
import type { TextProfile } from "../../bench/generator/realism.ts";
import { parseOptions } from "../../bench/options.ts";
import type { BenchOptions } from "../../bench/options.ts";
import type { LoadStats } from "../../bench/phases/api-load.ts";
import type { ApiResult } from "../../bench/phases/api-phase.ts";
import type { MonitorResult } from "../../bench/phases/monitor-phase.ts";
import { renderReport } from "../../bench/report.ts";
import type { BenchResults } from "../../bench/results.ts";

const MB = 2 ** 20;

function options(argv: string[] = []): BenchOptions {
  const parsed = parseOptions(argv, {});
  if (parsed === "help") throw new Error("unexpected help");
  return parsed;
}

const profile: TextProfile = { articles: 10, sentenceWords: { p10: 5, median: 14, p90: 28 }, medianChars: 900, medianParagraphs: 4, typeTokenRatio: 0.5, sharedTrigrams: 0.02 };

function load(rate: number, p95Ms: number, clients = 1): LoadStats {
  return { requests: 200, clients, seconds: 200 / rate, rate, p50Ms: p95Ms / 2, p95Ms, p99Ms: p95Ms * 1.5, violations: 90 };
}

/** Three rounds whose medians are the given figures (the other rounds lie on both sides of them). */
function apiResult(p95Ms: number, concurrentRate: number, slowestUiMs: number): ApiResult {
  const rounds = [0.8, 1, 1.3].map((f) => ({ serial: load(40 / f, p95Ms * f), concurrent: load(concurrentRate * f, 300, 8), baseline: load(50 / f, (p95Ms / 1.25) * f) }));
  return {
    sourceCount: 100_000,
    requests: 200,
    clients: 8,
    warmup: 20,
    rounds,
    serialP95Ms: p95Ms,
    concurrentRate,
    p95Ratio: 1.25,
    serialRateRatio: 0.8,
    concurrentRateRatio: concurrentRate / 50,
    serverPeakRss: 400 * MB,
    ui: {
      blankMs: 100,
      slowestMs: slowestUiMs,
      pages: [
        { name: "dashboard", path: "/#/", drawn: ".cards", loadsMs: [slowestUiMs], medianMs: slowestUiMs },
        { name: "sources", path: "/#/sources", drawn: "table.sources tbody tr", loadsMs: [300], medianMs: 300 },
      ],
    },
  };
}

function monitorResult(rate: number): MonitorResult {
  return {
    sourceCount: 10_000,
    pages: 10_000,
    pageBytes: 100_000,
    concurrency: 8,
    workers: 2,
    site: { sitemaps: 2, feedItems: 50 },
    events: { discovered: 1, listed: 4, checked: 10_000, unchanged: 0, duplicate: 0, gone: 0, failed: 0 },
    casesOpened: 6000,
    pagesDone: 10_000,
    seconds: 10_000 / rate,
    rate,
    windowRates: [rate * 0.9, rate, rate * 1.1],
    medianWindowRate: rate,
    baseline: { pages: 200, before: rate / 2, after: rate / 2, rate: rate / 2 },
    ratio: 2,
    cpuMsPerPage: 40,
    mainBusy: 0.2,
    load: [1, 1.5],
    rssBeforePass: 200 * MB,
    peakRss: 500 * MB,
    heapAfterPass: 50 * MB,
    dbGrowthBytes: 600 * MB,
    idlePassMs: 120,
  };
}

function results(opts: BenchOptions, api: BenchResults["api"], monitor: BenchResults["monitor"]): BenchResults {
  return {
    options: opts,
    command: "npm run bench",
    machine: { cpu: "test cpu", cores: 2, memoryGb: 8, os: "Linux", node: "v20", sqlite: "3", commit: "abc1234", dirty: false, date: "2026-01-01T00:00:00.000Z" },
    realism: { origin: "test/fixtures/articles", kind: "own fixtures", real: profile, generated: profile },
    builds: [],
    checks: [],
    peer: { dolos: [], copyquota: [], largest: null },
    api,
    monitor,
    postgres: null,
    totalSeconds: 60,
  };
}

/** The targets table's row that starts with `start`, split into its cells. */
function targetRow(report: string, start: string): string[] {
  const line = report.split("\n").find((l) => l.startsWith(`| ${start}`));
  if (!line) throw new Error(`no targets row starting "${start}"`);
  return line.split(" | ").map((cell) => cell.replace(/^\| | \|$/g, ""));
}

describe("bench report: API and monitoring", () => {
  it("puts each against its target with its same-run baseline ratio, and writes their sections", () => {
    const report = renderReport(results(options(), { against: 100_000, result: apiResult(42, 150, 1400), failure: null }, { against: 10_000, result: monitorResult(60), failure: null }));
    expect(targetRow(report, "API: `POST /api/check` p95")).toEqual([
      "API: `POST /api/check` p95, one text candidate, 100,000 sources",
      "≤ 50 ms",
      "42.0 ms",
      "met",
      "1.25× `engine.check` in process",
    ]);
    expect(targetRow(report, "API: checks/s").slice(2)).toEqual(["150.0 /s", "**missed**", "3.00× `engine.check` in process, one thread"]);
    expect(targetRow(report, "Web UI first load").slice(2)).toEqual(["1,400 ms", "**missed**", "14.0× a blank navigation"]);
    expect(targetRow(report, "Monitor: pages/s").slice(2)).toEqual(["60.0 pages/s", "met", "2.00× read + check in one thread"]);
    expect(report).toContain("## API (issue 4)");
    expect(report).toContain("## Monitoring (issue 5)");
    // Medians over rounds with their range.
    expect(report).toMatch(/\| API, one client \| 200 × 3 \| 40\.0 \(30\.8–50\.0\) \| 21\.0 \| 42\.0 \(33\.6–54\.6\) \|/);
    expect(report).toContain("| dashboard | `/#/` | `.cards` | 1,400 | 14.0× |");
    expect(report).toContain("| **pipeline ÷ baseline** (mean of before and after) | **2.00×** |");
  });

  it("says which phases were skipped or failed, and leaves their targets not measured", () => {
    const report = renderReport(results(options(["--skip", "api,peer"]), null, { against: 10_000, result: null, failure: "exited with 1: boom" }));
    expect(report).toContain("## API (issue 4)\n\nSkipped (`--skip api`).");
    expect(report).toContain("## Monitoring (issue 5)\n\nAgainst 10,000 sources: failed: exited with 1: boom");
    expect(report).toContain("## The peer: @dodona/dolos-lib\n\nNot run: it runs with `--peer`, which installs the peer on first use.");
    expect(targetRow(report, "API: checks/s").slice(2)).toEqual(["—", "not measured", "—"]);
    expect(targetRow(report, "Monitor: pages/s").slice(2)).toEqual(["—", "not measured", "—"]);
  });

  it("reports UI first loads as not timed when there was no browser", () => {
    const api = { ...apiResult(30, 250, 500), ui: { skipped: "no Chromium at /usr/bin/chromium" } };
    const report = renderReport(results(options(), { against: 100_000, result: api, failure: null }, null));
    expect(report).toContain("UI first loads: not timed (no Chromium at /usr/bin/chromium).");
    expect(targetRow(report, "Web UI first load").slice(2)).toEqual(["—", "not measured", "—"]);
    expect(targetRow(report, "API: checks/s").slice(2, 4)).toEqual(["250.0 /s", "met"]);
  });
});

describe("bench report: PostgreSQL", () => {
  const score = { expected: 100, found: 95, extra: 1, cleanFlagged: 0, clean: 20 };
  const checks = (clients: number, rate: number, p95Ms: number) => ({
    count: clients,
    result: { clients, checks: 200 * clients, seconds: (200 * clients) / rate, rate, p50Ms: p95Ms / 2, p95Ms, baselineRate: 1000, score, peakRss: 200 * MB },
    failure: null,
  });
  const postgres = (sources: number): NonNullable<BenchResults["postgres"]> => ({
    skipped: null,
    sources,
    server: "15.18",
    emptyDatabaseBytes: 8 * MB,
    load: [1, 1.5],
    index: {
      sources,
      seconds: sources / 500,
      cpuSeconds: sources / 1000,
      rate: 500,
      batchRates: [600, 400],
      baselineRate: 5000,
      cpuGaugeMchars: 1,
      meanChars: 2500,
      rssBeforeEngine: 100 * MB,
      peakRss: 300 * MB,
      writtenPerSource: null,
      size: { databaseBytes: 8 * MB + sources * 12_000, tables: { sources: sources * 4000, fingerprints: sources * 6000 } },
    },
    indexFailure: null,
    checks: [checks(1, 40, 30), checks(4, 120, 80)],
    monitor: [
      { count: 1, result: { workers: 1, pagesDone: 500, failed: 0, casesOpened: 300, seconds: 50, rate: 10, cpuMsPerPage: 90 }, failure: null },
      { count: 2, result: null, failure: "process 2 of 2: exited with 1: boom" },
    ],
    monitorPages: 500,
    monitorConcurrency: 8,
    monitorThreads: 2,
  });

  it("puts the issue's PostgreSQL targets in the targets table, each beside its same-run baseline", () => {
    const opts = options(["--postgres", "--sizes", "30000"]);
    const base = results(opts, null, { against: 30_000, result: monitorResult(20), failure: null });
    const sqliteCheck = { kind: "text" as const, candidates: 200, sourceCount: 30_000, rounds: [], rate: 80, p50Ms: 10, p95Ms: 20, extractP50Ms: null, baselineRate: 1000, slowest: [], meanInputBytes: 3000, meanTextChars: 2000, cpuGaugeMchars: 1, peakRss: 200 * MB, score };
    const report = renderReport({ ...base, checks: [{ against: 30_000, kind: "text", result: sqliteCheck, failure: null }], postgres: postgres(30_000) });
    expect(targetRow(report, "PostgreSQL: text check p95")).toEqual([
      "PostgreSQL: text check p95, one client process, 30,000 sources",
      "≤ 50 ms at 1,000,000 sources",
      "30.0 ms",
      "met",
      "1.50× SQLite's p95 at this size",
    ]);
    expect(targetRow(report, "PostgreSQL: text checks/s from 4").slice(2)).toEqual(["120.0 /s", "**missed**", "3.00× one client process's rate"]);
    expect(report).toContain("| text checks, 4 client processes at once | **120.0 /s**;");
    expect(report).toContain("| one client: 3.00× its rate; tokenize-only in one process 1,000 /s (0.120×) |");
    expect(report).toContain("| database bytes per source, less the empty database's 8 MB | 12,000 (by table: fingerprints 6,000, sources 4,000) |");
    expect(report).toContain("SQLite, one process (the monitor phase, 10,000 pages, 10,000 sources, discovery included): 20.0 pages/s (0.50×)");
    expect(report).toContain("| monitor, 2 worker processes on one database | failed: process 2 of 2: exited with 1: boom | |");
    expect(report).toContain("this run indexed 30,000.");
    expect(report).toContain("- PostgreSQL: text check p95, one client process, 30,000 sources: 30.0 ms (target ≤ 50 ms at 1,000,000 sources): met; baseline: 1.50× SQLite's p95 at this size");
  });

  it("says when it was not asked for, or skipped for want of a server, and then adds no targets", () => {
    const plain = renderReport(results(options(), null, null));
    expect(plain).toContain("## PostgreSQL (issue 11)\n\nNot run: it runs with `--postgres`.");
    expect(plain).not.toContain("| PostgreSQL: text check p95");
    const skipped = renderReport({ ...results(options(["--postgres"]), null, null), postgres: { ...postgres(100_000), skipped: "no PostgreSQL server binaries", index: null, checks: [], monitor: [] } });
    expect(skipped).toContain("## PostgreSQL (issue 11)\n\nSkipped: no PostgreSQL server binaries.");
    expect(targetRow(skipped, "PostgreSQL: text checks/s").slice(2)).toEqual(["—", "not measured", "—"]);
  });
});

describe("bench report: the training text", () => {
  it("says in its header that a run on our fixtures is not comparable with one on the shared samples", () => {
    const onFixtures = renderReport(results(options(), null, null));
    const header = (report: string) => report.split("\n").find((l) => l.startsWith("- Training text:"));
    expect(header(onFixtures)).toBe("- Training text: `test/fixtures/articles` (our fictional articles, as ../shared is absent: not comparable with a run on its real samples)");
    const shared = { ...results(options(), null, null), realism: { origin: "../shared/eval/data/ru-news-samples/articles.jsonl", kind: "shared samples" as const, real: profile, generated: profile } };
    expect(header(renderReport(shared))).toBe("- Training text: `../shared/eval/data/ru-news-samples/articles.jsonl` (real Russian news)");
  });
});

import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { request } from "undici";
import { dbFileBytes } from "../measure/db-size.ts";
import { peakRssBytes } from "../measure/process-stats.ts";
import { median, now } from "../measure/stats.ts";
import type { PassSummary } from "./app-under-test.ts";
import { addWatch, analyzeWith, DEFAULT_LEASE_MS, DEFAULT_RECHECK_AFTER_MS, openMonitor, runPass, UnreadablePageError } from "./app-under-test.ts";
import { startChildServer } from "./child-server.ts";
import { DEFAULT_POLICY, openEngine } from "./engine-under-test.ts";

export interface MonitorTask {
  phase: "monitor";
  repoRoot: string;
  /** An index the indexing phase built; the monitor records its cases into it. */
  db: string;
  sourceCount: number;
  pages: number;
  pageBytes: number;
  /** Jobs at once, and analyzer threads (0: pages are read and checked on the main thread). */
  concurrency: number;
  workers: number;
  /** Pages read and checked alone in one thread, before the pass and again after it. */
  baselinePages: number;
  seed: number;
}

/** The fixture site's make-up, as the phase hands it to the site's process (fixture-site.ts). */
export interface FixtureSite {
  repoRoot: string;
  seed: number;
  pages: number;
  /** Pages reuse sources 0..sourceCount-1 of the index the monitor checks against. */
  sourceCount: number;
  pageBytes: number;
  sitemapSize: number;
  feedItems: number;
}

export interface MonitorResult {
  sourceCount: number;
  pages: number;
  pageBytes: number;
  concurrency: number;
  workers: number;
  site: { sitemaps: number; feedItems: number };
  events: PassSummary["events"];
  casesOpened: number;
  /** Pages through the whole pipeline: checked, or found a duplicate or unchanged. */
  pagesDone: number;
  seconds: number;
  /** Pages per second over the whole pass, discovery and listings included. */
  rate: number;
  /** Pages per second of each tenth of the pass, in order, and their median. */
  windowRates: number[];
  medianWindowRate: number;
  /** The baseline: pages per second through reading and checking alone, in one thread, no fetch, no writes. */
  baseline: { pages: number; before: number; after: number; rate: number };
  /** `rate` ÷ `baseline.rate`. */
  ratio: number;
  /** CPU time of the process (main thread and analyzer threads) per page, in ms. */
  cpuMsPerPage: number;
  /** Share of the pass the main thread's event loop was busy. */
  mainBusy: number;
  /** The machine's 1-minute load average when the pass started and when it ended. */
  load: [number, number];
  /** Peak RSS of the process (analyzer threads included) before the pass, and over the whole phase. */
  rssBeforePass: number;
  peakRss: number;
  heapAfterPass: number;
  /** What the pass added to the database: evidence, checks, cases, URL states, queue. */
  dbGrowthBytes: number;
  /** A second pass right after, with nothing due. */
  idlePassMs: number;
}

/** URLs per sitemap file: a large site splits its archive, as the protocol's 50,000 cap makes it. */
const SITEMAP_SIZE = 5_000;
/** The feed lists the newest items, as news feeds do. */
const FEED_ITEMS = 50;

/** The fixture site of these pages, its archive split into sitemaps and its feed as a news site's are. */
export function fixtureSite(pages: Omit<FixtureSite, "sitemapSize" | "feedItems">): FixtureSite {
  return { ...pages, sitemapSize: SITEMAP_SIZE, feedItems: FEED_ITEMS };
}

/** Baseline pages read and checked untimed first: JIT and SQLite page cache, as the pass has them warm. */
const BASELINE_WARMUP = 10;
/** Pass windows whose rates are reported: tenths show a slowdown as the queue and the case tables grow. */
const WINDOWS = 10;
/** Failures logged one by one; past that only counted (a broken run would otherwise flood the log). */
const FAILURES_LOGGED = 10;

const SITE_ENTRY = fileURLToPath(new URL("./fixture-site.ts", import.meta.url));

interface FetchedPage {
  url: string;
  body: Uint8Array;
  contentType: string;
}

/** Baseline pages, fetched before anything is timed so that the baseline times reading and checking only. */
function fetchBaselinePages(siteUrl: string, count: number): Promise<FetchedPage[]> {
  return Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const url = `${siteUrl}/baseline/${i}`;
      const response = await request(url);
      const body = new Uint8Array(await response.body.arrayBuffer());
      if (response.statusCode !== 200) throw new Error(`fixture site: GET ${url} answered ${response.statusCode}`);
      return { url, body, contentType: String(response.headers["content-type"]) };
    }),
  );
}

/**
 * The baseline: pages per second through the monitor's analysis (`analyzeWith`: the page reader and
 * `engine.check`) in one thread, no fetch, no writes, after `BASELINE_WARMUP` untimed pages. On a connection of its own opened for the purpose, while no monitor
 * is open: the monitor's analyzer threads loading their code would otherwise share the cores with it.
 */
async function readAndCheckRate(db: string, pages: readonly FetchedPage[]): Promise<number> {
  const { engine, close } = openEngine(db);
  try {
    const analyze = analyzeWith(engine);
    // A page without extractable text is read in full before it is refused, as the monitor reads it: work done.
    const check = (page: FetchedPage) =>
      analyze({ body: page.body, contentType: page.contentType, url: page.url, finalUrl: page.url }, DEFAULT_POLICY).catch((error: unknown) => {
        if (!(error instanceof UnreadablePageError)) throw error;
      });
    for (const page of pages.slice(0, BASELINE_WARMUP)) await check(page);
    const timed = pages.slice(BASELINE_WARMUP);
    const t0 = now();
    for (const page of timed) await check(page);
    return (timed.length / (now() - t0)) * 1000;
  } finally {
    await close();
  }
}

type PassFigures = Pick<MonitorResult, "events" | "casesOpened" | "pagesDone" | "seconds" | "rate" | "windowRates" | "medianWindowRate" | "cpuMsPerPage" | "mainBusy" | "load" | "rssBeforePass" | "peakRss" | "heapAfterPass" | "idlePassMs">;

/** `watch add` of the site, one timed pass over it, then a second pass with nothing due. */
async function timePass(task: MonitorTask, siteUrl: string): Promise<PassFigures> {
  const monitor = openMonitor(task.db, { fetcher: { allowPrivate: true, perHostDelayMs: 0 }, workers: task.workers });
  try {
    await addWatch(monitor, `${siteUrl}/`);
    const rssBeforePass = peakRssBytes();
    const windowSize = Math.max(1, Math.ceil(task.pages / WINDOWS));
    const windowEnds: number[] = [];
    let done = 0;
    let failures = 0;
    const settings = { concurrency: task.concurrency, leaseMs: DEFAULT_LEASE_MS, recheckAfterMs: DEFAULT_RECHECK_AFTER_MS };
    const loadBefore = loadavg()[0]!;
    const cpuBefore = process.cpuUsage();
    const loopBefore = performance.eventLoopUtilization();
    const started = now();
    const pass = await runPass(monitor, {
      ...settings,
      onEvent: (event) => {
        if (event.type === "failed" && ++failures <= FAILURES_LOGGED) process.stderr.write(`  monitor: ${event.url} failed: ${event.reason} ${event.message}\n`);
        if (event.type !== "checked" && event.type !== "duplicate" && event.type !== "unchanged") return;
        done++;
        if (done % windowSize === 0) windowEnds.push(now());
        if (done % Math.max(windowSize, 1000) === 0) process.stderr.write(`  monitor: ${done}/${task.pages} pages, ${((done / (now() - started)) * 1000).toFixed(1)} pages/s\n`);
      },
    });
    const ms = now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    const mainBusy = performance.eventLoopUtilization(loopBefore).utilization;
    const loadAfter = loadavg()[0]!;
    const heapAfterPass = process.memoryUsage().heapUsed;

    const idleStart = now();
    await runPass(monitor, settings);
    const idlePassMs = now() - idleStart;

    const pagesDone = pass.events.checked + pass.events.duplicate + pass.events.unchanged;
    const windowRates = windowEnds.map((end, i) => (windowSize / (end - (i === 0 ? started : windowEnds[i - 1]!))) * 1000);
    return {
      events: pass.events,
      casesOpened: pass.casesOpened,
      pagesDone,
      seconds: ms / 1000,
      rate: (pagesDone / ms) * 1000,
      windowRates,
      medianWindowRate: median(windowRates),
      cpuMsPerPage: (cpu.user + cpu.system) / 1000 / Math.max(1, pagesDone),
      mainBusy,
      load: [loadBefore, loadAfter],
      rssBeforePass,
      peakRss: peakRssBytes(),
      heapAfterPass,
      idlePassMs,
    };
  } finally {
    await monitor.close();
  }
}

/**
 * The monitor's whole pipeline (issue 5) in this process, as `copyquota monitor --once` runs it: `watch add`
 * of a fixture site of generated pages (served by a child process on loopback), then one pass — discovery,
 * feed and sitemaps, and for every page fetch, decode, extract, check, and evidence, check record and cases
 * committed with its URL state. The fetcher's per-host politeness is off (bench only; private addresses
 * allowed, for loopback). The baseline reads and checks pages of the same kind in one thread, before the
 * pass and after it.
 */
export async function runMonitorPhase(task: MonitorTask): Promise<MonitorResult> {
  const site = fixtureSite({ repoRoot: task.repoRoot, seed: task.seed, pages: task.pages, sourceCount: task.sourceCount, pageBytes: task.pageBytes });
  const server = await startChildServer(SITE_ENTRY, [JSON.stringify(site)]);
  try {
    const baselinePages = await fetchBaselinePages(server.url, BASELINE_WARMUP + task.baselinePages);
    const before = await readAndCheckRate(task.db, baselinePages);
    process.stderr.write(`  monitor baseline before the pass: ${before.toFixed(1)} pages/s read and checked in one thread\n`);
    const dbBefore = dbFileBytes(task.db);
    const pass = await timePass(task, server.url);
    const dbGrowthBytes = dbFileBytes(task.db) - dbBefore;
    const after = await readAndCheckRate(task.db, baselinePages);
    process.stderr.write(`  monitor baseline after the pass: ${after.toFixed(1)} pages/s\n`);
    const baselineRate = (before + after) / 2;
    return {
      sourceCount: task.sourceCount,
      pages: task.pages,
      pageBytes: task.pageBytes,
      concurrency: task.concurrency,
      workers: task.workers,
      site: { sitemaps: Math.ceil(task.pages / SITEMAP_SIZE), feedItems: Math.min(FEED_ITEMS, task.pages) },
      ...pass,
      baseline: { pages: task.baselinePages, before, after, rate: baselineRate },
      ratio: pass.rate / baselineRate,
      dbGrowthBytes,
    };
  } finally {
    await server.stop();
  }
}

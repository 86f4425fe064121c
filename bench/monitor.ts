/**
 * `tsx bench/monitor.ts`: pages per second through the monitor's whole pipeline — discovery, sitemaps,
 * fetch, extract, check, cases with evidence — against a local site of generated news pages (10k by
 * default), with the fetcher's per-host politeness off. Writes docs/BENCHMARKS-MONITOR.md.
 *
 * The site runs in a child process (this file with `--serve-site`), so serving and generating pages does not
 * share the pipeline's event loop. Options: --pages N, --sources N, --page-bytes N, --concurrency N (jobs at
 * once, default 8), --workers N (analyzer threads, default one per core), --seed N, --out FILE (or --no-report).
 */
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { createNewsGenerator } from "./generator/news-generator.ts";
import { machineInfo } from "./measure/machine.ts";
import type { MachineInfo } from "./measure/machine.ts";
import { openMonitor } from "../src/monitor/open-monitor.ts";
import { addWatch } from "../src/monitor/manage-watchlist.ts";
import { runPass } from "../src/monitor/run-pass.ts";
import type { PassSummary } from "../src/monitor/events.ts";
import { readPage } from "../src/monitor/read-page.ts";

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SELF = fileURLToPath(import.meta.url);

interface Options {
  pages: number;
  sources: number;
  pageBytes: number;
  concurrency: number;
  workers: number;
  seed: number;
  out: string | null;
}

/** URLs per sitemap file: a large site splits its archive the way the protocol's 50,000 cap makes it. */
const SITEMAP_SIZE = 5_000;
/** The feed lists the newest items, as news feeds do. */
const FEED_ITEMS = 50;
/** Pages timed through extraction and check alone, to show what the pipeline adds around them. */
const BASELINE_PAGES = 300;
/** RSS is sampled this often during the pass: often enough to catch the peak of a 100 KB page's processing. */
const RSS_SAMPLE_MS = 50;

function parseOptions(argv: readonly string[]): Options {
  const options: Options = { pages: 10_000, sources: 10_000, pageBytes: 100_000, concurrency: 8, workers: availableParallelism(), seed: 1, out: path.join(REPO_ROOT, "docs/BENCHMARKS-MONITOR.md") };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = () => {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n < (flag === "--workers" ? 0 : 1)) throw new Error(`${flag} needs a whole number`);
      return n;
    };
    if (flag === "--pages") options.pages = value();
    else if (flag === "--sources") options.sources = value();
    else if (flag === "--page-bytes") options.pageBytes = value();
    else if (flag === "--concurrency") options.concurrency = value();
    else if (flag === "--workers") options.workers = value();
    else if (flag === "--seed") options.seed = value();
    else if (flag === "--out") options.out = path.resolve(argv[++i] ?? "");
    else if (flag === "--no-report") options.out = null;
    else throw new Error(`unknown option ${flag} (use --pages, --sources, --page-bytes, --concurrency, --workers, --seed, --out FILE, --no-report)`);
  }
  return options;
}

function log(message: string): void {
  process.stderr.write(`[bench monitor ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

/**
 * The fixture site: a home page announcing its feed, a robots.txt naming a sitemap index, sitemaps of
 * 5,000 pages, and the pages themselves, generated on request (a page is a pure function of its index) with
 * an ETag, as a real CMS serves them.
 */
async function serveSite(options: Options): Promise<void> {
  const generator = createNewsGenerator({ repoRoot: REPO_ROOT, seed: options.seed });
  const server = createServer((request, response) => {
    const origin = `http://${request.headers.host}`;
    const url = request.url ?? "/";
    const send = (body: string, type: string) => {
      const etag = `"${createHash("sha1").update(body).digest("hex").slice(0, 16)}"`;
      if (request.headers["if-none-match"] === etag) return void response.writeHead(304, { etag }).end();
      response.writeHead(200, { "content-type": `${type}; charset=utf-8`, etag }).end(body);
    };
    const page = /^\/news\/(\d+)$/.exec(url);
    const sitemap = /^\/sitemap-(\d+)\.xml$/.exec(url);
    const urlset = (from: number, to: number) =>
      `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${Array.from({ length: to - from }, (_, i) => `<url><loc>${origin}/news/${from + i}</loc></url>`).join("\n")}\n</urlset>`;
    if (url === "/robots.txt") send(`User-agent: *\nAllow: /\nSitemap: ${origin}/sitemap-index.xml\n`, "text/plain");
    else if (url === "/") send(`<!doctype html><html><head><title>Новости</title><link rel="alternate" type="application/rss+xml" href="/feed.xml"></head><body><h1>Новости</h1></body></html>`, "text/html");
    else if (url === "/feed.xml") {
      const items = Array.from({ length: Math.min(FEED_ITEMS, options.pages) }, (_, i) => `<item><title>Новость</title><link>${origin}/news/${options.pages - 1 - i}</link></item>`);
      send(`<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Новости</title>\n${items.join("\n")}\n</channel></rss>`, "application/rss+xml");
    } else if (url === "/sitemap-index.xml") {
      const count = Math.ceil(options.pages / SITEMAP_SIZE);
      send(`<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${Array.from({ length: count }, (_, k) => `<sitemap><loc>${origin}/sitemap-${k}.xml</loc></sitemap>`).join("\n")}\n</sitemapindex>`, "application/xml");
    } else if (sitemap) {
      const from = Number(sitemap[1]) * SITEMAP_SIZE;
      send(urlset(from, Math.min(options.pages, from + SITEMAP_SIZE)), "application/xml");
    } else if (page && Number(page[1]) < options.pages) {
      send(generator.htmlCandidate(Number(page[1]), options.sources, options.pageBytes).html, "text/html");
    } else response.writeHead(404, { "content-type": "text/plain" }).end("not found");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  process.stdout.write(`listening ${(server.address() as AddressInfo).port}\n`);
}

/** Starts the site in a child process and resolves with its origin once it listens. */
function startSiteProcess(options: Options): Promise<{ origin: string; child: ChildProcess }> {
  const args = [...process.execArgv, SELF, "--serve-site", "--pages", String(options.pages), "--sources", String(options.sources), "--page-bytes", String(options.pageBytes), "--seed", String(options.seed)];
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    let output = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const port = /listening (\d+)/.exec(output)?.[1];
      if (port) resolve({ origin: `http://127.0.0.1:${port}`, child });
    });
    child.on("exit", (code) => reject(new Error(`the fixture site exited (${code}) before listening`)));
  });
}

interface Results {
  options: Options;
  machine: MachineInfo;
  indexing: { seconds: number; rate: number };
  pass: PassSummary;
  seconds: number;
  pagesDone: number;
  rate: number;
  peakRssMb: number;
  heapAfterMb: number;
  dbMb: number;
  idlePassMs: number;
  baseline: { rate: number; pages: number };
  /** CPU time of this process (main thread and analyzer threads) per page, in ms. */
  cpuMsPerPage: number;
  /** Share of the pass the main thread's event loop was busy. */
  mainBusy: number;
  /** The machine's 1-minute load average when the pass started and ended. */
  load: [number, number];
}

async function main(options: Options): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), "copyquota-bench-monitor-"));
  const file = path.join(dir, "monitor.db");
  const site = await startSiteProcess(options);
  try {
    const generator = createNewsGenerator({ repoRoot: REPO_ROOT, seed: options.seed });
    const monitor = openMonitor(file, { fetcher: { allowPrivate: true, perHostDelayMs: 0 }, workers: options.workers });

    log(`indexing ${options.sources} generated sources`);
    let started = performance.now();
    for (let i = 0; i < options.sources; i++) {
      const source = generator.source(i);
      await monitor.engine.addSource(source.doc, { reference: source.reference });
    }
    const indexSeconds = (performance.now() - started) / 1000;

    log(`baseline: extract and check ${BASELINE_PAGES} pages in one thread, no fetch, no writes`);
    const policy = await monitor.policy();
    const baselinePages = Array.from({ length: BASELINE_PAGES }, (_, i) => Buffer.from(generator.htmlCandidate(options.pages + i, options.sources, options.pageBytes).html));
    started = performance.now();
    for (const [i, html] of baselinePages.entries()) {
      const url = `${site.origin}/baseline/${i}`;
      await monitor.engine.check(readPage(html, "text/html; charset=utf-8", url, url).doc, policy);
    }
    const baselineRate = BASELINE_PAGES / ((performance.now() - started) / 1000);

    await addWatch(monitor, `${site.origin}/`);
    log(`pass over ${options.pages} pages (${options.pageBytes} bytes each), ${options.concurrency} jobs at once, ${options.workers} analyzer thread(s), politeness off`);
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), RSS_SAMPLE_MS);
    let done = 0;
    const loadBefore = loadavg()[0]!;
    const cpuBefore = process.cpuUsage();
    const loopBefore = performance.eventLoopUtilization();
    started = performance.now();
    const pass = await runPass(monitor, {
      concurrency: options.concurrency,
      leaseMs: 60_000,
      recheckAfterMs: 86_400_000,
      onEvent: (event) => {
        if (event.type === "failed") log(`failed ${event.url}: ${event.reason} ${event.message}`);
        if (event.type === "checked" || event.type === "duplicate" || event.type === "unchanged") {
          if (++done % 1000 === 0) log(`${done} pages, ${(done / ((performance.now() - started) / 1000)).toFixed(1)} pages/s`);
        }
      },
    });
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const mainBusy = performance.eventLoopUtilization(loopBefore).utilization;
    const loadAfter = loadavg()[0]!;
    clearInterval(sampler);
    const heapAfter = process.memoryUsage().heapUsed;

    started = performance.now();
    await runPass(monitor, { concurrency: options.concurrency, leaseMs: 60_000, recheckAfterMs: 86_400_000 });
    const idlePassMs = performance.now() - started;
    await monitor.close();

    const pagesDone = pass.events.checked + pass.events.duplicate + pass.events.unchanged;
    const results: Results = {
      options,
      machine: machineInfo(REPO_ROOT),
      indexing: { seconds: indexSeconds, rate: options.sources / indexSeconds },
      pass,
      seconds,
      pagesDone,
      rate: pagesDone / seconds,
      peakRssMb: peakRss / 2 ** 20,
      heapAfterMb: heapAfter / 2 ** 20,
      dbMb: ["", "-wal"].reduce((sum, suffix) => sum + (statSize(file + suffix) ?? 0), 0) / 2 ** 20,
      idlePassMs,
      baseline: { rate: baselineRate, pages: BASELINE_PAGES },
      cpuMsPerPage: (cpu.user + cpu.system) / 1000 / pagesDone,
      mainBusy,
      load: [loadBefore, loadAfter],
    };
    log(`${pagesDone} pages in ${seconds.toFixed(1)} s: ${results.rate.toFixed(1)} pages/s; ${results.cpuMsPerPage.toFixed(1)} ms CPU per page; main thread busy ${(mainBusy * 100).toFixed(0)}%; peak RSS ${results.peakRssMb.toFixed(0)} MB; ${pass.casesOpened} cases opened; load ${loadBefore.toFixed(1)} → ${loadAfter.toFixed(1)}`);
    if (options.out) {
      writeFileSync(options.out, report(results));
      log(`wrote ${options.out}`);
    }
  } finally {
    site.child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

function statSize(file: string): number | null {
  try {
    return statSync(file).size;
  } catch {
    return null;
  }
}

/** Pages per second the issue asks of one process on this machine. */
const TARGET_RATE = 50;

function report(r: Results): string {
  const o = r.options;
  const e = r.pass.events;
  const m = r.machine;
  return `# Monitor benchmark

Pages per second through the monitor's whole pipeline, in one process: discovery of the site's feed and
sitemaps, reading a sitemap index and its sitemaps, then for every page a GET (politeness off, as the issue
asks for the bench only), charset decoding, extraction, the check against the index, and for every page that
reuses a source the evidence, the check record and its cases — each page committed in one transaction with
its URL state and its queue job.

Command: \`tsx bench/monitor.ts${o.pages !== 10_000 ? ` --pages ${o.pages}` : ""}${o.sources !== 10_000 ? ` --sources ${o.sources}` : ""}${o.pageBytes !== 100_000 ? ` --page-bytes ${o.pageBytes}` : ""}${o.concurrency !== 8 ? ` --concurrency ${o.concurrency}` : ""}${o.workers !== availableParallelism() ? ` --workers ${o.workers}` : ""}\`

Measured ${m.date.slice(0, 16).replace("T", " ")} UTC on ${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB; ${m.os}; Node ${m.node}; SQLite ${m.sqlite};
commit ${m.commit}${m.dirty ? " (with uncommitted changes in the working tree)" : ""}. The machine's load average was ${r.load[0].toFixed(1)} when the pass
started and ${r.load[1].toFixed(1)} when it ended${Math.max(...r.load) > m.cores ? ` — more runnable processes than its ${m.cores} cores, so the pass got only part of them and
the rate above understates what the pipeline does on an idle machine. The CPU time per page depends far less on the
load: ${m.cores} idle cores would run about ${((m.cores * 1000) / r.cpuMsPerPage).toFixed(0)} pages/s at that cost, if the main thread keeps up` : ""}.

## Set-up

- Index: ${o.sources.toLocaleString("en")} generated source articles (\`bench/generator\`), indexed in ${r.indexing.seconds.toFixed(1)} s (${r.indexing.rate.toFixed(0)} sources/s).
- Site: ${o.pages.toLocaleString("en")} generated news pages of about ${(o.pageBytes / 1000).toFixed(0)} KB of HTML each (the median news page:
  navigation, teasers, scripts around the article), the same mix of copies, excerpts, rewrites and unrelated
  news as the engine benchmark; served by a child process on 127.0.0.1 with ETags, listed in a sitemap index of
  ${Math.ceil(o.pages / SITEMAP_SIZE)} sitemap(s) and a feed of the newest ${FEED_ITEMS}.
- Monitor: \`watch add\` of the site, then one pass with ${o.concurrency} jobs at once and ${o.workers} analyzer thread(s)
  (extraction and check; the main thread fetches, hashes and commits), as \`copyquota monitor\` runs by default.

## Results

| measure | value |
|---|---|
| pages through the pipeline | ${r.pagesDone.toLocaleString("en")} (${e.checked} checked, ${e.duplicate} duplicates, ${e.failed} failed) |
| listings read | ${e.listed} |
| cases opened | ${r.pass.casesOpened.toLocaleString("en")} |
| pass time | ${r.seconds.toFixed(1)} s |
| **pages per second** | **${r.rate.toFixed(1)}** (target ≥ ${TARGET_RATE}: ${r.rate >= TARGET_RATE ? "met" : "not met"}) |
| CPU time per page (main thread and analyzer threads) | ${r.cpuMsPerPage.toFixed(1)} ms |
| main thread busy (fetching, hashing, committing) | ${(r.mainBusy * 100).toFixed(0)}% of the pass |
| extraction + check alone in one thread, same kind of pages, no fetch, no writes | ${r.baseline.rate.toFixed(1)} pages/s (${r.baseline.pages} pages) |
| peak RSS during the pass | ${r.peakRssMb.toFixed(0)} MB |
| JS heap after the pass | ${r.heapAfterMb.toFixed(0)} MB |
| database after the pass (sources, index, evidence, checks, cases, queue) | ${r.dbMb.toFixed(0)} MB |
| a second pass with nothing due | ${r.idlePassMs.toFixed(0)} ms |

The whole pipeline runs at ${(r.rate / r.baseline.rate).toFixed(2)}× the rate of extraction and check alone in one thread: the analyzer
threads spread the CPU-heavy part over the cores, while the main thread does the HTTP exchanges, hashing and
the transactions that store evidence, checks and cases (busy ${(r.mainBusy * 100).toFixed(0)}% of the time${r.mainBusy < 0.5 ? ", so it is not what limits the rate" : ""}).
${r.mainBusy < 0.5 ? `What limits the rate is extraction and the check of each page against the index, at ${(1000 / r.baseline.rate).toFixed(0)} ms a page in one
thread here: the monitor's own share of a page's cost (fetch, queue, dedupe, records) is small beside it, and
the pipeline goes as fast as the engine's per-page check allows on the cores it gets.` : ""}
Memory stays flat with the number of pages: the queue and the URL states live in SQLite, and a page is
dropped once its transaction commits.
`;
}

const argv = process.argv.slice(2);
if (argv[0] === "--serve-site") await serveSite(parseOptions(argv.slice(1)));
else await main(parseOptions(argv));

/**
 * `tsx bench/api.ts`: the HTTP API under load. Builds (or reuses) a generated archive of 100k sources,
 * starts the real server on it in a child process (so the load generator does not share its event loop),
 * and measures `POST /api/check` with generated plain-text candidates — each check recorded with its
 * evidence and cases, as in production — one client at a time (latency) and with concurrent clients
 * (throughput). It also times the web UI's first load in Chromium when Debian's chromium is installed.
 * Writes docs/BENCHMARKS-API.md. Everything runs on loopback and stops by itself.
 *
 *   tsx bench/api.ts [--sources 100000] [--db FILE] [--clients 8] [--requests 1500] [--out FILE]
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { Agent, request } from "undici";
import { createNewsGenerator } from "./generator/news-generator.ts";
import { machineInfo } from "./measure/machine.ts";
import { quantile } from "./measure/stats.ts";
import { createEngine } from "../src/engine/create-engine.ts";
import { SqliteSourceStore } from "../src/io/store/sqlite-source-store.ts";

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SELF = fileURLToPath(import.meta.url);
const KEY = "bench-admin-key-0123456789";
/** The generator's seed: the same as `npm run bench`, so `--db` can reuse an index it kept. */
const SEED = 20240314;
/** Requests before timing starts: JIT, SQLite page cache and connection set-up settle by then. */
const WARMUP = 100;
/** Targets from the issue: p95 of one check, and checks per second with concurrent clients. */
const TARGET_P95_MS = 50;
const TARGET_RATE = 200;
/** First loads of the UI timed in Chromium; the median is reported. */
const UI_LOADS = 5;

function log(message: string): void {
  process.stderr.write(`[bench api ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

if (process.argv.includes("--serve")) {
  await serveForBench(process.argv[process.argv.indexOf("--serve") + 1]!);
} else {
  await main();
}

/** The child: the real server (API and UI) on the benchmark's database, answering until its parent stops it. */
async function serveForBench(db: string): Promise<void> {
  const { openAppStores } = await import("../src/server/app-stores.ts");
  const { buildServer } = await import("../src/server/app.ts");
  const { ensureAdminKey } = await import("../src/server/auth/admin-key.ts");
  const stores = openAppStores(db, { fetcher: null });
  await ensureAdminKey(stores.auth, KEY);
  const app = await buildServer(stores, { webUi: true });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  process.stdout.write(`listening http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}\n`);
  process.once("SIGTERM", () => void app.close().then(() => stores.close()).then(() => process.exit(0)));
}

interface Options {
  sources: number;
  db: string | null;
  clients: number;
  requests: number;
  out: string;
}

function options(): Options {
  const { values } = parseArgs({
    options: {
      sources: { type: "string", default: "100000" },
      db: { type: "string" },
      clients: { type: "string", default: "8" },
      requests: { type: "string", default: "1500" },
      out: { type: "string", default: "docs/BENCHMARKS-API.md" },
    },
  });
  const int = (name: string, value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} ${JSON.stringify(value)}: must be a positive integer`);
    return n;
  };
  return { sources: int("sources", values.sources!), db: values.db ?? null, clients: int("clients", values.clients!), requests: int("requests", values.requests!), out: values.out! };
}

async function main(): Promise<void> {
  const opts = options();
  const generator = createNewsGenerator({ repoRoot: REPO_ROOT, seed: SEED });
  const tmp = mkdtempSync(path.join(tmpdir(), "copyquota-bench-api-"));
  const db = opts.db ?? path.join(tmp, "api.db");
  try {
    const indexSeconds = await ensureIndex(db, opts.sources, generator);
    const server = await startChild(db);
    try {
      const bodies = Array.from({ length: WARMUP + opts.requests * 2 }, (_, i) => {
        const { doc } = generator.textCandidate(i, opts.sources);
        return JSON.stringify({ url: `https://bench-${i % 97}.example/news/${i}`, text: doc.text, title: doc.title, published: doc.published });
      });
      const agent = new Agent({ connections: opts.clients, pipelining: 1 });
      log(`warming up with ${WARMUP} checks`);
      await load(server.url, agent, bodies.slice(0, WARMUP), 1);
      log(`${opts.requests} checks, one client`);
      const serial = await load(server.url, agent, bodies.slice(WARMUP, WARMUP + opts.requests), 1);
      log(`${opts.requests} checks, ${opts.clients} concurrent clients`);
      const concurrent = await load(server.url, agent, bodies.slice(WARMUP + opts.requests), opts.clients);
      await agent.close();
      const ui = await uiFirstLoad(server.url);
      const report = renderReport({ opts, indexSeconds, serial, concurrent, ui });
      writeFileSync(path.resolve(REPO_ROOT, opts.out), report);
      process.stdout.write(report);
    } finally {
      server.stop();
    }
  } finally {
    if (!opts.db) rmSync(tmp, { recursive: true, force: true });
  }
}

/** Indexes generated sources until the database holds `count`; returns the seconds spent, or null if reused. */
async function ensureIndex(db: string, count: number, generator: ReturnType<typeof createNewsGenerator>): Promise<number | null> {
  if (existsSync(db)) {
    const store = SqliteSourceStore.open(db);
    const have = await store.countSources();
    await store.close();
    if (have >= count) {
      log(`reusing ${db} (${have} sources)`);
      return null;
    }
    throw new Error(`${db} holds ${have} sources, fewer than --sources ${count}; give a fresh path or build it with npm run bench -- --keep`);
  }
  log(`indexing ${count} generated sources into ${db}`);
  // One writer loading in bulk: commits grouped, as `copyquota sources add` does.
  const store = SqliteSourceStore.open(db);
  store.groupCommits();
  const engine = createEngine(store);
  const close = () => store.close();
  const t0 = performance.now();
  for (let i = 0; i < count; i++) {
    const source = generator.source(i);
    await engine.addSource(source.doc, { reference: source.reference });
    if ((i + 1) % 10_000 === 0) log(`  ${i + 1}/${count}`);
  }
  await close();
  return (performance.now() - t0) / 1000;
}

function startChild(db: string): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, [...process.execArgv, SELF, "--serve", db], { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening (\S+)/.exec(out);
      if (match) resolve({ url: match[1]!, stop: () => child.kill("SIGTERM") });
    });
    child.on("exit", (code) => reject(new Error(`the server exited with ${code} before listening`)));
  });
}

interface LoadResult {
  requests: number;
  clients: number;
  seconds: number;
  latenciesMs: number[];
  violations: number;
  failures: number;
}

/** Sends every body once, from `clients` loops sharing one queue; each request is timed alone. */
async function load(url: string, agent: Agent, bodies: readonly string[], clients: number): Promise<LoadResult> {
  let next = 0;
  let violations = 0;
  let failures = 0;
  const latenciesMs: number[] = [];
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < bodies.length) {
        const body = bodies[next++]!;
        const start = performance.now();
        const response = await request(`${url}/api/check`, {
          method: "POST",
          dispatcher: agent,
          headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json" },
          body,
        });
        const text = await response.body.text();
        latenciesMs.push(performance.now() - start);
        if (response.statusCode !== 200) failures++;
        else if ((JSON.parse(text) as { verdict: string }).verdict === "violation") violations++;
      }
    }),
  );
  return { requests: bodies.length, clients, seconds: (performance.now() - t0) / 1000, latenciesMs, violations, failures };
}

/** Median time from navigation to the dashboard drawn (stats and cases loaded), logged in, in Chromium. */
async function uiFirstLoad(url: string): Promise<{ medianMs: number; loads: number } | null> {
  const chromium = process.env.COPYQUOTA_CHROMIUM ?? "/usr/bin/chromium";
  if (!existsSync(chromium)) {
    log(`no Chromium at ${chromium}: skipping the UI first-load timing (scripts/ensure-chromium.sh installs it)`);
    return null;
  }
  const { chromium: launcher } = await import("playwright-core");
  const profile = mkdtempSync(path.join(tmpdir(), "copyquota-bench-chromium-"));
  const context = await launcher.launchPersistentContext(profile, {
    executablePath: chromium,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${url}/`);
    await page.fill("#key", KEY);
    await page.click("form.login button[type=submit]");
    await page.waitForSelector(".cards");
    const times: number[] = [];
    for (let i = 0; i < UI_LOADS; i++) {
      const t0 = performance.now();
      await page.goto(`${url}/#/`, { waitUntil: "commit" });
      await page.reload();
      await page.waitForSelector(".cards");
      times.push(performance.now() - t0);
    }
    return { medianMs: quantile(times, 0.5), loads: UI_LOADS };
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

function renderReport(r: { opts: Options; indexSeconds: number | null; serial: LoadResult; concurrent: LoadResult; ui: { medianMs: number; loads: number } | null }): string {
  const machine = machineInfo(REPO_ROOT);
  const ms = (values: number[], q: number) => quantile(values, q).toFixed(1);
  const row = (name: string, l: LoadResult) =>
    `| ${name} | ${l.requests} | ${(l.requests / l.seconds).toFixed(0)} | ${ms(l.latenciesMs, 0.5)} | ${ms(l.latenciesMs, 0.95)} | ${ms(l.latenciesMs, 0.99)} | ${l.violations} | ${l.failures} |`;
  const p95 = quantile(r.serial.latenciesMs, 0.95);
  const rate = r.concurrent.requests / r.concurrent.seconds;
  return `# API benchmark

\`POST /api/check\` over HTTP on loopback against an index of ${r.opts.sources.toLocaleString("en-US")} generated sources (the
generator of \`npm run bench\`, seed ${SEED}). Each request is a generated plain-text candidate (the benchmark's reuse
mix: 40% reuse nothing, the rest fragments, full copies, rewrites and multi-source pages); the server extracts
nothing, runs the engine, stores the submitted bytes as evidence, records the check and opens or updates cases,
exactly as in production. The server runs in its own process; the load generator (undici, keep-alive) in another.

Command: \`tsx bench/api.ts --sources ${r.opts.sources} --clients ${r.opts.clients} --requests ${r.opts.requests}\`

Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB; ${machine.os}; Node ${machine.node}; SQLite ${machine.sqlite};
commit ${machine.commit}${machine.dirty ? " (with uncommitted changes)" : ""}; ${machine.date.slice(0, 10)}.
${r.indexSeconds === null ? "The index was reused from `--db`." : `Building the index took ${r.indexSeconds.toFixed(0)} s (${(r.opts.sources / r.indexSeconds).toFixed(0)} sources/s, generation included).`}

| clients | checks | checks/s | p50 ms | p95 ms | p99 ms | violations | failed |
|---|---|---|---|---|---|---|---|
${row("1", r.serial)}
${row(String(r.opts.clients), r.concurrent)}

Targets: p95 ≤ ${TARGET_P95_MS} ms for one check — measured ${p95.toFixed(1)} ms (${p95 <= TARGET_P95_MS ? "met" : "**not met**"});
≥ ${TARGET_RATE} checks/s with concurrent clients — measured ${rate.toFixed(0)} (${rate >= TARGET_RATE ? "met" : "**not met**"}).
With ${r.opts.clients} clients the latency includes the time a request waits for the server's single event loop
(SQLite calls are synchronous), so its p95 is the queueing figure, not the cost of one check.

UI first load (Chromium, logged in, reload of the dashboard until its cards are drawn, median of ${r.ui?.loads ?? 0}): ${r.ui ? `${r.ui.medianMs.toFixed(0)} ms (target ≤ 1000 ms: ${r.ui.medianMs <= 1000 ? "met" : "**not met**"})` : "not measured (no Chromium)"}.
`;
}

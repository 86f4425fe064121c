import { fileURLToPath } from "node:url";
import { Agent, request } from "undici";
import type { TextDocument } from "../../src/core/types.ts";
import { createNewsGenerator } from "../generator/news-generator.ts";
import { median, now } from "../measure/stats.ts";
import type { LoadStats } from "./api-load.ts";
import { latencyStats, sendChecks } from "./api-load.ts";
import type { ChildReport, ChildServer } from "./child-server.ts";
import { startChildServer } from "./child-server.ts";
import type { OpenEngine } from "./engine-under-test.ts";
import { DEFAULT_POLICY, openEngine } from "./engine-under-test.ts";
import type { UiFirstLoads, UiPage } from "./ui-first-load.ts";
import { CHROMIUM, timeUiFirstLoads } from "./ui-first-load.ts";

export interface ApiTask {
  phase: "api";
  repoRoot: string;
  /** The index the indexing phase built (and the check phase read); the server records its checks into it. */
  db: string;
  sourceCount: number;
  /** Checks per round from one client, and as many again from `clients` at once. */
  requests: number;
  clients: number;
  rounds: number;
  uiLoads: number;
  seed: number;
}

export interface ApiRound {
  /** One client: each check's latency is the cost of a check through the API. */
  serial: LoadStats;
  /** `clients` at once: the rate the server sustains; latencies include waiting for its event loop. */
  concurrent: LoadStats;
  /** `engine.check` in the load generator's process on the one-client candidates: no HTTP, no recording. */
  baseline: LoadStats;
}

export interface ApiResult {
  sourceCount: number;
  requests: number;
  clients: number;
  warmup: number;
  rounds: ApiRound[];
  /** The figures the issue sets targets for, medians over rounds. */
  serialP95Ms: number;
  concurrentRate: number;
  /** Medians over rounds of each round's API figure ÷ that round's baseline. */
  p95Ratio: number;
  serialRateRatio: number;
  concurrentRateRatio: number;
  /** Peak RSS of the server process over the phase. */
  serverPeakRss: number;
  /** UI first loads, or why they were not timed. */
  ui: UiFirstLoads | { skipped: string };
}

/**
 * The bench's admin key, as long as the server requires (`MIN_API_KEY_LENGTH`): the server is on loopback, lives for
 * one phase, and holds generated data only.
 */
export const API_KEY = "bench-admin-key-0123456789abcdefghijk";

/** Checks before timing: JIT, SQLite page cache and connection set-up settle by then, in both processes. */
const WARMUP = 20;

const SERVER_ENTRY = fileURLToPath(new URL("./api-server.ts", import.meta.url));

/** The phase's server on `db`, in a child process, taking `API_KEY` as its admin's key. */
export function startApiServer(db: string): Promise<ChildServer> {
  return startChildServer(SERVER_ENTRY, [db, API_KEY]);
}

/**
 * The HTTP API under load (issue 4): the real server on the index the engine phases used, in a child
 * process; generated text candidates posted to `POST /api/check` from one client and from several at once;
 * the same candidates through `engine.check` in this process as the baseline; then the UI's first loads.
 */
export async function runApiPhase(task: ApiTask): Promise<ApiResult> {
  const generator = createNewsGenerator({ repoRoot: task.repoRoot, seed: task.seed });
  const warmup = Math.min(WARMUP, task.requests);
  const docs = Array.from({ length: warmup + task.rounds * 2 * task.requests }, (_, i) => generator.textCandidate(i, task.sourceCount).doc);
  const server = await startApiServer(task.db);
  process.stderr.write(`  api: server listening at ${server.url}\n`);
  let measured: Omit<ApiResult, "serverPeakRss">;
  let stopped: ChildReport;
  try {
    measured = await measure(task, server.url, docs.slice(0, warmup), docs.slice(warmup));
  } finally {
    stopped = await server.stop();
  }
  return { ...measured, serverPeakRss: stopped.peakRss };
}

/** The baseline: each candidate through `engine.check` in this process, one at a time, timed alone. */
async function checkInProcess(engine: OpenEngine["engine"], batch: readonly TextDocument[]): Promise<LoadStats> {
  const latencies: number[] = [];
  let violations = 0;
  const started = now();
  for (const doc of batch) {
    const t0 = now();
    const result = await engine.check(doc, DEFAULT_POLICY);
    latencies.push(now() - t0);
    if (result.verdict === "violation") violations++;
  }
  return latencyStats(latencies, 1, (now() - started) / 1000, violations);
}

/** Warm-up, then each round: `requests` candidates from one client and in process, `requests` more from `clients` at once. */
async function measure(task: ApiTask, url: string, warmupDocs: readonly TextDocument[], docs: readonly TextDocument[]): Promise<Omit<ApiResult, "serverPeakRss">> {
  const body = (doc: TextDocument) => JSON.stringify({ url: doc.url, text: doc.text, title: doc.title, published: doc.published });
  const agent = new Agent({ connections: task.clients, pipelining: 1 });
  const { engine, close } = openEngine(task.db);
  try {
    await sendChecks(url, API_KEY, agent, warmupDocs.map(body), 1);
    await checkInProcess(engine, warmupDocs);
    const rounds: ApiRound[] = [];
    for (let round = 0; round < task.rounds; round++) {
      const serialDocs = docs.slice(round * 2 * task.requests, (round * 2 + 1) * task.requests);
      const concurrentDocs = docs.slice((round * 2 + 1) * task.requests, (round * 2 + 2) * task.requests);
      // Alternating which of the two goes first: neither profits from the other's warming of caches every time.
      let baseline: LoadStats;
      let serial: LoadStats;
      if (round % 2 === 0) {
        baseline = await checkInProcess(engine, serialDocs);
        serial = await sendChecks(url, API_KEY, agent, serialDocs.map(body), 1);
      } else {
        serial = await sendChecks(url, API_KEY, agent, serialDocs.map(body), 1);
        baseline = await checkInProcess(engine, serialDocs);
      }
      const concurrent = await sendChecks(url, API_KEY, agent, concurrentDocs.map(body), task.clients);
      rounds.push({ serial, concurrent, baseline });
      process.stderr.write(
        `  api round ${round + 1}/${task.rounds}: p95 ${serial.p95Ms.toFixed(1)} ms (in process ${baseline.p95Ms.toFixed(1)} ms), ` +
          `${concurrent.rate.toFixed(1)} checks/s with ${task.clients} clients (in process ${baseline.rate.toFixed(1)} /s)\n`,
      );
    }
    process.stderr.write(`  api: timing UI first loads\n`);
    const ui = await timeUi(url, agent, task.uiLoads);
    const m = (pick: (r: ApiRound) => number) => median(rounds.map(pick));
    return {
      sourceCount: task.sourceCount,
      requests: task.requests,
      clients: task.clients,
      warmup: warmupDocs.length,
      rounds,
      serialP95Ms: m((r) => r.serial.p95Ms),
      concurrentRate: m((r) => r.concurrent.rate),
      p95Ratio: m((r) => r.serial.p95Ms / r.baseline.p95Ms),
      serialRateRatio: m((r) => r.serial.rate / r.baseline.rate),
      concurrentRateRatio: m((r) => r.concurrent.rate / r.baseline.rate),
      ui,
    };
  } finally {
    await close();
    await agent.close();
  }
}

/**
 * The pages an editor opens first, each waited for until its data is drawn: the dashboard, the case list,
 * a case with its passages, the source list and a source's protected text (the case and source are the
 * newest the API holds, so they exist in any run); and the API reference a developer opens first, until
 * it lists the operations.
 */
async function timeUi(url: string, agent: Agent, loads: number): Promise<UiFirstLoads | { skipped: string }> {
  const newestId = async (path: string): Promise<number> => {
    const response = await request(`${url}${path}`, { dispatcher: agent, headers: { authorization: `Bearer ${API_KEY}` } });
    const text = await response.body.text();
    const first = response.statusCode === 200 ? (JSON.parse(text) as { items: Array<{ id: number }> }).items[0] : undefined;
    if (!first) throw new Error(`GET ${path} answered ${response.statusCode} without an item: ${text.slice(0, 200)}`);
    return first.id;
  };
  const pages: UiPage[] = [
    { name: "dashboard", path: "/#/", drawn: ".cards" },
    { name: "open cases", path: "/#/cases?status=open", drawn: "table.cases tbody tr" },
    { name: "case with passages", path: `/#/cases/${await newestId("/api/cases?limit=1")}`, drawn: ".text[data-side=source]" },
    { name: "sources", path: "/#/sources", drawn: "table.sources tbody tr" },
    { name: "source's protected text", path: `/#/sources/${await newestId("/api/sources?limit=1")}`, drawn: ".source-text" },
    { name: "API reference", path: "/api/docs", drawn: "[data-operation]" },
  ];
  const timed = await timeUiFirstLoads(url, API_KEY, pages, loads);
  if (timed === null) {
    process.stderr.write(`  no Chromium at ${CHROMIUM}: the UI first loads are not timed (scripts/ensure-chromium.sh installs it)\n`);
    return { skipped: `no Chromium at ${CHROMIUM}` };
  }
  return timed;
}

import type { ApiResult } from "./phases/api-phase.ts";
import type { LoadStats } from "./phases/api-load.ts";
import type { BenchResults } from "./results.ts";
import type { TargetRow } from "./report-format.ts";
import { median } from "./measure/stats.ts";
import { dec, int, mb, times } from "./report-format.ts";

/** Issue 4's targets: one check's p95 over HTTP, checks per second with concurrent clients, UI first load. */
export const API_TARGETS = { p95Ms: 50, concurrentRate: 200, uiFirstLoadMs: 1000 } as const;

/** Median and range over rounds, e.g. "41.2 (38.0–47.9)". */
function spread(values: readonly number[], digits = 1): string {
  const mid = dec(median(values), digits);
  return values.length > 1 ? `${mid} (${dec(Math.min(...values), digits)}–${dec(Math.max(...values), digits)})` : mid;
}

export function apiTargetRows(results: BenchResults): TargetRow[] {
  const run = results.api;
  const r = run?.result ?? null;
  const against = int(run?.against ?? results.options.checkAgainst);
  const ui = r && "pages" in r.ui ? r.ui : null;
  return [
    {
      what: `API: \`POST /api/check\` p95, one text candidate, ${against} sources`,
      target: `≤ ${API_TARGETS.p95Ms} ms`,
      measured: r ? `${dec(r.serialP95Ms)} ms` : null,
      ok: (r?.serialP95Ms ?? Infinity) <= API_TARGETS.p95Ms,
      baseline: r ? `${times(r.p95Ratio)} \`engine.check\` in process` : "—",
    },
    {
      what: `API: checks/s, ${results.options.apiClients} concurrent clients`,
      target: `≥ ${API_TARGETS.concurrentRate} /s`,
      measured: r ? `${dec(r.concurrentRate)} /s` : null,
      ok: (r?.concurrentRate ?? 0) >= API_TARGETS.concurrentRate,
      baseline: r ? `${times(r.concurrentRateRatio)} \`engine.check\` in process, one thread` : "—",
    },
    {
      what: `Web UI first load, slowest of ${ui?.pages.length ?? "its"} pages`,
      target: "≤ 1 s",
      measured: ui ? `${int(ui.slowestMs)} ms` : null,
      ok: (ui?.slowestMs ?? Infinity) <= API_TARGETS.uiFirstLoadMs,
      baseline: ui ? `${times(ui.slowestMs / ui.blankMs, 1)} a blank navigation` : "—",
    },
  ];
}

function loadRow(name: string, rounds: readonly LoadStats[]): string {
  const cells = [
    `${rounds[0]!.requests} × ${rounds.length}`,
    spread(rounds.map((x) => x.rate)),
    dec(median(rounds.map((x) => x.p50Ms))),
    spread(rounds.map((x) => x.p95Ms)),
    dec(Math.max(...rounds.map((x) => x.p99Ms))),
    String(rounds.reduce((s, x) => s + x.violations, 0)),
  ];
  return `| ${name} | ${cells.join(" | ")} |`;
}

function uiLines(r: ApiResult): string[] {
  if (!("pages" in r.ui)) return [`UI first loads: not timed (${r.ui.skipped}).`, ""];
  const ui = r.ui;
  const loads = ui.pages[0]?.loadsMs.length ?? 0;
  return [
    `Web UI (and API reference) first loads in headless Chromium: each load in a fresh browser context (empty cache) holding a logged-in`,
    "session cookie, from navigation until the page has drawn its data (the element the table names), on the same",
    `server and database right after the load rounds; median of ${loads} load(s) per page, going round the pages, after`,
    "a blank navigation and a dashboard load untimed. The baseline is a fresh context navigating to `/api/health` (a",
    "few bytes, nothing to run), timed in each round with the pages.",
    "",
    "| page | path | drawn when | first load, ms (median) | ÷ blank navigation |",
    "|---|---|---|---|---|",
    `| blank navigation (baseline) | \`/api/health\` | loaded | ${int(ui.blankMs)} | 1.0× |`,
    ...ui.pages.map((p) => `| ${p.name} | \`${p.path}\` | \`${p.drawn}\` | ${int(p.medianMs)} | ${times(p.medianMs / ui.blankMs, 1)} |`),
    "",
  ];
}

export function apiSection(results: BenchResults): string[] {
  const lines = ["## API (issue 4)", ""];
  const run = results.api;
  if (run === null) return [...lines, "Skipped (`--skip api`).", ""];
  const r = run.result;
  if (!r) return [...lines, `Against ${int(run.against)} sources: failed: ${run.failure}`, ""];
  lines.push(
    `\`POST /api/check\` over HTTP on loopback with generated plain-text candidates (the engine phases' reuse mix)`,
    `against the ${int(r.sourceCount)}-source index the indexing phase built and the check phase read. The server is the`,
    "product's (`buildServer` with the API and the web UI, as `npm start` serves them, without demo content or the",
    "monitor's scheduler) in a process of its own; the load generator (undici, keep-alive) runs in the phase's worker.",
    "Every check is recorded as in production: the submitted text stored as evidence, the check recorded, violations",
    `opening or updating cases. Each round sends ${r.requests} checks from one client (the latency of one check), then`,
    `${r.requests} others from ${r.clients} clients at once (the rate the server sustains; their latency includes waiting`,
    "for the server's one event loop). The baseline runs `engine.check` on the one-client round's candidates inside the",
    "load generator's process, without HTTP or recording, in the same round (alternately before and after the HTTP",
    "checks): the ratios say what the API adds to the engine, measured in the same minutes of the same machine.",
    `Medians over ${r.rounds.length} round(s), range in parentheses, after ${r.warmup} untimed checks each way.`,
    "",
    "| | checks × rounds | checks/s | p50 ms | p95 ms | p99 ms (worst round) | violations |",
    "|---|---|---|---|---|---|---|",
    loadRow("API, one client", r.rounds.map((x) => x.serial)),
    loadRow(`API, ${r.clients} clients`, r.rounds.map((x) => x.concurrent)),
    loadRow("baseline: `engine.check` in process", r.rounds.map((x) => x.baseline)),
    "",
    `API ÷ baseline (medians of each round's ratio): p95 ${times(r.p95Ratio)}, one-client rate ${times(r.serialRateRatio)},`,
    `${r.clients}-client rate ${times(r.concurrentRateRatio)}. Peak RSS of the server process: ${mb(r.serverPeakRss)}.`,
    "",
    ...uiLines(r),
  );
  return lines;
}

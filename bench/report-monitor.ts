import type { MachineInfo } from "./measure/machine.ts";
import type { MonitorResult } from "./phases/monitor-phase.ts";
import type { TargetRow } from "./report-format.ts";
import { dec, int, mb, pct, times } from "./report-format.ts";
import type { BenchResults } from "./results.ts";

/** Issue 5's target: pages per second through the whole pipeline, in one process on this machine. */
export const MONITOR_TARGET_RATE = 50;

export function monitorTargetRows(results: BenchResults): TargetRow[] {
  const run = results.monitor;
  const r = run?.result ?? null;
  return [
    {
      what: `Monitor: pages/s through fetch + extract + check + case, ${int(r?.pages ?? results.options.monitorPages)}-page site, ${int(run?.against ?? results.options.monitorAgainst)} sources`,
      target: `≥ ${MONITOR_TARGET_RATE} pages/s`,
      measured: r ? `${dec(r.rate)} pages/s` : null,
      ok: (r?.rate ?? 0) >= MONITOR_TARGET_RATE,
      baseline: r ? `${times(r.ratio)} read + check in one thread` : "—",
    },
  ];
}

/** What the load average says about the pass's figures: a machine busier than its cores gave the pass less. */
function loadNote(r: MonitorResult, machine: MachineInfo): string {
  const busy = Math.max(...r.load) > machine.cores;
  return (
    `The machine's 1-minute load average was ${dec(r.load[0])} when the pass started and ${dec(r.load[1])} when it ended` +
    (busy
      ? ` — more runnable processes than its ${machine.cores} cores, so the pass got only part of them. The CPU time\nper page depends far less on that: ${machine.cores} idle cores would run about ${int((machine.cores * 1000) / r.cpuMsPerPage)} pages/s at that cost, if the main thread kept up.`
      : ".")
  );
}

export function monitorSection(results: BenchResults): string[] {
  const lines = ["## Monitoring (issue 5)", ""];
  const run = results.monitor;
  if (run === null) return [...lines, "Skipped (`--skip monitor`).", ""];
  const r = run.result;
  if (!r) return [...lines, `Against ${int(run.against)} sources: failed: ${run.failure}`, ""];
  const e = r.events;
  const w = r.windowRates;
  const windows = w.length ? `${dec(r.medianWindowRate)} (${dec(Math.min(...w))}–${dec(Math.max(...w))}); first → last ${dec(w[0]!)} → ${dec(w[w.length - 1]!)}` : "—";
  lines.push(
    "The monitor's whole pipeline in one process, as `copyquota monitor --once` runs it: `watch add` of a fixture site,",
    "then one pass — discovery of the site's feed and sitemaps, the sitemap index and its sitemaps, and for every page",
    "a GET, charset decoding, extraction, the check against the index, and for each page that reuses a source the",
    "evidence, the check record and its cases, committed in one transaction with the page's URL state and queue job.",
    "The fetcher's per-host politeness (one request at a time per host, with a delay) is off, for the bench only.",
    `The site: ${int(r.pages)} generated news pages of ~${int(r.pageBytes / 1000)} KB (the HTML candidates of the check phase, same`,
    `reuse mix) served with ETags by a child process on 127.0.0.1, listed in a sitemap index of ${r.site.sitemaps} sitemap(s) and a`,
    `feed of the newest ${r.site.feedItems}. The index: the ${int(r.sourceCount)}-source one the indexing phase built. ${r.concurrency} jobs at once, ${r.workers}`,
    "analyzer thread(s) reading and checking pages (the main thread fetches, hashes and commits). The baseline reads",
    `and checks ${r.baseline.pages} pages of the same kind (fetched beforehand) in one thread with no fetch and no writes,`,
    "before the pass and again after it, in the same process.",
    "",
    "| measure | value |",
    "|---|---|",
    `| pages through the pipeline | ${int(r.pagesDone)} (${int(e.checked)} checked, ${int(e.duplicate)} duplicates, ${int(e.unchanged)} unchanged, ${int(e.failed)} failed) |`,
    `| listings read | ${int(e.listed)} |`,
    `| cases opened | ${int(r.casesOpened)} |`,
    `| pass time | ${dec(r.seconds)} s |`,
    `| **pages per second** (whole pass) | **${dec(r.rate)}** |`,
    `| pages per second of each tenth of the pass (the first includes discovery and sitemaps): median (range) | ${windows} |`,
    `| baseline: read + check alone in one thread, before / after the pass | ${dec(r.baseline.before)} / ${dec(r.baseline.after)} pages/s |`,
    `| **pipeline ÷ baseline** (mean of before and after) | **${times(r.ratio)}** |`,
    `| CPU time per page (main thread and analyzer threads) | ${dec(r.cpuMsPerPage)} ms |`,
    `| main thread busy (fetching, hashing, committing) | ${pct(r.mainBusy)} of the pass |`,
    `| peak RSS of the process (analyzer threads included): before the pass / over the phase | ${mb(r.rssBeforePass)} / ${mb(r.peakRss)} |`,
    `| JS heap of the main thread after the pass | ${mb(r.heapAfterPass)} |`,
    `| database growth (evidence, checks, cases, URL states, queue) | ${mb(r.dbGrowthBytes)} |`,
    `| a second pass right after, nothing due | ${int(r.idlePassMs)} ms |`,
    "",
    `With ${r.workers} analyzer thread(s) the pipeline could reach ${r.workers}× the one-thread baseline if fetching, queueing and`,
    `recording cost nothing and the cores were free; ${times(r.ratio)} is what it reached.`,
    loadNote(r, results.machine),
    "",
  );
  return lines;
}

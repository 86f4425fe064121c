import { createNewsGenerator } from "../generator/news-generator.ts";
import type { DbSize } from "../measure/db-size.ts";
import { measureDb } from "../measure/db-size.ts";
import { bytesWritten, cpuGauge, peakRssBytes } from "../measure/process-stats.ts";
import { median, now } from "../measure/stats.ts";
import { openEngine, tokenize, type OpenEngine } from "./engine-under-test.ts";

export interface IndexTask {
  phase: "index";
  repoRoot: string;
  db: string;
  sources: number;
  seed: number;
  /** Sources generated (untimed) before each timed stretch of indexing. */
  batch: number;
}

export interface IndexResult {
  sources: number;
  /** Seconds spent adding sources (the next ones analyzed in other threads, as `sources add` does) and the final close (commits are grouped, as in `sources add`), generation excluded. */
  seconds: number;
  /** CPU seconds (user + system) the process spent in those calls: well under `seconds` means waiting on I/O. */
  cpuSeconds: number;
  rate: number;
  /** Sources per second of each batch, in order: shows whether indexing slows as the index grows. */
  batchRates: number[];
  /** The same documents through `tokenize` alone (after they were indexed), the in-run baseline. */
  baselineRate: number;
  cpuGaugeMchars: number;
  meanChars: number;
  /** Peak RSS once the generator was warm and before the engine indexed anything, and at the end. */
  rssBeforeEngine: number;
  peakRss: number;
  /** Bytes written through write(2) while indexing, per source (WAL and checkpoint traffic). */
  writtenPerSource: number | null;
  db: DbSize;
}

/** What indexing measured, whatever database it wrote. */
export type IndexTiming = Omit<IndexResult, "db">;

export async function runIndexPhase(task: IndexTask): Promise<IndexResult> {
  const timing = await timeIndexing(task, async () => openEngine(task.db, { bulk: true }));
  return { ...timing, db: measureDb(task.db) };
}

/** Indexes `task.sources` generated sources through the engine `open` gives, timing the engine's calls only. */
export async function timeIndexing(task: Pick<IndexTask, "repoRoot" | "sources" | "seed" | "batch">, open: () => Promise<OpenEngine>): Promise<IndexTiming> {
  const generator = createNewsGenerator({ repoRoot: task.repoRoot, seed: task.seed });
  // Warm the generator (stem cache, JIT) so that its memory shows before the engine starts.
  for (let i = 0; i < Math.min(task.batch, task.sources); i++) generator.source(i);
  const rssBeforeEngine = peakRssBytes();
  const { addAll, close } = await open();
  let engineMs = 0;
  let cpuMs = 0;
  let baselineMs = 0;
  let chars = 0;
  const batchRates: number[] = [];
  const gauges: number[] = [];
  const writtenBefore = bytesWritten();
  let writtenDuringEngine = 0;
  const progressEvery = Math.max(task.batch, Math.floor(task.sources / 20));

  for (let start = 0; start < task.sources; start += task.batch) {
    const end = Math.min(task.sources, start + task.batch);
    const batch = [];
    for (let i = start; i < end; i++) batch.push(generator.source(i));
    const w0 = bytesWritten();
    const c0 = process.cpuUsage();
    const t0 = now();
    await addAll(batch);
    const ms = now() - t0;
    const cpu = process.cpuUsage(c0);
    cpuMs += (cpu.user + cpu.system) / 1000;
    const w1 = bytesWritten();
    if (w0 !== null && w1 !== null) writtenDuringEngine += w1 - w0;
    engineMs += ms;
    batchRates.push((batch.length / ms) * 1000);
    const texts = batch.map((s) => s.doc.text);
    const b0 = now();
    for (const text of texts) tokenize(text);
    baselineMs += now() - b0;
    for (const text of texts) chars += text.length;
    if (batchRates.length % 10 === 1) gauges.push(cpuGauge(texts.slice(0, 50)));
    if (end % progressEvery < task.batch || end === task.sources) {
      process.stderr.write(`  indexed ${end}/${task.sources}: ${((end / engineMs) * 1000).toFixed(0)} sources/s so far\n`);
    }
  }
  // Closing commits what a grouped transaction still holds: part of indexing.
  const closeStart = now();
  const closeCpu = process.cpuUsage();
  await close();
  engineMs += now() - closeStart;
  const closeUsage = process.cpuUsage(closeCpu);
  cpuMs += (closeUsage.user + closeUsage.system) / 1000;
  return {
    sources: task.sources,
    seconds: engineMs / 1000,
    cpuSeconds: cpuMs / 1000,
    rate: (task.sources / engineMs) * 1000,
    batchRates,
    baselineRate: (task.sources / baselineMs) * 1000,
    cpuGaugeMchars: median(gauges),
    meanChars: chars / task.sources,
    rssBeforeEngine,
    peakRss: peakRssBytes(),
    writtenPerSource: writtenBefore === null ? null : writtenDuringEngine / task.sources,
  };
}

import type { TextDocument } from "../../src/core/types.ts";
import type { CandidateTruth } from "../generator/candidates.ts";
import { createNewsGenerator } from "../generator/news-generator.ts";
import { cpuGauge, peakRssBytes } from "../measure/process-stats.ts";
import { median, now, quantile } from "../measure/stats.ts";
import { DEFAULT_POLICY, openEngine, pageToDocument, tokenize } from "./engine-under-test.ts";
import type { ReuseScore } from "./reuse-score.ts";
import { emptyScore, scoreCandidate } from "./reuse-score.ts";

export interface CheckTask {
  phase: "check";
  repoRoot: string;
  db: string;
  /** Sources in the index (candidates reuse only those). */
  sourceCount: number;
  kind: "text" | "html";
  candidates: number;
  rounds: number;
  seed: number;
  pageBytes: number;
}

export interface CheckRound {
  rate: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  /** For HTML: median milliseconds of extraction alone. */
  extractP50Ms: number | null;
  baselineRate: number;
}

export interface CheckResult {
  kind: "text" | "html";
  candidates: number;
  sourceCount: number;
  rounds: CheckRound[];
  /** Medians over rounds. */
  rate: number;
  p50Ms: number;
  p95Ms: number;
  extractP50Ms: number | null;
  baselineRate: number;
  /** The slowest candidates of the first round: kind, characters checked, milliseconds. */
  slowest: Array<{ kind: string; chars: number; ms: number }>;
  meanInputBytes: number;
  meanTextChars: number;
  cpuGaugeMchars: number;
  peakRss: number;
  score: ReuseScore;
}

interface Prepared {
  truth: CandidateTruth;
  text?: TextDocument;
  html?: { html: string; url: string };
}

export async function runCheckPhase(task: CheckTask): Promise<CheckResult> {
  const generator = createNewsGenerator({ repoRoot: task.repoRoot, seed: task.seed });
  const prepared: Prepared[] = [];
  for (let j = 0; j < task.candidates; j++) {
    if (task.kind === "text") {
      const c = generator.textCandidate(j, task.sourceCount);
      prepared.push({ truth: c.truth, text: c.doc });
    } else {
      const p = generator.htmlCandidate(j, task.sourceCount, task.pageBytes);
      prepared.push({ truth: p.candidate.truth, html: { html: p.html, url: p.url } });
    }
  }
  const expectedUrls = prepared.map((p) => new Set(p.truth.sources.map((i) => generator.source(i).doc.url)));
  const { engine, close } = openEngine(task.db);
  const rounds: CheckRound[] = [];
  const score = emptyScore();
  let slowest: CheckResult["slowest"] = [];
  let textChars = 0;
  const gauges: number[] = [];

  // A short untimed warm-up: JIT, SQLite page cache, stem memo.
  for (const p of prepared.slice(0, Math.min(10, prepared.length))) await engine.check(p.text ?? pageToDocument(p.html!.html, p.html!.url), DEFAULT_POLICY);

  for (let round = 0; round < task.rounds; round++) {
    const latencies: number[] = [];
    const extracts: number[] = [];
    const texts: string[] = [];
    for (const [j, p] of prepared.entries()) {
      const t0 = now();
      let doc = p.text;
      if (!doc) {
        doc = pageToDocument(p.html!.html, p.html!.url);
        extracts.push(now() - t0);
      }
      const result = await engine.check(doc, DEFAULT_POLICY);
      const ms = now() - t0;
      latencies.push(ms);
      texts.push(doc.text);
      if (round === 0) {
        scoreCandidate(score, expectedUrls[j]!, new Set(result.matches.map((m) => m.source.url)));
        slowest.push({ kind: p.truth.kind, chars: doc.text.length, ms });
        textChars += doc.text.length;
      }
    }
    const b0 = now();
    for (const text of texts) tokenize(text);
    const baselineMs = now() - b0;
    gauges.push(cpuGauge(texts.slice(0, 50)));
    const total = latencies.reduce((a, b) => a + b, 0);
    rounds.push({
      rate: (latencies.length / total) * 1000,
      p50Ms: quantile(latencies, 0.5),
      p95Ms: quantile(latencies, 0.95),
      maxMs: Math.max(...latencies),
      extractP50Ms: extracts.length ? quantile(extracts, 0.5) : null,
      baselineRate: (texts.length / baselineMs) * 1000,
    });
    process.stderr.write(`  ${task.kind} round ${round + 1}/${task.rounds}: ${rounds[round]!.rate.toFixed(1)} candidates/s, p95 ${rounds[round]!.p95Ms.toFixed(1)} ms\n`);
  }
  await close();
  slowest = slowest.sort((a, b) => b.ms - a.ms).slice(0, 5);
  const meanInputBytes =
    prepared.reduce((s, p) => s + Buffer.byteLength(p.html?.html ?? p.text!.text), 0) / Math.max(1, prepared.length);
  const extractRounds = rounds.map((r) => r.extractP50Ms).filter((x): x is number => x !== null);
  return {
    kind: task.kind,
    candidates: task.candidates,
    sourceCount: task.sourceCount,
    rounds,
    rate: median(rounds.map((r) => r.rate)),
    p50Ms: median(rounds.map((r) => r.p50Ms)),
    p95Ms: median(rounds.map((r) => r.p95Ms)),
    extractP50Ms: extractRounds.length ? median(extractRounds) : null,
    baselineRate: median(rounds.map((r) => r.baselineRate)),
    slowest,
    meanInputBytes,
    meanTextChars: textChars / Math.max(1, task.candidates),
    cpuGaugeMchars: median(gauges),
    peakRss: peakRssBytes(),
    score,
  };
}

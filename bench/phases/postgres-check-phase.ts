import { createNewsGenerator } from "../generator/news-generator.ts";
import { peakRssBytes } from "../measure/process-stats.ts";
import { now } from "../measure/stats.ts";
import { DEFAULT_POLICY, openPostgresEngine, tokenize } from "./engine-under-test.ts";
import type { ReuseScore } from "./reuse-score.ts";
import { emptyScore, scoreCandidate } from "./reuse-score.ts";
import { readyThenWait } from "./start-barrier.ts";

/** One of the client processes checking text candidates against a PostgreSQL index at once. */
export interface PostgresCheckTask {
  phase: "postgres-check";
  repoRoot: string;
  url: string;
  /** Sources in the index (candidates reuse only those). */
  sourceCount: number;
  /** This client's number: it checks candidates client × candidates … (client + 1) × candidates − 1. */
  client: number;
  candidates: number;
  seed: number;
  /** Where the clients meet before the timed checks (start-barrier.ts). */
  barrierDir: string;
}

export interface PostgresCheckResult {
  /** Milliseconds of each timed check, in order. */
  latencies: number[];
  /** Epoch milliseconds the timed checks started and ended. */
  startedAt: number;
  endedAt: number;
  /** The same texts through `tokenize` alone, after the checks, in this process: its baseline. */
  baselineRate: number;
  score: ReuseScore;
  peakRss: number;
}

/** Checks untimed first: JIT, the pool's connections, the server's caches. */
const WARMUP = 10;

/**
 * `engine.check` of generated text candidates with the default policy, one at a time, on a pool of this
 * process's own, as the check phase does on SQLite; the clients start together (start-barrier.ts).
 */
export async function runPostgresCheckPhase(task: PostgresCheckTask): Promise<PostgresCheckResult> {
  const generator = createNewsGenerator({ repoRoot: task.repoRoot, seed: task.seed });
  const first = task.client * task.candidates;
  const candidates = Array.from({ length: task.candidates }, (_, j) => generator.textCandidate(first + j, task.sourceCount));
  const expected = candidates.map((c) => new Set(c.truth.sources.map((i) => generator.source(i).doc.url)));
  const { engine, close } = await openPostgresEngine(task.url);
  try {
    for (const c of candidates.slice(0, WARMUP)) await engine.check(c.doc, DEFAULT_POLICY);
    await readyThenWait(task.barrierDir, String(task.client));
    const score = emptyScore();
    const latencies: number[] = [];
    const startedAt = Date.now();
    for (const [j, c] of candidates.entries()) {
      const t0 = now();
      const result = await engine.check(c.doc, DEFAULT_POLICY);
      latencies.push(now() - t0);
      scoreCandidate(score, expected[j]!, new Set(result.matches.map((m) => m.source.url)));
    }
    const endedAt = Date.now();
    const b0 = now();
    for (const c of candidates) tokenize(c.doc.text);
    const baselineRate = (candidates.length / (now() - b0)) * 1000;
    return { latencies, startedAt, endedAt, baselineRate, score, peakRss: peakRssBytes() };
  } finally {
    await close();
  }
}

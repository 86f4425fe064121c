import type { Worker } from "node:worker_threads";
import type { Policy } from "../core/policy/policy.ts";
import { PAGE_TIME_BUDGET_MS } from "../core/extract/page-bounds.ts";
import { threadRefusal } from "../io/threads/page-extractor.ts";
import { spawnWorker } from "../io/threads/spawn-worker.ts";
import { startTaskPool } from "../io/threads/task-pool.ts";
import type { Analysis, AnalyzePage, PageInput } from "./analyze-page.ts";
import type { Failure } from "./failure.ts";
import { DescribedFailure } from "./failure.ts";

/** A page for an analyzer thread, and the policy to check it by. */
export interface AnalyzerTask {
  input: PageInput;
  policy: Policy;
}

/** What an analyzer thread answers for one page. */
export type AnalyzerReply = { ok: true; analysis: Analysis } | { ok: false; failure: Failure };

/** Page analysis spread over worker threads, so one monitor process uses every core. */
export interface AnalyzerPool {
  analyze: AnalyzePage;
  /** Stops the threads; analyses still running are rejected. */
  close(): Promise<void>;
}

/**
 * Starts up to `size` analyzer threads reading the database `database` (a SQLite file or a PostgreSQL URL), one page at a time each, each page held
 * to `PAGE_TIME_BUDGET_MS`. A thread past the budget is stopped, a thread that dies (out of memory on a
 * hostile page, say) is replaced; either way only its page fails, with the reason.
 */
export function startAnalyzerPool(database: string, size: number): AnalyzerPool {
  const pool = startTaskPool<AnalyzerTask, AnalyzerReply>({ spawn: () => spawnAnalyzer(database), size, timeBudgetMs: PAGE_TIME_BUDGET_MS });
  return {
    async analyze(input, policy) {
      let reply: AnalyzerReply;
      try {
        reply = await pool.run({ input, policy });
      } catch (error) {
        const refusal = threadRefusal(error);
        throw new DescribedFailure({ reason: refusal.reason, message: `${input.url}: ${refusal.message}`, transient: false });
      }
      if (reply.ok) return reply.analysis;
      throw new DescribedFailure(reply.failure);
    },
    close: () => pool.close(),
  };
}

/**
 * Heap cap of an analyzer thread. The fetcher keeps at most 20 MiB of a page, whose DOM and text fit in a
 * fraction of this; a hostile page that makes extraction balloon past it kills only its thread (its page
 * fails with `extraction_failed`, a new thread takes over), never the monitor.
 */
const ANALYZER_HEAP_MB = 512;

function spawnAnalyzer(database: string): Worker {
  return spawnWorker(import.meta.url, "analyzer-worker", { workerData: { database }, resourceLimits: { maxOldGenerationSizeMb: ANALYZER_HEAP_MB } });
}

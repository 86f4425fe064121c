import { workerData } from "node:worker_threads";
import type { AnalyzerReply, AnalyzerTask } from "./analyzer-pool.ts";
import { createEngine } from "../engine/create-engine.ts";
import { openSourceStore } from "../io/storage/open-storage.ts";
import { serveTasks } from "../io/threads/serve-tasks.ts";
import { analyzeWith } from "./analyze-page.ts";
import { describeFailure } from "./failure.ts";

/**
 * A thread of the analyzer pool: its own read connection to the database (SQLite's WAL lets it read while
 * the main thread writes; PostgreSQL, a pool of its own) and its own engine; it answers each page with the analysis or the failure, described here
 * because an error's class does not survive the trip between threads.
 */
const { database } = workerData as { database: string };
const analyze = analyzeWith(createEngine(await openSourceStore(database)));

serveTasks<AnalyzerTask, AnalyzerReply>(async ({ input, policy }) => {
  try {
    return { ok: true, analysis: await analyze(input, policy) };
  } catch (error) {
    return { ok: false, failure: describeFailure(error) };
  }
});

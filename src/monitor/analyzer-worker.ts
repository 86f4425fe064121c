import { workerData } from "node:worker_threads";
import type { AnalyzerReply, AnalyzerTask } from "./analyzer-pool.ts";
import { createEngine } from "../engine/create-engine.ts";
import { SqliteSourceStore } from "../io/store/sqlite-source-store.ts";
import { openDatabase } from "../io/storage/sqlite-database.ts";
import { serveTasks } from "../io/threads/serve-tasks.ts";
import { analyzeWith } from "./analyze-page.ts";
import { describeFailure } from "./failure.ts";

/**
 * A thread of the analyzer pool: its own read connection to the database (WAL lets it read while the main
 * thread writes) and its own engine; it answers each page with the analysis or the failure, described here
 * because an error's class does not survive the trip between threads.
 */
const { file } = workerData as { file: string };
const analyze = analyzeWith(createEngine(new SqliteSourceStore(openDatabase(file))));

serveTasks<AnalyzerTask, AnalyzerReply>(async ({ input, policy }) => {
  try {
    return { ok: true, analysis: await analyze(input, policy) };
  } catch (error) {
    return { ok: false, failure: describeFailure(error) };
  }
});

import { parentPort, workerData } from "node:worker_threads";
import type { Policy } from "../core/policy/policy.ts";
import type { PageInput } from "./analyze-page.ts";
import type { AnalyzerReply } from "./analyzer-pool.ts";
import { createEngine } from "../engine/create-engine.ts";
import { openDatabase, SqliteSourceStore } from "../io/store/sqlite-source-store.ts";
import { analyzeWith } from "./analyze-page.ts";
import { describeFailure } from "./failure.ts";

/**
 * A thread of the analyzer pool: its own read connection to the database (WAL lets it read while the main
 * thread writes) and its own engine; it answers each page with the analysis or the failure, described here
 * because an error's class does not survive the trip between threads.
 */
const { file } = workerData as { file: string };
const analyze = analyzeWith(createEngine(new SqliteSourceStore(openDatabase(file))));

parentPort!.on("message", (message: { id: number; input: PageInput; policy: Policy }) => {
  void analyze(message.input, message.policy).then(
    (analysis): void => parentPort!.postMessage({ id: message.id, ok: true, analysis } satisfies AnalyzerReply),
    (error: unknown): void => parentPort!.postMessage({ id: message.id, ok: false, failure: describeFailure(error) } satisfies AnalyzerReply),
  );
});

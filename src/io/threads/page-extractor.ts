import { availableParallelism } from "node:os";
import type { ExtractedPage } from "../../core/types.ts";
import { PAGE_TIME_BUDGET_MS } from "../../core/extract/page-bounds.ts";
import type { PageRefusal } from "../../core/extract/page-refused.ts";
import { PageRefusedError } from "../../core/extract/page-refused.ts";
import { spawnWorker } from "./spawn-worker.ts";
import type { TaskPool } from "./task-pool.ts";
import { startTaskPool, TaskOverBudgetError, TaskThreadExitError } from "./task-pool.ts";

/** A page to extract in a thread. */
export interface ExtractionTask {
  html: string;
  pageUrl: string | undefined;
}

/** What an extraction thread answers. */
export type ExtractionReply = { ok: true; page: ExtractedPage } | { ok: false; reason: PageRefusal; message: string };

/**
 * Extraction threads: one per core. The caller's thread mostly waits on them, and a hostile page held to
 * its time budget then occupies one thread while the other pages go on through the rest.
 */
const EXTRACTION_THREADS = availableParallelism();

/**
 * Heap cap of an extraction thread. The largest page accepted is 16 MiB (`MAX_DECODED_BYTES`), whose DOM
 * within the element cap fits in a fraction of this; a page that makes extraction balloon past it kills
 * only its thread (the page is refused as `extraction_failed`), never the process.
 */
const EXTRACTION_HEAP_MB = 512;

/**
 * The process's extraction threads, started with the first page. One pool serves every caller (the API's
 * checks and uploads, the command line's inputs), so the threads are shared rather than multiplied; idle,
 * they do not keep a process alive.
 */
let pool: TaskPool<ExtractionTask, ExtractionReply> | null = null;

/**
 * `extractPage` in a worker thread, so that parsing and Readability never hold the caller's event loop,
 * held to `PAGE_TIME_BUDGET_MS`: a page past it has its thread stopped and replaced.
 * @throws PageRefusedError naming the reason: past a cap, over the time budget, or its thread died.
 */
export async function extractPageOffThread(html: string, pageUrl?: string): Promise<ExtractedPage> {
  pool ??= startTaskPool<ExtractionTask, ExtractionReply>({
    spawn: () => spawnWorker(import.meta.url, "extract-worker", { resourceLimits: { maxOldGenerationSizeMb: EXTRACTION_HEAP_MB } }),
    size: EXTRACTION_THREADS,
    timeBudgetMs: PAGE_TIME_BUDGET_MS,
  });
  let reply: ExtractionReply;
  try {
    reply = await pool.run({ html, pageUrl });
  } catch (error) {
    throw threadRefusal(error);
  }
  if (!reply.ok) throw new PageRefusedError(reply.reason, reply.message);
  return reply.page;
}

/** The refusal a page's thread failing stands for. */
export function threadRefusal(error: unknown): PageRefusedError {
  if (error instanceof TaskOverBudgetError) {
    return new PageRefusedError("over_time_budget", `reading the page took longer than the limit of ${error.budgetMs / 1000} s; it was stopped`);
  }
  if (error instanceof TaskThreadExitError) {
    return new PageRefusedError("extraction_failed", `the thread reading the page stopped (exit code ${error.exitCode}; out of memory?)`);
  }
  return new PageRefusedError("extraction_failed", `the page could not be read (${error instanceof Error ? error.message : String(error)})`);
}

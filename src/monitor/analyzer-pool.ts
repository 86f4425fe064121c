import type { Worker } from "node:worker_threads";
import { spawnWorker } from "../io/threads/spawn-worker.ts";
import type { Analysis, AnalyzePage } from "./analyze-page.ts";
import type { Failure } from "./failure.ts";
import { DescribedFailure } from "./failure.ts";

/** What an analyzer thread answers for one page. */
export type AnalyzerReply = { id: number; ok: true; analysis: Analysis } | { id: number; ok: false; failure: Failure };

/** Page analysis spread over worker threads, so one monitor process uses every core. */
export interface AnalyzerPool {
  analyze: AnalyzePage;
  /** Stops the threads; analyses still running are rejected. */
  close(): Promise<void>;
}

interface Pending {
  resolve(analysis: Analysis): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  pending: Map<number, Pending>;
}

/**
 * Starts `size` analyzer threads reading the database `file`. A page goes to the thread with the fewest pages
 * in hand; a thread that dies (out of memory on a hostile page, say) fails its pages and is replaced.
 */
export function startAnalyzerPool(file: string, size: number): AnalyzerPool {
  let nextId = 0;
  let closing = false;
  const slots: Slot[] = [];

  const start = (index: number): Slot => {
    const slot: Slot = { worker: spawnAnalyzer(file), pending: new Map() };
    slot.worker.on("message", (reply: AnalyzerReply) => {
      const pending = slot.pending.get(reply.id);
      if (pending === undefined) return;
      slot.pending.delete(reply.id);
      if (reply.ok) pending.resolve(reply.analysis);
      else pending.reject(new DescribedFailure(reply.failure));
    });
    // An uncaught error is followed by "exit"; the pages in hand fail there.
    slot.worker.on("error", () => undefined);
    slot.worker.on("exit", (code) => {
      const failure = { reason: "internal_error", message: `the analysis thread stopped (exit code ${code}) while reading this page`, transient: false };
      for (const pending of slot.pending.values()) pending.reject(new DescribedFailure(failure));
      slot.pending.clear();
      if (!closing) slots[index] = start(index);
    });
    return slot;
  };
  for (let i = 0; i < size; i++) slots.push(start(i));

  return {
    analyze(input, policy) {
      if (closing) return Promise.reject(new Error("the analyzer pool is closed"));
      const slot = slots.reduce((least, candidate) => (candidate.pending.size < least.pending.size ? candidate : least));
      const id = nextId++;
      return new Promise<Analysis>((resolve, reject) => {
        slot.pending.set(id, { resolve, reject });
        slot.worker.postMessage({ id, input, policy });
      });
    },
    async close() {
      closing = true;
      await Promise.all(slots.map((slot) => slot.worker.terminate()));
    },
  };
}

/**
 * Heap cap of an analyzer thread. The fetcher keeps at most 20 MiB of a page, whose DOM and text fit in a
 * fraction of this; a hostile page that makes extraction balloon past it kills only its thread (its page
 * fails with `internal_error`, a new thread takes over), never the monitor.
 */
const ANALYZER_HEAP_MB = 512;

function spawnAnalyzer(file: string): Worker {
  return spawnWorker(import.meta.url, "analyzer-worker", { workerData: { file }, resourceLimits: { maxOldGenerationSizeMb: ANALYZER_HEAP_MB } });
}

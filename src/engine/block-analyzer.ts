import type { AnalyzedBlock } from "../core/boilerplate/analyze-blocks.ts";
import type { Worker } from "node:worker_threads";
import { availableParallelism } from "node:os";
import { spawnWorker } from "../io/threads/spawn-worker.ts";

/**
 * Analyzer threads for loading many sources: one per core but the writer's. Analysis (~0.3 ms a source)
 * now costs less than writing (~0.45 ms), so the writer sets the pace, and an analyzer thread more than
 * the cores leaves it sharing its core: on two cores, 2,470 sources/s with one analyzer thread against
 * 2,437 with two (medians of three alternating runs of 60,000 generated sources, scratch measure).
 */
export const ANALYZER_THREADS = Math.max(1, availableParallelism() - 1);

/** What a block analyzer thread answers for one text: its analyzed blocks, less their texts. */
export type BlockAnalyzerReply = { id: number; blocks: Array<Omit<AnalyzedBlock, "text">> } | { id: number; error: string };

/** `analyzeBlocks` run in other threads, so that analyzing sources overlaps writing them. */
export interface BlockAnalyzer {
  analyze(text: string): Promise<AnalyzedBlock[]>;
  /** Stops the threads; analyses still running are rejected. */
  close(): Promise<void>;
}

interface Pending {
  text: string;
  resolve(blocks: AnalyzedBlock[]): void;
  reject(error: Error): void;
}

/**
 * Up to `size` threads running `analyzeBlocks`, started on the first text (a command adding one page
 * never pays for a thread). A text goes to the thread with the fewest in hand; a thread that dies fails
 * the texts it held, and the caller analyzes those itself.
 */
export function startBlockAnalyzer(size: number): BlockAnalyzer {
  let nextId = 0;
  let closed = false;
  const threads: Array<{ worker: Worker; pending: Map<number, Pending> }> = [];

  const start = () => {
    const thread = { worker: spawnWorker(import.meta.url, "block-analyzer-worker", {}), pending: new Map<number, Pending>() };
    thread.worker.on("message", (reply: BlockAnalyzerReply) => {
      const pending = thread.pending.get(reply.id);
      thread.pending.delete(reply.id);
      if (pending === undefined) return;
      if ("blocks" in reply) pending.resolve(reply.blocks.map((block) => Object.assign(block, { text: pending.text.slice(block.start, block.end) })));
      else pending.reject(new Error(reply.error));
    });
    thread.worker.on("error", () => undefined);
    thread.worker.on("exit", (code) => {
      for (const pending of thread.pending.values()) pending.reject(new Error(`the block analyzer thread stopped (exit code ${code})`));
      thread.pending.clear();
      const index = threads.indexOf(thread);
      if (index >= 0) threads.splice(index, 1);
    });
    threads.push(thread);
    return thread;
  };

  return {
    analyze(text) {
      if (closed) return Promise.reject(new Error("the block analyzer is closed"));
      const idle = threads.find((t) => t.pending.size === 0);
      const thread = idle ?? (threads.length < size ? start() : threads.reduce((a, b) => (b.pending.size < a.pending.size ? b : a)));
      const id = nextId++;
      return new Promise<AnalyzedBlock[]>((resolve, reject) => {
        thread.pending.set(id, { text, resolve, reject });
        thread.worker.postMessage({ id, text });
      });
    },
    async close() {
      closed = true;
      await Promise.all(threads.map((t) => t.worker.terminate()));
    },
  };
}

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

/** What a block analyzer thread answers for one text: its analyzed blocks, packed. */
export type BlockAnalyzerReply = { id: number; blocks: PackedBlocks } | { id: number; error: string };

/**
 * A text's analyzed blocks, less their texts (the writer has the text), as a few arrays rather than objects
 * per block. Analyses wait in the writer's queue, hundreds ahead, long enough to outlive the collector's
 * young generation, and every object in them was copied once or twice: with the blocks as objects, the
 * writer's thread spent ~60 µs a source collecting, ~30 of them on the queue (scratch measure, 20k sources).
 */
export interface PackedBlocks {
  /** Each block's start and end in the text and the end of its words in `words`, in turn. */
  spans: Int32Array;
  /** The blocks' keys, space-separated. */
  keys: string;
  patterns: Array<string | null>;
  /** The codes of all the blocks' words, then their sentence numbers. */
  words: Uint32Array;
}

export function packBlocks(blocks: readonly AnalyzedBlock[]): PackedBlocks {
  const spans = new Int32Array(3 * blocks.length);
  const count = blocks.reduce((sum, block) => sum + block.words.codes.length, 0);
  const words = new Uint32Array(2 * count);
  let word = 0;
  blocks.forEach((block, i) => {
    words.set(block.words.codes, word);
    words.set(block.words.sentences, count + word);
    word += block.words.codes.length;
    spans.set([block.start, block.end, word], 3 * i);
  });
  return { spans, keys: blocks.map((block) => block.key).join(" "), patterns: blocks.map((block) => block.pattern), words };
}

/** The blocks `packBlocks` packed, their texts cut from `text`. */
export function unpackBlocks({ spans, keys, patterns, words }: PackedBlocks, text: string): AnalyzedBlock[] {
  const count = words.length / 2;
  const split = keys === "" ? [] : keys.split(" ");
  let first = 0;
  return patterns.map((pattern, i) => {
    const [start, end, last] = [spans[3 * i]!, spans[3 * i + 1]!, spans[3 * i + 2]!];
    const block = { start, end, text: text.slice(start, end), key: split[i]!, pattern, words: { codes: words.subarray(first, last), sentences: words.subarray(count + first, count + last) } };
    first = last;
    return block;
  });
}

/** `analyzeBlocks` run in other threads, so that analyzing sources overlaps writing them. */
export interface BlockAnalyzer {
  /** The text's blocks, packed: `unpackBlocks` gives them when they are needed. */
  analyze(text: string): Promise<PackedBlocks>;
  /** Stops the threads; analyses still running are rejected. */
  close(): Promise<void>;
}

interface Pending {
  resolve(blocks: PackedBlocks): void;
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
      if ("blocks" in reply) pending.resolve(reply.blocks);
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
      return new Promise<PackedBlocks>((resolve, reject) => {
        thread.pending.set(id, { resolve, reject });
        thread.worker.postMessage({ id, text });
      });
    },
    async close() {
      closed = true;
      await Promise.all(threads.map((t) => t.worker.terminate()));
    },
  };
}

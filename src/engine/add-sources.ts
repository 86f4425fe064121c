import type { TextDocument } from "../core/types.ts";
import type { SourceBulkWriter } from "../io/store/source-bulk-writer.ts";
import type { AddedSource } from "./engine.ts";
import { analyzeBlocks, type AnalyzedBlock } from "../core/boilerplate/analyze-blocks.ts";
import { unpackBlocks, type BlockAnalyzer, type PackedBlocks } from "./block-analyzer.ts";

/** A source to add, as `Engine.addSource` takes it. */
export interface SourceToAdd {
  doc: TextDocument;
  reference: boolean;
}

/** Adds a source through a bulk writer, given its text's blocks (`analyzeBlocks`). */
export type AddAnalyzedSource = (writer: SourceBulkWriter, source: SourceToAdd, blocks: readonly AnalyzedBlock[]) => Promise<AddedSource>;

export interface AddSourcesOptions<T> {
  /** The source an item holds, or null for an item to pass through unadded (an input that failed to read). */
  source(item: T): SourceToAdd | null;
  /** What the sources are written through, from `Storage.bulkWriter`; the caller closes it. */
  writer: SourceBulkWriter;
  analyzer: BlockAnalyzer;
  /**
   * Items read and analyzed ahead of the one being written, so analysis (~0.3 ms a source) and writing
   * (~0.45 ms) overlap. A group commit stops the writer for a hundred ms or more, in which the analyzer gets
   * through a few hundred sources; with only 64 ahead it idled, and 100k sources were indexed at 994/s
   * instead of 1,099/s (when both were slower), and 128 ahead still gave ~12% less than 512 (medians of three
   * alternating runs of 60k sources, scratch). 512 texts of a few KB are a few MB.
   */
  ahead?: number;
}

/**
 * Adds sources in input order, yielding each item with what adding it gave, while the items after it are
 * read and analyzed in other threads. Reading runs on its own, so a slow input (pages fetched one by one)
 * is written as it arrives; an item that arrives while the writer waits for one is analyzed where it is
 * written, as is one the analyzer fails on, so a single page never starts a thread.
 */
export async function* addSources<T>(
  add: AddAnalyzedSource,
  items: AsyncIterable<T> | Iterable<T>,
  options: AddSourcesOptions<T>,
): AsyncGenerator<{ item: T; added: AddedSource | null }> {
  const ahead = Math.max(1, options.ahead ?? 512);
  const queue: Array<{ item: T; source: SourceToAdd | null; analysis: Promise<PackedBlocks> | null }> = [];
  let finished = false;
  let stopped = false;
  let failure: { error: unknown } | null = null;
  let writerWaiting = false;
  // The reader waits only while the queue is full and the writer only while it is empty, so one slot serves both.
  let wake: (() => void) | undefined;
  const signal = () => {
    const resolve = wake;
    wake = undefined;
    resolve?.();
  };
  const wait = () => new Promise<void>((resolve) => (wake = resolve));

  const reading = (async () => {
    try {
      for await (const item of items) {
        while (queue.length >= ahead && !stopped) await wait();
        if (stopped) return;
        const source = options.source(item);
        let analysis: Promise<PackedBlocks> | null = null;
        if (source !== null && !writerWaiting) {
          analysis = options.analyzer.analyze(source.doc.text);
          // Failures are handled where the analysis is awaited; this keeps an unawaited one from being unhandled.
          analysis.catch(() => undefined);
        }
        queue.push({ item, source, analysis });
        signal();
      }
    } catch (error) {
      failure = { error };
    } finally {
      finished = true;
      signal();
    }
  })();

  try {
    for (;;) {
      if (failure !== null) throw (failure as { error: unknown }).error;
      const current = queue.shift();
      if (current === undefined) {
        if (finished) return;
        writerWaiting = true;
        await wait();
        writerWaiting = false;
        continue;
      }
      signal();
      if (current.source === null) {
        yield { item: current.item, added: null };
        continue;
      }
      const { text } = current.source.doc;
      const packed = current.analysis === null ? undefined : await current.analysis.catch(() => undefined);
      const blocks = packed === undefined ? analyzeBlocks(text) : unpackBlocks(packed, text);
      yield { item: current.item, added: await add(options.writer, current.source, blocks) };
    }
  } finally {
    stopped = true;
    signal();
    await reading;
  }
}

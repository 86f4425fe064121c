import type { TextDocument } from "../core/types.ts";
import type { BlockAnalyzer } from "./block-analyzer.ts";
import type { AddedSource, Engine } from "./engine.ts";

/** A source to add, as `Engine.addSource` takes it. */
export interface SourceToAdd {
  doc: TextDocument;
  reference: boolean;
}

export interface AddSourcesOptions<T> {
  /** The source an item holds, or null for an item to pass through unadded (an input that failed to read). */
  source(item: T): SourceToAdd | null;
  analyzer: BlockAnalyzer;
  /**
   * Items read and analyzed ahead of the one being written. Analysis (~0.6 ms a source) and writing
   * (~0.5 ms) then overlap on two cores; 64 texts of a few KB keep the analyzer busy through a group
   * commit's pause without holding much memory.
   */
  ahead?: number;
}

/**
 * Adds sources in input order while the items after them are analyzed in other threads, yielding each item
 * with what adding it gave. An item with no lookahead behind it (a single page) is analyzed here, so a
 * small batch starts no thread; a text the analyzer fails on is analyzed here too.
 */
export async function* addSources<T>(
  engine: Engine,
  items: AsyncIterable<T> | Iterable<T>,
  options: AddSourcesOptions<T>,
): AsyncGenerator<{ item: T; added: AddedSource | null }> {
  const ahead = options.ahead ?? 64;
  const iterator = Symbol.asyncIterator in items ? items[Symbol.asyncIterator]() : toAsync(items[Symbol.iterator]());
  const queue: Array<{ item: T; source: SourceToAdd | null; analysis: ReturnType<BlockAnalyzer["analyze"]> | null }> = [];
  let exhausted = false;
  for (;;) {
    while (!exhausted && queue.length <= ahead) {
      const next = await iterator.next();
      if (next.done) exhausted = true;
      else queue.push({ item: next.value, source: options.source(next.value), analysis: null });
    }
    const current = queue.shift();
    if (current === undefined) return;
    for (const waiting of queue) {
      if (waiting.source !== null && waiting.analysis === null) {
        waiting.analysis = options.analyzer.analyze(waiting.source.doc.text);
        // Failures are handled where the analysis is awaited; this keeps an unawaited one from being unhandled.
        waiting.analysis.catch(() => undefined);
      }
    }
    if (current.source === null) {
      yield { item: current.item, added: null };
      continue;
    }
    const blocks = current.analysis === null ? undefined : await current.analysis.catch(() => undefined);
    yield { item: current.item, added: await engine.addSource(current.source.doc, { reference: current.source.reference, blocks }) };
  }
}

async function* toAsync<T>(iterator: Iterator<T>): AsyncGenerator<T> {
  for (let next = iterator.next(); !next.done; next = iterator.next()) yield next.value;
}

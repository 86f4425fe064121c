/**
 * The only place the benchmark touches the engine: opening a store, wiring the engine, extracting a page.
 * Kept in one file so that an interface change in the engine is one edit here.
 */
import { createEngine } from "../../src/engine/create-engine.ts";
import type { Engine } from "../../src/engine/engine.ts";
import type { SourceToAdd } from "../../src/engine/add-sources.ts";
import { ANALYZER_THREADS, startBlockAnalyzer, type BlockAnalyzer } from "../../src/engine/block-analyzer.ts";
import { SqliteSourceStore } from "../../src/io/store/sqlite-source-store.ts";
import { openSourceStore, openStorage } from "../../src/io/storage/open-storage.ts";
import { openSqliteStorage } from "../../src/io/storage/sqlite-storage.ts";
import type { Storage } from "../../src/io/storage/storage.ts";
import type { SourceStore } from "../../src/io/store/source-store.ts";
import type { SourceBulkWriter } from "../../src/io/store/source-bulk-writer.ts";
import { extractPage } from "../../src/core/extract/html.ts";
import { DEFAULT_POLICY } from "../../src/core/policy/schema.ts";
import { tokenize } from "../../src/core/text/tokenize.ts";
import type { TextDocument } from "../../src/core/types.ts";

export { DEFAULT_POLICY, tokenize };

export interface OpenEngine {
  engine: Engine;
  /**
   * Adds sources in order as `copyquota sources add` does, through the storage's bulk writer (`bulk` only): the
   * next ones analyzed in other threads (one per core but the writer's). The last ones are written on `close`.
   */
  addAll(sources: readonly SourceToAdd[]): Promise<void>;
  close(): Promise<void>;
}

/** `bulk`: the whole storage, for `addAll`; else the source store alone, for checks. */
export function openEngine(dbFile: string, options: { bulk?: boolean } = {}): OpenEngine {
  return options.bulk ? bulkEngine(openSqliteStorage(dbFile)) : engineOn(SqliteSourceStore.open(dbFile));
}

/** The engine on the PostgreSQL database at `url`; `bulk`: new sources written in batches, through its storage's bulk writer. */
export async function openPostgresEngine(url: string, options: { bulk?: boolean } = {}): Promise<OpenEngine> {
  return options.bulk ? bulkEngine(await openStorage(url)) : engineOn(await openSourceStore(url));
}

function engineOn(store: SourceStore): OpenEngine {
  return {
    engine: createEngine(store),
    addAll: () => Promise.reject(new Error("addAll needs an engine opened with { bulk: true }")),
    close: () => store.close(),
  };
}

function bulkEngine(storage: Storage): OpenEngine {
  const engine = createEngine(storage.sources);
  let analyzer: BlockAnalyzer | undefined;
  let writer: SourceBulkWriter | undefined;
  return {
    engine,
    async addAll(sources) {
      analyzer ??= startBlockAnalyzer(ANALYZER_THREADS);
      writer ??= storage.bulkWriter();
      const adding = engine.addSources(sources, { source: (s) => s, writer, analyzer });
      while (!(await adding.next()).done);
    },
    close: async () => {
      await analyzer?.close();
      await writer?.close();
      await storage.close();
    },
  };
}

/** An HTML page as the CLI checks it: extracted, with the page's own URL and date unless it names none. */
export function pageToDocument(html: string, url: string): TextDocument {
  const page = extractPage(html, url);
  return { url: page.url ?? url, title: page.title, published: page.published, text: page.text, links: page.links };
}

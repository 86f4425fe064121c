/**
 * The only place the benchmark touches the engine: opening a store, wiring the engine, extracting a page.
 * Kept in one file so that an interface change in the engine is one edit here.
 */
import { createEngine } from "../../src/engine/create-engine.ts";
import type { Engine } from "../../src/engine/engine.ts";
import { addSources, type SourceToAdd } from "../../src/engine/add-sources.ts";
import { ANALYZER_THREADS, startBlockAnalyzer, type BlockAnalyzer } from "../../src/engine/block-analyzer.ts";
import { SqliteSourceStore } from "../../src/io/store/sqlite-source-store.ts";
import { PostgresBulkWriter } from "../../src/io/store/postgres-bulk-writer.ts";
import { openSourceStore } from "../../src/io/storage/open-storage.ts";
import type { SourceStore } from "../../src/io/store/source-store.ts";
import { extractPage } from "../../src/core/extract/html.ts";
import { DEFAULT_POLICY } from "../../src/core/policy/schema.ts";
import { tokenize } from "../../src/core/text/tokenize.ts";
import type { TextDocument } from "../../src/core/types.ts";

export { DEFAULT_POLICY, tokenize };

export interface OpenEngine {
  engine: Engine;
  /** Adds sources in order as `copyquota sources add` does: the next ones analyzed in other threads (one per core but the writer's). */
  addAll(sources: readonly SourceToAdd[]): Promise<void>;
  close(): Promise<void>;
}

/** `bulk`: group commits as `copyquota sources add` does when it loads many sources in a row. */
export function openEngine(dbFile: string, options: { bulk?: boolean } = {}): OpenEngine {
  const store = SqliteSourceStore.open(dbFile);
  if (options.bulk) store.groupCommits();
  return engineOn(store);
}

/** The engine on the PostgreSQL database at `url`; `bulk`: new sources written in batches (`PostgresBulkWriter`). */
export async function openPostgresEngine(url: string, options: { bulk?: boolean } = {}): Promise<OpenEngine> {
  return engineOn(options.bulk ? await PostgresBulkWriter.open(url) : await openSourceStore(url));
}

function engineOn(store: SourceStore): OpenEngine {
  const engine = createEngine(store);
  let analyzer: BlockAnalyzer | undefined;
  return {
    engine,
    async addAll(sources) {
      analyzer ??= startBlockAnalyzer(ANALYZER_THREADS);
      const adding = addSources(engine, sources, { source: (s) => s, analyzer });
      while (!(await adding.next()).done);
    },
    close: async () => {
      await analyzer?.close();
      await store.close();
    },
  };
}

/** An HTML page as the CLI checks it: extracted, with the page's own URL and date unless it names none. */
export function pageToDocument(html: string, url: string): TextDocument {
  const page = extractPage(html, url);
  return { url: page.url ?? url, title: page.title, published: page.published, text: page.text, links: page.links };
}

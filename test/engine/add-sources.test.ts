import { afterAll, beforeAll, describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { SqliteSourceStore } from "../../src/io/store/sqlite-source-store.ts";
import { openSqliteStorage } from "../../src/io/storage/sqlite-storage.ts";
import { createEngine } from "../../src/engine/create-engine.ts";
import type { SourceToAdd } from "../../src/engine/add-sources.ts";
import { startBlockAnalyzer, type BlockAnalyzer } from "../../src/engine/block-analyzer.ts";
import type { TextDocument } from "../../src/core/types.ts";
import { REPO } from "../e2e/support.ts";

/** Our fictional outlet's archive: its articles share the policy notice, which becomes recurring boilerplate on the third. */
function archive(): TextDocument[] {
  return readFileSync(path.join(REPO, "test/fixtures/articles/vestnik-archive.jsonl"), "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as { url: string; title: string; text: string; published: string })
    .map((d) => ({ url: d.url, title: d.title, published: d.published, text: d.text, links: [] }));
}

type Item = SourceToAdd | { error: string };

/**
 * Fictional notes of another outlet, each ending in a line no built-in pattern knows: only its recurring
 * (from the third note on) makes it boilerplate, in every note that holds it.
 */
function notes(): TextDocument[] {
  const line = "Редакция «Заречного курьера» благодарит читателей, присылающих нам фотографии с мест событий.";
  const bodies = [
    "В Заречном районе открыли новый мост через реку Быструю, движение по нему запустили в понедельник утром.",
    "Фермеры Заречного района начали сев яровой пшеницы на неделю раньше, чем в прошлом году, из-за теплой весны.",
    "Районная больница получила два новых аппарата УЗИ, закупленных на средства областного бюджета и спонсоров.",
    "Школьники из Заречного заняли второе место на областной олимпиаде по физике среди команд сельских школ.",
  ];
  return bodies.map((body, i) => ({ url: `https://zarechny-kurier.example/news/${i + 1}`, title: `Новость ${i + 1}`, published: "2024-04-01T08:00:00Z", text: `${body}\n\n${line}`, links: [] }));
}

/** The index tables of a closed store's file, with sources named by URL so that files compare whatever ids they gave. */
function indexRows(file: string) {
  const db = new Database(file, { readonly: true });
  const rows = (sql: string) => db.prepare(sql).raw().all() as unknown[][];
  const out = {
    postings: rows("SELECT f.hash, s.url FROM (SELECT * FROM fingerprints UNION ALL SELECT * FROM recent_fingerprints) f JOIN sources s ON s.id = f.source_id ORDER BY 1, 2"),
    blocks: rows("SELECT b.block_key, s.url FROM (SELECT * FROM blocks UNION ALL SELECT * FROM recent_blocks) b JOIN sources s ON s.id = b.source_id ORDER BY 1, 2"),
  };
  db.close();
  return out;
}

/** Everything a check reads of the stored sources, by URL. */
async function contents(store: SqliteSourceStore, urls: readonly string[]) {
  const out = [];
  for (const url of urls) {
    const source = (await store.getSource(url))!;
    const words = (await store.getWords([source.id])).get(source.id)!;
    out.push({ url, protectedText: source.protectedText, boilerplate: source.boilerplate, codes: [...words.codes], sentences: [...words.sentences] });
  }
  return out;
}

describe("addSources: through a bulk writer, analyzing ahead in a thread, stores what adding one by one stores", () => {
  let dir: string;
  const docs = [...archive(), ...notes()];
  // Each article twice: the second time replaces the first, as re-adding a feed does.
  const items: Item[] = [...docs.map((doc) => ({ doc, reference: false })), { error: "unreadable.html" }, ...docs.map((doc) => ({ doc, reference: false }))];
  const urls = docs.map((d) => d.url);
  let expected: Awaited<ReturnType<typeof contents>>;
  let expectedRows: ReturnType<typeof indexRows>;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "copyquota-add-sources-"));
    const store = SqliteSourceStore.open(path.join(dir, "one-by-one.db"));
    const engine = createEngine(store);
    for (const item of items) if (!("error" in item)) await engine.addSource(item.doc, { reference: item.reference });
    expected = await contents(store, urls);
    await store.close();
    expectedRows = indexRows(path.join(dir, "one-by-one.db"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Adds `items` through a bulk writer of `group` sources a transaction, then reads them back through the store. */
  async function addAll(file: string, analyzer: BlockAnalyzer, options: { group?: number } = {}) {
    const storage = openSqliteStorage(path.join(dir, file));
    const engine = createEngine(storage.sources);
    const writer = storage.bulkWriter(options);
    const results = [];
    for await (const { item, added } of engine.addSources(items, { source: (i) => ("error" in i ? null : i), writer, analyzer, ahead: 4 })) {
      results.push({ item, replaced: added?.replaced ?? null });
    }
    await writer.close();
    const stored = await contents(storage.sources, urls);
    await storage.close();
    return { results, stored };
  }

  it("with a real analyzer thread: same stored texts and words, results in input order", async () => {
    const threads = startBlockAnalyzer(1);
    let analyzed = 0;
    const counting: BlockAnalyzer = { analyze: (text) => threads.analyze(text).then((blocks) => (analyzed++, blocks)), close: () => threads.close() };
    const { results, stored } = await addAll("threads.db", counting);
    await threads.close();
    // The first items arrive while the writer waits and are analyzed where they are added; the rest in the thread.
    expect(analyzed).toBeGreaterThan(items.length / 2);
    expect(expected.some((s) => s.boilerplate.length > 0)).toBe(true);
    expect(stored).toEqual(expected);
    expect(results.map((r) => r.item)).toEqual(items);
    expect(results.map((r) => r.replaced)).toEqual([...docs.map(() => false), null, ...docs.map(() => true)]);
  });

  it("in groups of three sources, whose postings and blocks wait for the commit: the same texts, words and index rows", async () => {
    const threads = startBlockAnalyzer(2);
    const { stored } = await addAll("grouped.db", threads, { group: 3 });
    await threads.close();
    expect(stored).toEqual(expected);
    const rows = indexRows(path.join(dir, "grouped.db"));
    // A block held by three sources or more: the rows that make it recurrent are there.
    const held = new Map<unknown, number>();
    for (const [key] of rows.blocks) held.set(key, (held.get(key) ?? 0) + 1);
    expect(Math.max(...held.values())).toBeGreaterThanOrEqual(3);
    expect(rows).toEqual(expectedRows);
  });

  it("a block recurring among sources still pending is boilerplate in all of them", async () => {
    const storage = openSqliteStorage(path.join(dir, "grouped-notes.db"));
    const engine = createEngine(storage.sources);
    const writer = storage.bulkWriter();
    const analyzer = startBlockAnalyzer(1);
    const adding = engine.addSources(notes(), { source: (doc) => ({ doc, reference: false }), writer, analyzer });
    while (!(await adding.next()).done);
    await analyzer.close();
    // Read before the writer commits: on its connection, the sources are there already.
    const stored = await contents(storage.sources, notes().map((d) => d.url));
    await writer.close();
    await storage.close();
    expect(stored.map((s) => s.boilerplate)).toEqual(notes().map((d) => [d.text.split("\n\n")[1]]));
  });

  it("writes what has arrived while a slow input is still being read, and nothing more once the caller stops", async () => {
    const storage = openSqliteStorage(path.join(dir, "slow.db"));
    const engine = createEngine(storage.sources);
    const writer = storage.bulkWriter();
    let read = 0;
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    async function* slowly() {
      for (const doc of docs.slice(0, 3)) {
        read++;
        yield { doc, reference: false };
      }
      await gate;
      read++;
      yield { doc: docs[3]!, reference: false };
    }
    const analyzer = startBlockAnalyzer(1);
    const adding = engine.addSources(slowly(), { source: (i) => i, writer, analyzer, ahead: 8 });
    const first = [];
    for (let n = 0; n < 3; n++) first.push((await adding.next()).value);
    expect(first.map((r) => r?.item.doc.url)).toEqual(docs.slice(0, 3).map((d) => d.url));
    expect(read).toBe(3);
    release();
    await adding.return(undefined);
    await writer.close();
    expect(await storage.sources.countSources()).toBe(3);
    await analyzer.close();
    await storage.close();
  });

  it("when the analyzer fails, each source is analyzed where it is added instead", async () => {
    let asked = 0;
    const failing: BlockAnalyzer = {
      analyze: () => {
        asked++;
        return Promise.reject(new Error("the block analyzer thread stopped (exit code 1)"));
      },
      close: async () => undefined,
    };
    const { stored } = await addAll("failing.db", failing);
    expect(asked).toBeGreaterThan(0);
    expect(stored).toEqual(expected);
  });
});

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { NewSource, SourceStore } from "../../src/io/store/source-store.ts";
import type { CheckResult } from "../../src/core/types.ts";
import { SqliteSourceStore } from "../../src/io/store/sqlite-source-store.ts";
import { openPostgresStorage } from "../../src/io/storage/postgres-storage.ts";
import { openSqliteStorage } from "../../src/io/storage/sqlite-storage.ts";
import type { Storage } from "../../src/io/storage/storage.ts";
import { createEngine } from "../../src/engine/create-engine.ts";
import type { Engine } from "../../src/engine/engine.ts";
import type { SourceToAdd } from "../../src/engine/add-sources.ts";
import { startBlockAnalyzer } from "../../src/engine/block-analyzer.ts";
import { tokenize, wordSequence } from "../../src/core/text/tokenize.ts";
import { protectText } from "../../src/core/boilerplate/protect.ts";
import { blockKey } from "../../src/core/boilerplate/blocks.ts";
import { DEFAULT_POLICY } from "../../src/core/policy/schema.ts";
import { findPostgresBin, POSTGRES_MISSING, startPostgres, type PostgresServer } from "../support/postgres-server.ts";
import { BRIDGE, bodyOf, HEATING, LIBRARY, MAYOR_QUOTE, PRESS_RELEASE, RECURRING_BLOCK, republication, sourceDocument, UNRELATED } from "./zarechye-articles.ts";

const pgBin = findPostgresBin();
if (!pgBin) console.warn(`source-store-contract.test: ${POSTGRES_MISSING}`);

let dir: string;
let server: PostgresServer | undefined;
let databases = 0;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "copyquota-contract-"));
  if (pgBin) server = await startPostgres(pgBin);
});
afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

interface Backend {
  name: string;
  /** A new, empty store. */
  open(): Promise<SourceStore>;
}

const sqlite: Backend = { name: "SQLite", open: async () => SqliteSourceStore.open(path.join(dir, `store-${++databases}.db`)) };
const postgres: Backend = { name: "PostgreSQL", open: async () => openPostgresSources(await server!.createSchema(`store_${++databases}`)) };
const backends = pgBin ? [sqlite, postgres] : [sqlite];

async function withStore(backend: Backend, work: (store: SourceStore) => Promise<void>): Promise<void> {
  const store = await backend.open();
  try {
    await work(store);
  } finally {
    await store.close();
  }
}

/** A source of the fictional outlet, with its boilerplate found by the built-in patterns. */
function source(url: string, text = HEATING.paragraphs.join("\n\n"), domain = "zarechye.example"): NewSource {
  const { protectedText, removed } = protectText(text);
  return { url, title: `Заметка ${url.slice(-2)}`, published: "2025-09-18T08:30:00+05:00", reference: false, domain, text, protectedText, boilerplate: removed };
}

function indexOf(fingerprints: number[], blockKeys: string[] = [], text = "Короткий текст заметки."): { words: ReturnType<typeof wordSequence>; fingerprints: number[]; blockKeys: string[] } {
  return { words: wordSequence(tokenize(text)), fingerprints, blockKeys };
}

const K1 = "0123456789abcdef";
const K2 = "fedcba9876543210";
const K3 = "8000000000000000";

describe.each(backends.map((b) => [b.name, b] as const))("%s source store", (_name, backend) => {
  it("gives back a source as it was stored, by id and by URL", async () => {
    await withStore(backend, async (store) => {
      const input = { ...source("https://zarechye.example/n/01"), reference: true, published: null };
      expect(input.boilerplate).toHaveLength(1);
      const { source: stored, replaced } = await store.putSource(input, indexOf([1, 2]));
      expect(replaced).toBe(false);
      expect(stored).toMatchObject(input);
      const { id, addedAt, ...rest } = (await store.getSource(stored.id))!;
      expect(rest).toEqual(input);
      expect(id).toBe(stored.id);
      expect(Date.parse(addedAt)).toBeGreaterThan(0);
      expect(await store.getSource(input.url)).toEqual({ ...input, id, addedAt });
      expect(await store.getSource(stored.id + 100)).toBeNull();
      expect(await store.getSource("https://zarechye.example/n/none")).toBeNull();
      expect(await store.countSources()).toBe(1);
    });
  });

  it("stores a protected text that is not made of the text's blocks as it is", async () => {
    await withStore(backend, async (store) => {
      const input = { ...source("https://zarechye.example/n/02"), protectedText: "Текст, которого нет в исходнике." };
      const { source: stored } = await store.putSource(input, indexOf([]));
      expect((await store.getSource(stored.id))).toMatchObject({ protectedText: input.protectedText, boilerplate: input.boilerplate });
    });
  });

  it("replaces a source by URL: one row, the old fingerprints, words and blocks gone", async () => {
    await withStore(backend, async (store) => {
      const url = "https://zarechye.example/n/03";
      const first = (await store.putSource(source(url), indexOf([1, 2, 3], [K1], "Первая версия заметки."))).source;
      const second = await store.putSource({ ...source(url, BRIDGE.paragraphs.join("\n\n")), title: "Новая версия" }, indexOf([3, 4], [K2], "Вторая версия заметки. Ещё одно предложение."));
      expect(second.replaced).toBe(true);
      expect(await store.countSources()).toBe(1);
      expect(await store.getSource(url)).toMatchObject({ id: second.source.id, title: "Новая версия" });
      expect(await store.candidates([1, 2], { maxDf: 10, minShared: 1, limit: 10 })).toEqual([]);
      expect(await store.candidates([3, 4], { maxDf: 10, minShared: 1, limit: 10 })).toEqual([{ sourceId: second.source.id, shared: 2 }]);
      const words = await store.getWords([first.id, second.source.id]);
      expect(words.get(second.source.id)?.sentences).toEqual(Uint32Array.from([0, 0, 0, 1, 1, 1]));
      if (first.id !== second.source.id) expect(words.has(first.id)).toBe(false);
      expect(await store.blockCounts("zarechye.example", [K1, K2], "https://zarechye.example/other")).toEqual(new Map([[K1, 0], [K2, 1]]));
    });
  });

  it("removes a source with its fingerprints, words and block counts", async () => {
    await withStore(backend, async (store) => {
      const keep = (await store.putSource(source("https://zarechye.example/n/04"), indexOf([5, 6], [K1]))).source;
      const gone = (await store.putSource(source("https://zarechye.example/n/05"), indexOf([6, 7], [K1, K2]))).source;
      expect(await store.removeSource(gone.url)).toBe(true);
      expect(await store.removeSource(gone.url)).toBe(false);
      expect(await store.getSource(gone.url)).toBeNull();
      expect((await store.getWords([gone.id])).size).toBe(0);
      expect(await store.candidates([5, 6, 7], { maxDf: 10, minShared: 1, limit: 10 })).toEqual([{ sourceId: keep.id, shared: 2 }]);
      expect(await store.blockCounts("zarechye.example", [K1, K2], "https://zarechye.example/other")).toEqual(new Map([[K1, 1], [K2, 0]]));
      expect(await store.sourcesWithBlock("zarechye.example", K2)).toEqual([]);
      expect(await store.countSources()).toBe(1);
    });
  });

  it("lists sources in the order added, a page at a time, searching URL and title", async () => {
    await withStore(backend, async (store) => {
      const urls = ["https://zarechye.example/n/11", "https://zarechye.example/sport/12", "https://zarechye.example/n/13"];
      for (const url of urls) await store.putSource(source(url), indexOf([]));
      expect((await store.listSources({ limit: 10, offset: 0 })).map((s) => s.url)).toEqual(urls);
      expect((await store.listSources({ limit: 1, offset: 1 })).map((s) => s.url)).toEqual([urls[1]]);
      expect((await store.listSources({ limit: 10, offset: 0, query: "SPORT" })).map((s) => s.url)).toEqual([urls[1]]);
      expect((await store.listSources({ limit: 10, offset: 0, query: "Заметка 13" })).map((s) => s.url)).toEqual([urls[2]]);
      expect(await store.listSources({ limit: 10, offset: 0, query: "нет такой" })).toEqual([]);
      // A search's count is of what it finds, whatever page of it is asked for.
      expect([await store.countSources(), await store.countSources("SPORT"), await store.countSources("zarechye.example/n/"), await store.countSources("нет такой")]).toEqual([3, 1, 2, 0]);
    });
  });

  it("gives sources and words by id in the order asked, without unknown ids", async () => {
    await withStore(backend, async (store) => {
      const a = (await store.putSource(source("https://zarechye.example/n/21"), indexOf([], [], "Первое предложение. Второе предложение здесь. Третье."))).source;
      const b = (await store.putSource(source("https://zarechye.example/n/22"), indexOf([], [], "Другой текст."))).source;
      expect((await store.getSources([b.id, 999, a.id])).map((s) => s.id)).toEqual([b.id, a.id]);
      expect(await store.getSources([])).toEqual([]);
      const words = await store.getWords([a.id, 999]);
      const expected = wordSequence(tokenize("Первое предложение. Второе предложение здесь. Третье."));
      expect([...words.keys()]).toEqual([a.id]);
      expect([...words.get(a.id)!.codes]).toEqual([...expected.codes]);
      expect([...words.get(a.id)!.sentences]).toEqual([0, 0, 1, 1, 1, 2]);
    });
  });

  it("words of a real article come back exactly, every code and sentence", async () => {
    await withStore(backend, async (store) => {
      const text = bodyOf(LIBRARY).join("\n\n");
      const words = wordSequence(tokenize(text));
      const { source: stored } = await store.putSource(source(LIBRARY.url, text), { words, fingerprints: [], blockKeys: [] });
      const back = (await store.getWords([stored.id])).get(stored.id)!;
      expect(back.codes).toEqual(words.codes);
      expect(back.sentences).toEqual(words.sentences);
      expect(words.codes.some((c) => c > 2 ** 31)).toBe(true);
    });
  });

  it("ranks candidates by shared fingerprints, then by id; honours minShared and limit", async () => {
    await withStore(backend, async (store) => {
      const s1 = (await store.putSource(source("https://zarechye.example/n/31"), indexOf([10, 11, 12]))).source.id;
      const s2 = (await store.putSource(source("https://zarechye.example/n/32"), indexOf([10, 11]))).source.id;
      const s3 = (await store.putSource(source("https://zarechye.example/n/33"), indexOf([11, 12]))).source.id;
      const s4 = (await store.putSource(source("https://zarechye.example/n/34"), indexOf([12]))).source.id;
      // A fingerprint repeated in the query counts once.
      const query = [10, 11, 12, 12, 99];
      expect(await store.candidates(query, { maxDf: 10, minShared: 1, limit: 10 })).toEqual([
        { sourceId: s1, shared: 3 },
        { sourceId: s2, shared: 2 },
        { sourceId: s3, shared: 2 },
        { sourceId: s4, shared: 1 },
      ]);
      expect((await store.candidates(query, { maxDf: 10, minShared: 2, limit: 10 })).map((c) => c.sourceId)).toEqual([s1, s2, s3]);
      expect((await store.candidates(query, { maxDf: 10, minShared: 1, limit: 2 })).map((c) => c.sourceId)).toEqual([s1, s2]);
      expect(await store.candidates([], { maxDf: 10, minShared: 1, limit: 10 })).toEqual([]);
    });
  });

  it("ignores fingerprints held by more than maxDf sources", async () => {
    await withStore(backend, async (store) => {
      const ids: number[] = [];
      for (const n of [41, 42, 43]) ids.push((await store.putSource(source(`https://zarechye.example/n/${n}`), indexOf(n === 41 ? [20, 21] : [20]))).source.id);
      // Fingerprint 20 is in three sources: with maxDf 2 it is a stock phrase, and only 21 counts.
      expect(await store.candidates([20, 21], { maxDf: 2, minShared: 1, limit: 10 })).toEqual([{ sourceId: ids[0], shared: 1 }]);
      expect(await store.candidates([20, 21], { maxDf: 3, minShared: 1, limit: 10 })).toEqual([
        { sourceId: ids[0], shared: 2 },
        { sourceId: ids[1], shared: 1 },
        { sourceId: ids[2], shared: 1 },
      ]);
    });
  });

  it("finds fingerprints above 2³¹ and at the ends of the 32-bit range", async () => {
    await withStore(backend, async (store) => {
      const id = (await store.putSource(source("https://zarechye.example/n/51"), indexOf([0, 2 ** 31, 2 ** 32 - 1]))).source.id;
      expect(await store.candidates([2 ** 32 - 1], { maxDf: 10, minShared: 1, limit: 10 })).toEqual([{ sourceId: id, shared: 1 }]);
      expect(await store.candidates([2 ** 31, 0, 1], { maxDf: 10, minShared: 1, limit: 10 })).toEqual([{ sourceId: id, shared: 2 }]);
    });
  });

  it("counts blocks per domain, leaving out the URL asked about and other domains", async () => {
    await withStore(backend, async (store) => {
      const x1 = "https://zarechye.example/n/61";
      const x2 = "https://zarechye.example/n/62";
      const y1 = "https://gorportal.example/n/63";
      await store.putSource(source(x1), indexOf([], [K1, K2, K3]));
      await store.putSource(source(x2), indexOf([], [K1, K1]));
      await store.putSource(source(y1, undefined, "gorportal.example"), indexOf([], [K1]));
      const K4 = "0000000000000004";
      expect(await store.blockCounts("zarechye.example", [K1, K2, K3, K4], "https://zarechye.example/new")).toEqual(new Map([[K1, 2], [K2, 1], [K3, 1], [K4, 0]]));
      expect(await store.blockCounts("zarechye.example", [K1, K2, K1], x1)).toEqual(new Map([[K1, 1], [K2, 0]]));
      // The URL left out belongs to another domain: it holds none of this domain's blocks.
      expect(await store.blockCounts("zarechye.example", [K1], y1)).toEqual(new Map([[K1, 2]]));
      expect((await store.sourcesWithBlock("zarechye.example", K1)).sort()).toEqual([x1, x2]);
      expect(await store.sourcesWithBlock("gorportal.example", K1)).toEqual([y1]);
      expect(await store.sourcesWithBlock("zarechye.example", K4)).toEqual([]);
      // Re-adding x1 without K1 counts it out; removing x2 drops K1 from the domain.
      await store.putSource(source(x1), indexOf([], [K2]));
      expect(await store.blockCounts("zarechye.example", [K1, K2, K3], "https://zarechye.example/new")).toEqual(new Map([[K1, 1], [K2, 1], [K3, 0]]));
      await store.removeSource(x2);
      expect(await store.blockCounts("zarechye.example", [K1, K2], "https://zarechye.example/new")).toEqual(new Map([[K1, 0], [K2, 1]]));
      expect(await store.blockCounts("gorportal.example", [K1], "https://zarechye.example/new")).toEqual(new Map([[K1, 1]]));
    });
  });
});

describe.skipIf(!pgBin)("the engine on the SQLite and PostgreSQL stores and bulk writers", () => {
  /** The press release and the outlet's articles, one of them added again, as a feed re-read would: replaced, not duplicated. */
  function sourcesToAdd(): SourceToAdd[] {
    return [{ doc: sourceDocument(PRESS_RELEASE), reference: true }, ...[HEATING, BRIDGE, LIBRARY, BRIDGE].map((article) => ({ doc: sourceDocument(article), reference: false }))];
  }

  async function oneByOne(engine: Engine): Promise<void> {
    for (const { doc, reference } of sourcesToAdd()) await engine.addSource(doc, { reference });
  }

  /** Indexes the outlet's articles and the press release with `add`, then checks republications of them. */
  async function run(store: SourceStore, add: (engine: Engine) => Promise<void> = oneByOne): Promise<{ results: CheckResult[]; protectedTexts: string[] }> {
    const engine = createEngine(store);
    await add(engine);
    const published = "2025-09-25T09:00:00+05:00";
    const candidates = [
      republication({ slug: "teplo", title: "Тепло дадут 1 октября", published, paragraphs: bodyOf(HEATING), linkTo: HEATING.url }),
      republication({ slug: "most", title: "Мост откроют в ноябре", published, paragraphs: [bodyOf(BRIDGE)[2]!], linkTo: BRIDGE.url }),
      republication({ slug: "most-bez-ssylki", title: "Мост откроют в ноябре", published, paragraphs: bodyOf(BRIDGE).slice(0, 3) }),
      republication({ slug: "akim", title: "Аким о тепле", published, paragraphs: ["Городские власти обещают подать тепло раньше срока.", MAYOR_QUOTE] }),
      republication({ slug: "volejbol", title: "Волейбол", published, paragraphs: [UNRELATED] }),
      republication({ slug: "rannyaya", title: "Библиотека", published: "2025-09-01T09:00:00+05:00", paragraphs: bodyOf(LIBRARY), linkTo: LIBRARY.url }),
    ];
    const results: CheckResult[] = [];
    for (const candidate of candidates) results.push(await engine.check(candidate, DEFAULT_POLICY));
    const protectedTexts = (await store.listSources({ limit: 100, offset: 0 })).map((s) => `${s.url}\n${s.protectedText}`);
    return { results, protectedTexts };
  }

  it("indexes the same protected texts and gives identical check results", async () => {
    const onSqlite = await withResults(sqlite);
    const onPostgres = await withResults(postgres);
    expect(onPostgres.protectedTexts).toEqual(onSqlite.protectedTexts);
    expect(onPostgres.results).toEqual(onSqlite.results);

    // And the results are the ones these pages call for, so the comparison is not between two empty answers.
    const [full, paragraph, noLink, quote, unrelated, early] = onSqlite.results;
    expect(full!.verdict).toBe("violation");
    expect(full!.matches[0]).toMatchObject({ source: { url: HEATING.url }, violations: ["over_quota"] });
    expect(full!.matches[0]!.share).toBeGreaterThan(0.6);
    expect(paragraph).toMatchObject({ verdict: "compliant", matches: [{ source: { url: BRIDGE.url }, verdict: "compliant" }] });
    expect(paragraph!.matches[0]!.passages.length).toBeGreaterThan(0);
    expect(noLink!.matches[0]!.violations).toContain("missing_link");
    // The mayor's words were the press release's first: the outlet's share for them is left out.
    const heatingMatch = quote!.matches.find((m) => m.source.url === HEATING.url)!;
    expect(heatingMatch.share).toBeLessThan(0.05);
    expect(quote!.matches.some((m) => m.source.url === PRESS_RELEASE.url)).toBe(true);
    expect(unrelated).toMatchObject({ verdict: "no_reuse", matches: [] });
    expect(early!.matches[0]!.verdict).toBe("predates_source");
    // The invitation to write in recurs on three of the outlet's pages: boilerplate in every one, the first included.
    expect(onSqlite.protectedTexts.filter((t) => t.startsWith("https://zarechye.example/"))).toHaveLength(3);
    for (const text of onSqlite.protectedTexts) expect(text).not.toContain(RECURRING_BLOCK);
  });

  it("through either bulk writer, two sources a transaction, indexes the same protected texts and gives identical check results", async () => {
    const onSqlite = await withResults(sqlite);
    const inBulk = [
      await bulkResults(openSqliteStorage(path.join(dir, `store-${++databases}.db`))),
      await bulkResults(await openPostgresStorage(await server!.createSchema(`store_${++databases}`))),
    ];
    for (const { protectedTexts, results } of inBulk) {
      expect(protectedTexts).toEqual(onSqlite.protectedTexts);
      expect(results).toEqual(onSqlite.results);
    }
    expect(onSqlite.results[0]!.verdict).toBe("violation");
  });

  async function withResults(backend: Backend) {
    const store = await backend.open();
    try {
      return await run(store);
    } finally {
      await store.close();
    }
  }

  /** `run` on `storage`, its sources added as `copyquota sources add` adds them, the writer closed before the checks. */
  async function bulkResults(storage: Storage) {
    try {
      return await run(storage.sources, async (engine) => {
        const writer = storage.bulkWriter({ group: 2 });
        const analyzer = startBlockAnalyzer(1);
        try {
          const adding = engine.addSources(sourcesToAdd(), { source: (s) => s, writer, analyzer });
          while (!(await adding.next()).done);
        } finally {
          await analyzer.close();
          await writer.close();
        }
      });
    } finally {
      await storage.close();
    }
  }
});

/** The sources of a PostgreSQL database opened as the product opens it (schema migrated); closing them ends the pool. */
async function openPostgresSources(url: string): Promise<SourceStore> {
  return (await openPostgresStorage(url)).sources;
}

describe.skipIf(!pgBin)("PostgreSQL source store", () => {
  it("refuses a database indexed in another format, naming it, and leaves it unchanged", async () => {
    const url = await server!.createSchema("old_format");
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query("CREATE TABLE meta (key text PRIMARY KEY, value text NOT NULL); INSERT INTO meta VALUES ('index_format', '1')");
      await client.query("CREATE TABLE sources (id int4 PRIMARY KEY, url text); INSERT INTO sources VALUES (1, 'https://zarechye.example/1')");
      await expect(openPostgresSources(url)).rejects.toThrow(new RegExp(`^${url.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: .*format 1.*format 3`));
      expect((await client.query("SELECT count(*)::int AS n FROM sources")).rows[0].n).toBe(1);
      expect((await client.query("SELECT to_regclass('fingerprints') AS t")).rows[0].t).toBeNull();
    } finally {
      await client.end();
    }
  });

  it("stores a NUL character, which PostgreSQL text cannot hold, as U+FFFD in the same place", async () => {
    const store = await postgres.open();
    try {
      const text = `Заголовок\u0000 заметки\n\n${HEATING.paragraphs.join("\n\n")}`;
      const input = { ...source("https://zarechye.example/n/71", text), title: "Нулевой\u0000символ" };
      const { source: stored } = await store.putSource(input, indexOf([1]));
      const back = (await store.getSource(stored.id))!;
      expect(back.title).toBe("Нулевой\uFFFDсимвол");
      expect(back.text).toBe(text.replace("\u0000", "\uFFFD"));
      expect(back.protectedText).toBe(input.protectedText.replace("\u0000", "\uFFFD"));
      expect(back.boilerplate).toEqual(input.boilerplate);
    } finally {
      await store.close();
    }
  });

  it("names an unreachable database without its password", async () => {
    const closed = new URL(server!.url);
    closed.port = "1";
    closed.password = "s3cret";
    const error = await openPostgresSources(closed.href).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/^postgres:\/\/copyquota:\*\*\*@127\.0\.0\.1:1\/postgres: cannot connect to PostgreSQL: .+/);
    expect((error as Error).message).not.toContain("s3cret");
  });

  it("lets two workers write the same URLs and one domain's blocks at once: no duplicate, no lost count", async () => {
    const url = await server!.createSchema("concurrent");
    const [a, b] = await Promise.all([openPostgresSources(url), openPostgresSources(url)]);
    try {
      const keys = Array.from({ length: 12 }, (_, i) => blockKey(`Строка подвала номер ${i}`));
      // Writes alternate the order of the blocks they hold, as pages of one outlet list them differently.
      const put = (store: SourceStore, n: number) =>
        store.putSource(source(`https://zarechye.example/n/${n % 10}`), indexOf([n, 1000 + (n % 10)], n % 2 ? keys : [...keys].reverse()));
      const results = await Promise.all(Array.from({ length: 40 }, (_, n) => put(n % 2 ? a : b, n)));
      expect(results.filter((r) => !r.replaced)).toHaveLength(10);
      expect(await a.countSources()).toBe(10);
      expect(await b.blockCounts("zarechye.example", keys, "https://zarechye.example/new")).toEqual(new Map(keys.map((k) => [k, 10])));
      // Each URL kept the fingerprints of its last write only.
      const found = await a.candidates(Array.from({ length: 40 }, (_, n) => n), { maxDf: 100, minShared: 1, limit: 100 });
      expect(found).toHaveLength(10);
      expect(found.every((c) => c.shared === 1)).toBe(true);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});

import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type pg from "pg";
import type { NewSource } from "../../src/io/store/source-store.ts";
import { PostgresSourceStore } from "../../src/io/store/postgres-source-store.ts";
import { SOURCE_TABLES } from "../../src/io/storage/postgres-tables/sources.ts";
import { tokenize, wordSequence } from "../../src/core/text/tokenize.ts";
import { findPostgresBin, POSTGRES_MISSING, startPostgres, type PostgresServer } from "../support/postgres-server.ts";
import { schemaWith, TestPools } from "../support/postgres-pools.ts";

const pgBin = findPostgresBin();
if (!pgBin) console.warn(`postgres-source-store.test: ${POSTGRES_MISSING}`);

let server: PostgresServer | undefined;
let schemas = 0;
const pools = new TestPools();

beforeAll(async () => {
  if (pgBin) server = await startPostgres(pgBin);
});
afterAll(async () => {
  await pools.end();
  await server?.stop();
});

/** A pool to a fresh schema holding the sources tables, and a store on it. */
async function freshStore(): Promise<{ pool: pg.Pool; store: PostgresSourceStore; url: string }> {
  const url = await schemaWith(server!, `sources_${++schemas}`, SOURCE_TABLES);
  const pool = pools.open(url);
  return { pool, store: new PostgresSourceStore(pool), url };
}

function source(url: string, text: string): NewSource {
  return { url, title: `Заметка ${url.slice(-2)}`, published: "2025-09-18T08:30:00+05:00", reference: false, domain: "zarechye.example", text, protectedText: text, boilerplate: [] };
}

function indexOf(fingerprints: number[], text: string) {
  return { words: wordSequence(tokenize(text)), fingerprints, blockKeys: [] };
}

const BRIDGE = "Мост через Уральку откроют после ремонта в ноябре. Подрядчик заменил опоры и настил.";
const LIBRARY = "Городская библиотека продлила часы работы. По субботам читальный зал открыт до восьми.";

describe.skipIf(!pgBin)("PostgreSQL source store: what a check reads", () => {
  it("answers candidates, their words and the rows of those sharing two fingerprints or more in one statement", async () => {
    const { pool, store, url } = await freshStore();
    const bridge = (await store.putSource(source("https://zarechye.example/n/01", BRIDGE), indexOf([1, 2, 3], BRIDGE))).source;
    const library = (await store.putSource(source("https://zarechye.example/n/02", LIBRARY), indexOf([3, 9], LIBRARY))).source;
    const statements = vi.spyOn(pool, "query");

    const found = await store.candidates([1, 2, 3], { maxDf: 10, minShared: 1, limit: 10 });
    const words = await store.getWords([bridge.id, library.id]);
    const aligned = await store.getSources([bridge.id]);
    expect(statements).toHaveBeenCalledTimes(1);
    // The library shares one fingerprint: its row is read when asked for.
    const unaligned = await store.getSources([library.id]);
    expect(statements).toHaveBeenCalledTimes(2);

    // The same answers as another process's store, which read nothing ahead.
    const other = new PostgresSourceStore(pools.open(url));
    expect(found).toEqual([{ sourceId: bridge.id, shared: 3 }, { sourceId: library.id, shared: 1 }]);
    expect(words).toEqual(await other.getWords([bridge.id, library.id]));
    expect(aligned).toEqual(await other.getSources([bridge.id]));
    expect(aligned).toEqual([bridge]);
    expect(unaligned).toEqual([library]);
  });

  it("hands out what it read ahead once, and nothing of a source it has since removed or replaced", async () => {
    const { pool, store } = await freshStore();
    const bridge = (await store.putSource(source("https://zarechye.example/n/01", BRIDGE), indexOf([1, 2], BRIDGE))).source;
    const library = (await store.putSource(source("https://zarechye.example/n/02", LIBRARY), indexOf([3, 4], LIBRARY))).source;
    const query = { maxDf: 10, minShared: 1, limit: 10 };

    await store.candidates([1, 2], query);
    await store.getWords([bridge.id]);
    const statements = vi.spyOn(pool, "query");
    expect((await store.getWords([bridge.id])).get(bridge.id)).toEqual(wordSequence(tokenize(BRIDGE)));
    expect(statements).toHaveBeenCalledTimes(1);

    await store.candidates([1, 2, 3, 4], query);
    expect(await store.removeSource(bridge.url)).toBe(true);
    const replaced = (await store.putSource(source(library.url, BRIDGE), indexOf([3, 4], BRIDGE))).source;
    expect((await store.getWords([bridge.id, library.id])).size).toBe(0);
    expect(await store.getSources([bridge.id, library.id])).toEqual([]);
    expect(await store.getSources([replaced.id])).toEqual([replaced]);
  });
});

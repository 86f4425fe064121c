import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CheckResult } from "../../src/core/types.ts";
import type { Storage } from "../../src/io/storage/storage.ts";
import { openPostgresStorage } from "../../src/io/storage/postgres-storage.ts";
import { migratePostgres, POSTGRES_MIGRATIONS } from "../../src/io/storage/postgres-migrations.ts";
import { createEngine } from "../../src/engine/create-engine.ts";
import { startBlockAnalyzer } from "../../src/engine/block-analyzer.ts";
import { DEFAULT_POLICY } from "../../src/core/policy/schema.ts";
import { findPostgresBin, POSTGRES_MISSING, startPostgres, type PostgresServer } from "../support/postgres-server.ts";
import { queryOnce } from "../support/postgres-pools.ts";
import { BRIDGE, bodyOf, HEATING, LIBRARY, PRESS_RELEASE, RECURRING_BLOCK, republication, sourceDocument, UNRELATED } from "./zarechye-articles.ts";

// Migration 4: a database whose block rows are keyed by the bare block key, with a table of per-domain counts,
// as this build's predecessors wrote it, is read after the migration as a database indexed by this build is.
const pgBin = findPostgresBin();
if (!pgBin) console.warn(`postgres-block-migration.test: ${POSTGRES_MISSING}`);

let server: PostgresServer | undefined;
beforeAll(async () => {
  if (pgBin) server = await startPostgres(pgBin);
});
afterAll(async () => {
  await server?.stop();
});

/**
 * Turns a database of this build's layout into the one schema 3 had: the counts table as it was created, filled
 * as writes kept it (one row per domain and block, the sources holding it), and block rows under the bare keys.
 */
const TO_SCHEMA_3 = `
  CREATE TABLE block_counts (domain text NOT NULL, block_key int8 NOT NULL, sources int4 NOT NULL, PRIMARY KEY (domain, block_key));
  INSERT INTO block_counts SELECT domain, key, count(*) FROM sources, unnest(block_keys) AS key GROUP BY domain, key;
  TRUNCATE blocks;
  INSERT INTO blocks SELECT key, id FROM sources, unnest(block_keys) AS key;
  DELETE FROM schema_versions WHERE version = 4;
`;

const blockRows = (url: string) => queryOnce<{ block_key: string; source_id: number }>(url, "SELECT block_key, source_id FROM blocks ORDER BY 1, 2");

/** Every stored source's block keys, as the engine writes them (16 hex digits). */
async function storedBlockKeys(url: string): Promise<string[]> {
  const rows = await queryOnce<{ key: string }>(url, "SELECT DISTINCT unnest(block_keys)::text AS key FROM sources ORDER BY 1");
  return rows.map((row) => BigInt.asUintN(64, BigInt(row.key)).toString(16).padStart(16, "0"));
}

/** The outlet's first two articles and the press release, one at a time: the invitation to write in is on two pages, not yet recurrent. */
async function indexFirst(url: string): Promise<void> {
  const storage = await openPostgresStorage(url);
  try {
    const engine = createEngine(storage.sources);
    await engine.addSource(sourceDocument(PRESS_RELEASE), { reference: true });
    for (const article of [HEATING, BRIDGE]) await engine.addSource(sourceDocument(article), { reference: false });
  } finally {
    await storage.close();
  }
}

/** What the storage answers about blocks before anything more is added. */
async function blockAnswers(storage: Storage, keys: readonly string[]) {
  return {
    counts: await storage.sources.blockCounts("zarechye.example", keys, "https://zarechye.example/new"),
    countsWithoutHeating: await storage.sources.blockCounts("zarechye.example", keys, HEATING.url),
    holders: await Promise.all(keys.map((key) => storage.sources.sourcesWithBlock("zarechye.example", key))),
  };
}

/**
 * The third article through a bulk writer (its recurring invitation makes the first two's boilerplate) and the
 * second again, then checks of republications: the protected texts and the results.
 */
async function addMoreAndCheck(storage: Storage): Promise<{ protectedTexts: string[]; results: CheckResult[] }> {
  const engine = createEngine(storage.sources);
  const writer = storage.bulkWriter({ group: 2 });
  const analyzer = startBlockAnalyzer(1);
  try {
    const adding = engine.addSources([LIBRARY, BRIDGE].map(sourceDocument), { source: (doc) => ({ doc, reference: false }), writer, analyzer });
    while (!(await adding.next()).done);
  } finally {
    await analyzer.close();
    await writer.close();
  }
  const published = "2025-09-25T09:00:00+05:00";
  const candidates = [
    republication({ slug: "teplo", title: "Тепло дадут 1 октября", published, paragraphs: bodyOf(HEATING), linkTo: HEATING.url }),
    republication({ slug: "most-bez-ssylki", title: "Мост откроют в ноябре", published, paragraphs: bodyOf(BRIDGE).slice(0, 3) }),
    republication({ slug: "biblioteka", title: "Библиотека", published, paragraphs: [bodyOf(LIBRARY)[1]!, RECURRING_BLOCK], linkTo: LIBRARY.url }),
    republication({ slug: "volejbol", title: "Волейбол", published, paragraphs: [UNRELATED] }),
  ];
  const results: CheckResult[] = [];
  for (const candidate of candidates) results.push(await engine.check(candidate, DEFAULT_POLICY));
  const protectedTexts = (await storage.sources.listSources({ limit: 100, offset: 0 })).map((s) => `${s.url}\n${s.protectedText}`);
  return { protectedTexts, results };
}

describe.skipIf(!pgBin)("PostgreSQL migration 4: block rows keyed with their domain", () => {
  it("opens a database of schema 3 as one indexed by this build: same block rows, counts, recurrence and checks", async () => {
    const migrated = await server!.createSchema("schema_3");
    const fresh = await server!.createSchema("fresh");
    await indexFirst(migrated);
    await indexFirst(fresh);
    const rowsAsIndexed = await blockRows(migrated);
    await queryOnce(migrated, TO_SCHEMA_3);
    // The layout written is another: without the migration, the rows would be misread.
    expect(await blockRows(migrated)).not.toEqual(rowsAsIndexed);

    const [onMigrated, onFresh] = [await openPostgresStorage(migrated), await openPostgresStorage(fresh)];
    try {
      expect(await queryOnce(migrated, "SELECT max(version) AS v, to_regclass('block_counts') AS counts FROM schema_versions")).toEqual([{ v: 4, counts: null }]);
      expect(await blockRows(migrated)).toEqual(rowsAsIndexed);
      const keys = await storedBlockKeys(fresh);
      const answers = await blockAnswers(onFresh, keys);
      expect(await blockAnswers(onMigrated, keys)).toEqual(answers);
      // And the answers are not empty: the notice and the invitation are on both of the outlet's pages.
      expect([...answers.counts.values()].filter((n) => n === 2)).toHaveLength(2);

      const after = await addMoreAndCheck(onMigrated);
      expect(after).toEqual(await addMoreAndCheck(onFresh));
      // The invitation, on a third page now, is boilerplate in all three, read from the migrated counts.
      expect(after.protectedTexts.filter((text) => text.startsWith("https://zarechye.example/"))).toHaveLength(3);
      for (const text of after.protectedTexts) expect(text).not.toContain(RECURRING_BLOCK);
      expect(after.results.map((r) => r.verdict)).toEqual(["violation", "violation", "compliant", "no_reuse"]);
    } finally {
      await Promise.all([onMigrated.close(), onFresh.close()]);
    }
  });

  it("leaves a database of schema 3 as it was when the migration fails midway", async () => {
    const url = await server!.createSchema("failing");
    await indexFirst(url);
    await queryOnce(url, TO_SCHEMA_3);
    const before = await blockRows(url);
    const failing = POSTGRES_MIGRATIONS.map((m) =>
      m.version === 4
        ? {
            ...m,
            step: async (client: pg.PoolClient) => {
              await m.step!(client);
              throw new Error("the server went away");
            },
          }
        : m,
    );
    const pool = new pg.Pool({ connectionString: url });
    try {
      await expect(migratePostgres(pool, "test database", failing)).rejects.toThrow("the server went away");
    } finally {
      await pool.end();
    }
    expect(await blockRows(url)).toEqual(before);
    expect(await queryOnce(url, "SELECT max(version) AS v, to_regclass('block_counts')::text AS counts FROM schema_versions")).toEqual([{ v: 3, counts: "block_counts" }]);
  });
});

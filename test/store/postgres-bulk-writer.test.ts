import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { NewSource } from "../../src/io/store/source-store.ts";
import { openPostgresStorage } from "../../src/io/storage/postgres-storage.ts";
import { tokenize, wordSequence } from "../../src/core/text/tokenize.ts";
import { findPostgresBin, POSTGRES_MISSING, startPostgres, type PostgresServer } from "../support/postgres-server.ts";
import { queryOnce } from "../support/postgres-pools.ts";

// The semantics it shares with SQLite's are proven in bulk-writer-contract.test.ts; here, what only this writer
// does: know the stored rows without asking, and notice when another process changed them.
const pgBin = findPostgresBin();
if (!pgBin) console.warn(`postgres-bulk-writer.test: ${POSTGRES_MISSING}`);

let server: PostgresServer | undefined;
beforeAll(async () => {
  if (pgBin) server = await startPostgres(pgBin);
});
afterAll(async () => {
  await server?.stop();
});

const DOMAIN = "zarechye.example";
const FOOTER = "0123456789abcdef";

function source(n: number): NewSource {
  const text = `Заметка номер ${n} о ремонте моста.`;
  return { url: `https://${DOMAIN}/n/${n}`, title: `Заметка ${n}`, published: "2025-09-18T08:30:00+05:00", reference: false, domain: DOMAIN, text, protectedText: text, boilerplate: [] };
}

const entry = (blockKeys: string[]) => ({ words: wordSequence(tokenize("Короткий текст заметки.")), fingerprints: [1, 2, 3], blockKeys });

describe.skipIf(!pgBin)("PostgreSQL bulk writer", () => {
  it("counts a block another process stored once it next reserves ids, and replaces a URL that process added", async () => {
    const url = await server!.createSchema("others_write");
    const storage = await openPostgresStorage(url);
    const bulk = storage.bulkWriter({ group: 2 });
    const other = await openPostgresStorage(url);
    try {
      await bulk.putSource(source(1), entry([]));
      expect(await bulk.blockCounts(DOMAIN, [FOOTER], "https://zarechye.example/new", 3)).toEqual(new Map([[FOOTER, 0]]));
      await other.sources.putSource(source(2), entry([FOOTER]));
      // Ids 1 and 2 were reserved for the writer; its next reservation skips the other process's 3.
      await bulk.putSource(source(3), entry([]));
      await bulk.putSource(source(4), entry([]));
      expect(await bulk.blockCounts(DOMAIN, [FOOTER], "https://zarechye.example/new", 3)).toEqual(new Map([[FOOTER, 1]]));
      const again = await bulk.putSource(source(2), entry([]));
      expect(again.replaced).toBe(true);
      expect(await bulk.blockCounts(DOMAIN, [FOOTER], "https://zarechye.example/new", 3)).toEqual(new Map([[FOOTER, 0]]));
      expect(await other.sources.countSources()).toBe(4);
    } finally {
      await bulk.close();
      await storage.close();
      await other.close();
    }
  });

  it("reports the error its batch failed with, not another from running the batch again on close", async () => {
    const url = await server!.createSchema("failing_batch");
    const storage = await openPostgresStorage(url);
    // A batch that fails with one error, and run again with another: as a connection lost, then refused.
    await queryOnce(
      url,
      `CREATE SEQUENCE attempts;
      CREATE FUNCTION fail() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION '%', CASE nextval('attempts') WHEN 1 THEN 'first failure' ELSE 'another failure' END; END $$;
      CREATE TRIGGER fail BEFORE INSERT ON sources FOR EACH STATEMENT EXECUTE FUNCTION fail();`,
    );
    // As `sources add` uses the writer (withBulkWriter): closed in a finally.
    const load = async () => {
      const bulk = storage.bulkWriter({ group: 2 });
      try {
        for (let n = 1; n <= 4; n++) await bulk.putSource(source(n), entry([FOOTER]));
      } finally {
        await bulk.close();
      }
    };
    try {
      await expect(load()).rejects.toThrow("first failure");
      expect(await storage.sources.countSources()).toBe(0);
    } finally {
      await storage.close();
    }
  });

  it("caps counts at atMost and keeps counting the waiting sources past a recurring block", async () => {
    const storage = await openPostgresStorage(await server!.createSchema("recurring"));
    const bulk = storage.bulkWriter({ group: 3 });
    try {
      for (let n = 1; n <= 5; n++) await bulk.putSource(source(n), entry([FOOTER]));
      // Three stored, two waiting: five others, capped at three.
      expect(await bulk.blockCounts(DOMAIN, [FOOTER], "https://zarechye.example/new", 3)).toEqual(new Map([[FOOTER, 3]]));
      expect(await bulk.blockCounts(DOMAIN, [FOOTER], "https://zarechye.example/new", 10)).toEqual(new Map([[FOOTER, 5]]));
      expect(await bulk.blockCounts("gorportal.example", [FOOTER], "https://zarechye.example/new", 3)).toEqual(new Map([[FOOTER, 0]]));
    } finally {
      await bulk.close();
      await storage.close();
    }
  });
});

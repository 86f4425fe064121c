import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { NewSource } from "../../src/io/store/source-store.ts";
import type { Storage } from "../../src/io/storage/storage.ts";
import { openSqliteStorage } from "../../src/io/storage/sqlite-storage.ts";
import { openPostgresStorage } from "../../src/io/storage/postgres-storage.ts";
import { tokenize, wordSequence } from "../../src/core/text/tokenize.ts";
import { findPostgresBin, POSTGRES_MISSING, startPostgres, type PostgresServer } from "../support/postgres-server.ts";

// What every `Storage.bulkWriter` does, on a SQLite file and a real PostgreSQL; what each does alone is in
// sqlite-bulk-writer.test.ts and postgres-bulk-writer.test.ts, and the engine through both in source-store-contract.test.ts.
const pgBin = findPostgresBin();
if (!pgBin) console.warn(`bulk-writer-contract.test: ${POSTGRES_MISSING}`);

let dir: string;
let server: PostgresServer | undefined;
let databases = 0;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "copyquota-bulk-contract-"));
  if (pgBin) server = await startPostgres(pgBin);
});
afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const backends: Array<[string, () => Promise<Storage>]> = [["SQLite", async () => openSqliteStorage(path.join(dir, `bulk-${++databases}.db`))]];
if (pgBin) backends.push(["PostgreSQL", async () => openPostgresStorage(await server!.createSchema(`bulk_${++databases}`))]);

const DOMAIN = "zarechye.example";
const FOOTER = "0123456789abcdef";
const OWN = "8000000000000000";

function source(n: number, domain = DOMAIN): NewSource {
  const text = `Заметка номер ${n} о ремонте моста через реку.`;
  return { url: `https://${domain}/n/${n}`, title: `Заметка ${n}`, published: "2025-09-18T08:30:00+05:00", reference: false, domain, text, protectedText: text, boilerplate: [] };
}

const entry = (fingerprints: number[], blockKeys: string[]) => ({ words: wordSequence(tokenize("Короткий текст заметки.")), fingerprints, blockKeys });

describe.each(backends)("%s bulk writer, two sources a transaction", (_name, open) => {
  async function withWriter(work: (storage: Storage, writer: ReturnType<Storage["bulkWriter"]>) => Promise<void>): Promise<void> {
    const storage = await open();
    const writer = storage.bulkWriter({ group: 2 });
    try {
      await work(storage, writer);
    } finally {
      await writer.close();
      await storage.close();
    }
  }

  it("gives back what it accepted, replaces by URL, and leaves everything to the storage once closed", async () => {
    await withWriter(async (storage, writer) => {
      const ids = [];
      for (let n = 1; n <= 3; n++) {
        const put = await writer.putSource(source(n), entry([n, 100], [FOOTER]));
        expect(put.replaced).toBe(false);
        expect(await writer.getSource(source(n).url)).toMatchObject({ ...source(n), id: put.source.id });
        ids.push(put.source.id);
      }
      const again = await writer.putSource({ ...source(2), title: "Новая версия" }, entry([200], [OWN]));
      expect(again.replaced).toBe(true);
      expect(await writer.getSource(source(2).url)).toMatchObject({ title: "Новая версия", id: again.source.id });
      await writer.close();

      expect(await storage.sources.countSources()).toBe(3);
      expect((await storage.sources.candidates([1, 2, 3, 100, 200], { maxDf: 10, minShared: 1, limit: 10 })).map((c) => [c.sourceId, c.shared])).toEqual([
        [ids[0], 2],
        [ids[2], 2],
        [again.source.id, 1],
      ]);
      expect((await storage.sources.getWords([again.source.id])).get(again.source.id)?.codes).toEqual(entry([], []).words.codes);
      expect(await storage.sources.blockCounts(DOMAIN, [FOOTER, OWN], "https://zarechye.example/new")).toEqual(new Map([[FOOTER, 2], [OWN, 1]]));
    });
  });

  it("counts the domain's blocks, stored and waiting, but the URL asked about's, up to atMost, and finds a block's sources", async () => {
    await withWriter(async (_storage, writer) => {
      for (let n = 1; n <= 5; n++) await writer.putSource(source(n), entry([n], n === 5 ? [FOOTER, OWN] : [FOOTER]));
      await writer.putSource(source(6, "gorportal.example"), entry([6], [FOOTER]));
      const newUrl = "https://zarechye.example/new";
      expect(await writer.blockCounts(DOMAIN, [FOOTER, OWN], newUrl, 10)).toEqual(new Map([[FOOTER, 5], [OWN, 1]]));
      expect(await writer.blockCounts(DOMAIN, [FOOTER, OWN], newUrl, 3)).toEqual(new Map([[FOOTER, 3], [OWN, 1]]));
      expect(await writer.blockCounts(DOMAIN, [FOOTER, OWN], source(5).url, 10)).toEqual(new Map([[FOOTER, 4], [OWN, 0]]));
      expect(await writer.blockCounts("gorportal.example", [FOOTER, OWN], newUrl, 10)).toEqual(new Map([[FOOTER, 1], [OWN, 0]]));
      expect(await writer.sourcesWithBlock(DOMAIN, OWN)).toEqual([source(5).url]);
      expect((await writer.sourcesWithBlock(DOMAIN, FOOTER)).sort()).toEqual([1, 2, 3, 4, 5].map((n) => source(n).url));
    });
  });
});

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import type { TransactionRepositories } from "../../src/io/storage/repositories.ts";
import { createCaseService } from "../../src/cases/case-service.ts";
import type { recordCheck, recordGone } from "../../src/cases/record-check.ts";
import { sha256Hex } from "../../src/cases/evidence.ts";
import { createEngine } from "../../src/engine/create-engine.ts";
import { openSqliteStorage, type SqliteStorage } from "../../src/io/storage/sqlite-storage.ts";
import { bodyOf, HEATING, sourceDocument } from "../store/zarechye-articles.ts";

/** The database's units of work, with recording a check failing as a full disk would, after the evidence and the check were written. */
function failingRecord(storage: SqliteStorage) {
  return {
    ...storage,
    transaction: <T>(work: (tx: TransactionRepositories) => Promise<T>) =>
      storage.transaction((tx) => {
        const cases: typeof tx.cases = Object.create(tx.cases);
        cases.applyChanges = async () => {
          throw new Error("database or disk is full");
        };
        return work({ ...tx, cases });
      }),
  };
}

describe("the case service records a check and its evidence as one unit of work", () => {
  let dir: string;
  let storage: SqliteStorage;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "copyquota-service-"));
    storage = openSqliteStorage(path.join(dir, "db.sqlite"));
    await createEngine(storage.sources).addSource(sourceDocument(HEATING), { reference: false });
  });
  afterAll(async () => {
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("keeps no evidence of a check whose recording failed, and both once it succeeds", async () => {
    const engine = createEngine(storage.sources);
    const text = bodyOf(HEATING).join("\n\n");
    const submission = { url: "https://copier.example/news/1", text };
    const sha256 = sha256Hex(new TextEncoder().encode(text));
    const failing = createCaseService({ engine, storage: failingRecord(storage), fetcher: null });
    await expect(failing.checkSubmission(submission, "editor")).rejects.toThrow("disk is full");
    expect(await storage.evidence.capturesOf(sha256)).toEqual([]);
    // The check was written before the failure, as the first of the database's: rolled back with the rest.
    expect(await storage.cases.getCheck(1)).toBeNull();

    const service = createCaseService({ engine, storage, fetcher: null });
    const { recorded, evidence } = await service.checkSubmission(submission, "editor");
    expect(recorded.opened).toHaveLength(1);
    expect(recorded.checkId).toBe(1);
    expect(evidence.sha256).toBe(sha256);
    expect(await storage.evidence.capturesOf(sha256)).toHaveLength(1);
  });

  // Checked by the compiler (`npm run typecheck`, part of `npm test`): the storage's own cases are not a unit of
  // work's, so recording a check or a gone page with them, outside `storage.transaction`, does not compile.
  it("records a check and a gone page only through a unit of work's cases", () => {
    expectTypeOf<TransactionRepositories["cases"]>().toMatchTypeOf<Parameters<typeof recordCheck>[0]>();
    expectTypeOf<SqliteStorage["cases"]>().not.toMatchTypeOf<Parameters<typeof recordCheck>[0]>();
    expectTypeOf<SqliteStorage["cases"]>().not.toMatchTypeOf<Parameters<typeof recordGone>[0]>();
  });
});

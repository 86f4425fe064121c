import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { EvidenceStore, NewEvidence } from "../../src/cases/evidence.ts";
import { SqliteEvidenceStore } from "../../src/cases/sqlite-evidence-store.ts";
import { PostgresEvidenceStore } from "../../src/cases/postgres-evidence-store.ts";
import { EVIDENCE_TABLES } from "../../src/io/storage/postgres-tables/evidence.ts";
import { storeBackends } from "./store-backends.ts";

/** The store, and a way around it to the same database: what a bug of ours, or a careless admin, could send. */
interface Evidence {
  store: EvidenceStore;
  sql(statement: string): Promise<unknown>;
}

const backends = storeBackends<Evidence>("evidence", {
  sqlite: (db) => ({ store: new SqliteEvidenceStore(db), sql: async (statement) => db.prepare(statement).run() }),
  postgres: (db) => ({ store: new PostgresEvidenceStore(db), sql: (statement) => db.query(statement) }),
  tables: EVIDENCE_TABLES,
});

/** Every byte value, so that no encoding of the bytes on the way in or out goes unnoticed. */
const EVERY_BYTE = Uint8Array.from({ length: 512 }, (_, i) => (i * 7) % 256);

const fetched = (body: Uint8Array, fetchedAt: string): NewEvidence => ({
  body,
  url: "https://reposter.example/a",
  finalUrl: "https://www.reposter.example/a",
  origin: "fetched",
  fetchedAt,
  status: 200,
  // Header order as received is kept: a capture reads back exactly as it came.
  headers: { "x-served-by": "edge-7", "content-type": "text/html; charset=windows-1251", date: "Wed, 01 May 2024 10:00:00 GMT" },
  contentType: "text/html; charset=windows-1251",
});

describe.each(backends.map((b) => [b.name, b] as const))("%s evidence: the same semantics", (_name, backend) => {
  it("stores the bytes once per hash and a capture per look, and gives both back exactly", async () => {
    const { store } = (await backend.database()).connect();
    const first = await store.capture(fetched(EVERY_BYTE, "2024-05-01T10:00:00.000Z"));
    const sha256 = createHash("sha256").update(EVERY_BYTE).digest("hex");
    expect(first).toEqual({
      id: first.id,
      sha256,
      size: 512,
      url: "https://reposter.example/a",
      finalUrl: "https://www.reposter.example/a",
      origin: "fetched",
      fetchedAt: "2024-05-01T10:00:00.000Z",
      status: 200,
      headers: fetched(EVERY_BYTE, "").headers,
      contentType: "text/html; charset=windows-1251",
    });
    expect(Object.keys(first.headers)).toEqual(["x-served-by", "content-type", "date"]);
    const submitted = await store.capture({ body: EVERY_BYTE, url: "https://reposter.example/a", finalUrl: "https://reposter.example/a", origin: "submitted", fetchedAt: "2024-05-02T10:00:00.000Z", status: null, headers: {}, contentType: null });
    expect(submitted).toMatchObject({ sha256, size: 512, status: null, headers: {}, contentType: null, origin: "submitted" });
    expect(submitted.id).toBeGreaterThan(first.id);
    expect(await store.getCapture(first.id)).toEqual(first);
    expect(await store.capturesOf(sha256)).toEqual([first, submitted]);
    expect(Array.from((await store.body(sha256))!)).toEqual(Array.from(EVERY_BYTE));
  });

  it("keeps an empty body, and answers for hashes and ids it does not hold with nothing", async () => {
    const { store } = (await backend.database()).connect();
    const empty = await store.capture(fetched(new Uint8Array(0), "2024-05-01T10:00:00.000Z"));
    expect(empty).toMatchObject({ sha256: createHash("sha256").digest("hex"), size: 0 });
    expect((await store.body(empty.sha256))!.byteLength).toBe(0);
    expect(await store.body("0".repeat(64))).toBeNull();
    expect(await store.capturesOf("0".repeat(64))).toEqual([]);
    expect(await store.getCapture(empty.id + 1000)).toBeNull();
    expect(await store.getCapture(1.5)).toBeNull();
  });

  it("refuses to rewrite or delete evidence, even by a statement past the store, and keeps it whole", async () => {
    const { store, sql } = (await backend.database()).connect();
    const capture = await store.capture(fetched(EVERY_BYTE, "2024-05-01T10:00:00.000Z"));
    await expect(sql("UPDATE evidence_blobs SET size = 0")).rejects.toThrow("evidence is never rewritten");
    await expect(sql("UPDATE evidence_captures SET url = 'https://elsewhere.example/'")).rejects.toThrow("evidence is never rewritten");
    await expect(sql("DELETE FROM evidence_captures")).rejects.toThrow("evidence is never deleted");
    await expect(sql("DELETE FROM evidence_blobs")).rejects.toThrow("evidence is never deleted");
    expect(await store.capturesOf(capture.sha256)).toEqual([capture]);
    expect(Array.from((await store.body(capture.sha256))!)).toEqual(Array.from(EVERY_BYTE));
  });

  it("keeps every capture and one copy of the bytes when two processes capture the same page at once, again and again", async () => {
    const database = await backend.database();
    const [a, b] = [database.connect().store, database.connect().store];
    const pages = Array.from({ length: 5 }, (_, n) => new TextEncoder().encode(`<html>страница ${n}</html>`));
    const captures = await Promise.all(
      Array.from({ length: 20 }, (_, round) => pages.flatMap((body) => [a.capture(fetched(body, `2024-05-01T10:00:${String(round).padStart(2, "0")}.000Z`)), b.capture(fetched(body, `2024-05-01T11:00:${String(round).padStart(2, "0")}.000Z`))])).flat(),
    );
    expect(new Set(captures.map((c) => c.id)).size).toBe(200);
    for (const body of pages) {
      const sha256 = createHash("sha256").update(body).digest("hex");
      expect(await b.capturesOf(sha256)).toHaveLength(40);
      expect(new TextDecoder().decode((await a.body(sha256))!)).toBe(new TextDecoder().decode(body));
    }
  });
});

describe.each(backends.filter((b) => b.name === "PostgreSQL").map((b) => [b.name, b] as const))("%s evidence", (_name, backend) => {
  it("refuses TRUNCATE too, which row triggers would not see", async () => {
    const { store, sql } = (await backend.database()).connect();
    const capture = await store.capture(fetched(EVERY_BYTE, "2024-05-01T10:00:00.000Z"));
    await expect(sql("TRUNCATE evidence_captures")).rejects.toThrow("evidence is never deleted");
    await expect(sql("TRUNCATE evidence_blobs CASCADE")).rejects.toThrow("evidence is never deleted");
    expect(await store.capturesOf(capture.sha256)).toEqual([capture]);
  });
});

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { openDatabase } from "../../src/io/storage/sqlite-database.ts";
import { migrateSqlite, SQLITE_MIGRATIONS, type SqliteMigration } from "../../src/io/storage/sqlite-migrations.ts";
import { SqliteSourceStore } from "../../src/io/store/sqlite-source-store.ts";
import { SqliteAuthStore } from "../../src/server/auth/sqlite-auth-store.ts";
import { SqliteWatchlist } from "../../src/monitor/sqlite-watchlist.ts";
import { tokenize, wordSequence } from "../../src/core/text/tokenize.ts";
import { cli } from "../e2e/support.ts";

const LATEST = SQLITE_MIGRATIONS.at(-1)!.version;

// Fictional text written for these tests.
const TEXT = "Нацбанк сохранил базовую ставку на уровне 14,25% годовых. Решение совпало с ожиданиями аналитиков.";

function userVersion(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return db.pragma("user_version", { simple: true }) as number;
  } finally {
    db.close();
  }
}

/** The file's schema, statement by statement, as SQLite keeps it. */
function schemaOf(db: Database.Database): string[] {
  return db.prepare("SELECT type || ' ' || name || ': ' || coalesce(sql, '') FROM sqlite_master ORDER BY type, name").pluck().all() as string[];
}

/** A file with `api_keys` as made before roles and key ids, holding the admin's key and another, nothing else. */
function writeKeysOfBeforeRoles(file: string): void {
  const db = new Database(file);
  db.exec(`CREATE TABLE api_keys (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, key_hash TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL);
    INSERT INTO api_keys (name, key_hash, created_at) VALUES ('admin', 'hash-1', '2026-11-01T00:00:00Z'), ('editor.old', 'hash-2', '2026-11-01T00:00:00Z');`);
  db.close();
}

describe("SQLite schema migrations", () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "copyquota-migrations-"));
    file = path.join(dir, "copyquota.db");
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("gives a new file the latest version and every store's tables, and leaves it as it is when opened again", () => {
    const db = openDatabase(file);
    const schema = schemaOf(db);
    db.close();
    expect(userVersion(file)).toBe(LATEST);
    for (const table of ["sources", "fingerprints", "blocks", "checks", "cases", "evidence_blobs", "licenses", "settings", "api_keys", "sessions", "monitor_sites", "monitor_urls", "monitor_jobs", "monitor_processes"]) {
      expect(schema.some((line) => line.startsWith(`table ${table}:`))).toBe(true);
    }
    expect(schema).toContain("index api_keys_key_id: CREATE UNIQUE INDEX api_keys_key_id ON api_keys (key_id)");
    const again = openDatabase(file);
    expect(schemaOf(again)).toEqual(schema);
    again.close();
  });

  it("adopts a file the previous release wrote (its tables, no version), keeping its rows", async () => {
    const sources = SqliteSourceStore.open(file);
    const { source } = await sources.putSource(
      { url: "https://vestnik.test/news/1", title: "Ставка", published: "2024-03-01T09:00:00Z", reference: false, domain: "vestnik.test", text: TEXT, protectedText: TEXT, boilerplate: [] },
      { words: wordSequence(tokenize(TEXT)), fingerprints: [11, 12], blockKeys: ["00000000000000a1"] },
    );
    await new SqliteAuthStore(sources.db).putKey("lawyer.dana", { keyId: "k1", keyHash: "hash-1", role: "reader" });
    await new SqliteWatchlist(sources.db).add({ url: "https://reposter.test/", kind: "site", listings: [], intervalMs: 3_600_000, since: null }, "2026-12-01T00:00:00Z");
    const schema = schemaOf(sources.db);
    await sources.close();
    // The previous release made the same tables and kept no version.
    const previous = new Database(file);
    previous.pragma("user_version = 0");
    previous.close();

    const reopened = SqliteSourceStore.open(file);
    expect(reopened.db.pragma("user_version", { simple: true })).toBe(LATEST);
    expect(schemaOf(reopened.db)).toEqual(schema);
    expect((await reopened.getSource(source.url))?.text).toBe(TEXT);
    expect(await reopened.candidates([11, 12], { maxDf: 10, minShared: 1, limit: 10 })).toEqual([{ sourceId: source.id, shared: 2 }]);
    expect((await new SqliteAuthStore(reopened.db).listKeys()).map((key) => [key.name, key.role])).toEqual([["lawyer.dana", "reader"]]);
    expect((await new SqliteWatchlist(reopened.db).list()).map((site) => site.url)).toEqual(["https://reposter.test/"]);
    await reopened.close();
  });

  it("gives the keys of a file made before roles their roles and key ids: the admin's stays the admin's, the others become editors'", async () => {
    writeKeysOfBeforeRoles(file);
    const db = openDatabase(file);
    const auth = new SqliteAuthStore(db);
    expect((await auth.listKeys()).map((key) => [key.name, key.role])).toEqual([
      ["admin", "admin"],
      ["editor.old", "editor"],
    ]);
    expect((await auth.keysById(null)).map((key) => key.name)).toEqual(["admin", "editor.old"]);
    expect(db.pragma("user_version", { simple: true })).toBe(LATEST);
    db.close();
  });

  it("refuses a file of a newer schema in one line naming it and both versions, and leaves it byte for byte as it was", async () => {
    openDatabase(file).close();
    const newer = new Database(file);
    newer.pragma(`user_version = ${LATEST + 2}`);
    newer.close();
    const before = readFileSync(file);
    const message = `${file} was written by a newer CopyQuota (schema ${LATEST + 2}; this one knows up to ${LATEST}): upgrade CopyQuota`;

    expect(() => openDatabase(file)).toThrow(message);
    expect(readFileSync(file).equals(before)).toBe(true);

    const run = await cli(["--db", file, "cases", "list"]);
    expect(run.code).toBe(2);
    expect(run.stderr.startsWith(`copyquota: ${message}`)).toBe(true);
    expect(run.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it("leaves a file as it was when a migration fails midway, and migrates it once the migrations succeed", () => {
    writeKeysOfBeforeRoles(file);
    const db = new Database(file);
    const before = schemaOf(db);
    const failing: SqliteMigration = {
      version: LATEST + 1,
      name: "fails after writing",
      apply(db) {
        db.exec("CREATE TABLE half_done (x); INSERT INTO half_done VALUES (1)");
        throw new Error("the disk is full");
      },
    };

    expect(() => migrateSqlite(db, [...SQLITE_MIGRATIONS, failing])).toThrow("the disk is full");
    expect(db.pragma("user_version", { simple: true })).toBe(0);
    expect(schemaOf(db)).toEqual(before);
    expect(db.prepare("SELECT name FROM api_keys ORDER BY id").pluck().all()).toEqual(["admin", "editor.old"]);

    migrateSqlite(db);
    expect(db.pragma("user_version", { simple: true })).toBe(LATEST);
    expect(db.prepare("SELECT name, role FROM api_keys ORDER BY id").raw().all()).toEqual([
      ["admin", "admin"],
      ["editor.old", "editor"],
    ]);
    db.close();
  });
});

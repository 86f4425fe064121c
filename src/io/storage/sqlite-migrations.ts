import type Database from "better-sqlite3";
import { ownBuffer } from "../store/blob.ts";
import { DomainKeys } from "../store/domain-keys.ts";
import { ADMIN } from "../../server/auth/admin-key.ts";
import type { Migration } from "./schema-version.ts";
import { NewerSchemaError } from "./schema-version.ts";
import { columnsOf, hasTable } from "./sqlite-catalog.ts";
import { refuseOtherIndexFormat } from "./sqlite-index-format.ts";
import { HELD_SOURCES_TABLE, SOURCE_TABLES } from "./sqlite-tables/sources.ts";
import { CASE_TABLES } from "./sqlite-tables/cases.ts";
import { EVIDENCE_TABLES } from "./sqlite-tables/evidence.ts";
import { LICENSE_TABLES } from "./sqlite-tables/licenses.ts";
import { SETTINGS_TABLES } from "./sqlite-tables/settings.ts";
import { AUTH_TABLES } from "./sqlite-tables/auth.ts";
import { WATCHLIST_TABLES } from "./sqlite-tables/watchlist.ts";
import { URL_STATE_TABLES } from "./sqlite-tables/url-states.ts";
import { JOB_QUEUE_TABLES } from "./sqlite-tables/queue.ts";
import { MONITOR_STATUS_TABLES } from "./sqlite-tables/monitors.ts";

/** A SQLite migration: what it does to the file, run inside the transaction that migrates it. */
export interface SqliteMigration extends Migration {
  apply(db: Database.Database): void;
}

/**
 * The schema's history, oldest first. A file keeps only the version of the last migration it has had, in
 * `PRAGMA user_version` (0 in files made before numbered migrations): the names are for readers of this list.
 * Append only: a released migration is never edited, since files out there have already had it.
 */
export const SQLITE_MIGRATIONS: readonly SqliteMigration[] = Object.freeze([
  { version: 1, name: "every table, as the stores made them before numbered migrations", apply: createTables },
  { version: 2, name: "API keys gain roles and key ids", apply: addKeyRolesAndIds },
  { version: 3, name: "block rows keyed with their source's domain", apply: keyBlocksWithTheirDomain },
  { version: 4, name: "sources whose postings a bulk load holds", apply: (db) => db.exec(HELD_SOURCES_TABLE) },
]);

/**
 * Brings the file's schema up to the last of `migrations`, all of them in one transaction, so that a migration
 * failing midway leaves the file as it was. A file already there costs one read of its version. A file of a
 * newer schema is refused (`NewerSchemaError`) before anything is written.
 */
export function migrateSqlite(db: Database.Database, migrations: readonly SqliteMigration[] = SQLITE_MIGRATIONS): void {
  const known = migrations.at(-1)?.version ?? 0;
  const refuseNewer = (found: number) => {
    if (found > known) throw new NewerSchemaError(db.name, found, known);
  };
  const found = schemaVersion(db);
  refuseNewer(found);
  if (found === known) return;
  // Immediate, and the version read again inside: another process opening the file may have migrated it first.
  db.transaction(() => {
    const from = schemaVersion(db);
    refuseNewer(from);
    if (from === known) return;
    for (const migration of migrations) if (migration.version > from) migration.apply(db);
    db.pragma(`user_version = ${known}`);
  }).immediate();
}

function schemaVersion(db: Database.Database): number {
  return db.pragma("user_version", { simple: true }) as number;
}

/**
 * 1: the statements keep IF NOT EXISTS, so a file of the time before numbered migrations is adopted as it is;
 * one whose sources were indexed in another format is refused first.
 */
function createTables(db: Database.Database): void {
  refuseOtherIndexFormat(db);
  for (const tables of [SOURCE_TABLES, CASE_TABLES, EVIDENCE_TABLES, LICENSE_TABLES, SETTINGS_TABLES, AUTH_TABLES, WATCHLIST_TABLES, URL_STATE_TABLES, JOB_QUEUE_TABLES, MONITOR_STATUS_TABLES]) {
    db.exec(tables);
  }
}

/**
 * 2: files made before roles and key ids lack both columns. The admin key keeps its rights, and every other key
 * becomes an editor's, which keeps what it could do but policy and licenses (now the admin's).
 */
function addKeyRolesAndIds(db: Database.Database): void {
  const columns = columnsOf(db, "api_keys");
  if (!columns.has("role")) {
    db.exec("ALTER TABLE api_keys ADD COLUMN role TEXT NOT NULL DEFAULT 'editor' CHECK (role IN ('reader', 'editor', 'admin'))");
    db.prepare("UPDATE api_keys SET role = 'admin' WHERE name = ?").run(ADMIN);
  }
  if (!columns.has("key_id")) db.exec("ALTER TABLE api_keys ADD COLUMN key_id TEXT");
  db.exec("CREATE UNIQUE INDEX IF NOT EXISTS api_keys_key_id ON api_keys (key_id)");
}

/**
 * 3: see `DomainKeys`. A file written before kept block rows under the bare keys, with a table of per-domain
 * counts, `block_counts`: its rows are rebuilt from the block lists the sources keep, and the counts dropped.
 */
function keyBlocksWithTheirDomain(db: Database.Database): void {
  if (!hasTable(db, "block_counts")) return;
  const domainKeys = new DomainKeys();
  const insert = db.prepare("INSERT OR IGNORE INTO blocks (block_key, source_id) VALUES (?, ?)");
  db.exec("DELETE FROM blocks; DELETE FROM recent_blocks; DROP TABLE block_counts");
  for (const row of db.prepare("SELECT id, domain, block_keys FROM sources").all() as Array<{ id: number; domain: string; block_keys: Buffer }>) {
    for (const key of domainKeys.of(row.domain, [...new BigInt64Array(ownBuffer(row.block_keys))])) insert.run(key, row.id);
  }
}

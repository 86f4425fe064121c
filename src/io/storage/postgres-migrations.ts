import type { Pool, PoolClient } from "pg";
import type { Migration } from "./schema-version.ts";
import { NewerSchemaError } from "./schema-version.ts";
import { inTransaction, openPostgresPool } from "../store/postgres-connection.ts";
import { redactPostgresUrl } from "../store/postgres-url.ts";
import { assertIndexFormat } from "../store/postgres-source-store.ts";
import { DomainKeys } from "../store/domain-keys.ts";
import { SOURCE_TABLES } from "./postgres-tables/sources.ts";
import { QUEUE_TABLES } from "./postgres-tables/queue.ts";
import { CASE_TABLES } from "./postgres-tables/cases.ts";
import { EVIDENCE_TABLES } from "./postgres-tables/evidence.ts";
import { LICENSE_TABLES } from "./postgres-tables/licenses.ts";
import { SETTINGS_TABLES } from "./postgres-tables/settings.ts";
import { AUTH_TABLES } from "./postgres-tables/auth.ts";
import { MONITOR_STATUS_TABLES } from "./postgres-tables/monitors.ts";
import { WATCHLIST_TABLES } from "./postgres-tables/watchlist.ts";
import { URL_STATE_TABLES } from "./postgres-tables/url-states.ts";

/** A PostgreSQL migration: the statements it runs, then `step`, on the migration's connection and in its transaction. */
interface PostgresMigration extends Migration {
  sql: string;
  /** What the statements cannot say by themselves (a hash computed as JavaScript computes it). */
  step?: (client: PoolClient) => Promise<void>;
}

/**
 * The schema's history, oldest first. Versions 1 and 2 adopt what databases written before versions existed
 * already hold (sources, the job queue); 3 adds everything the whole product needs besides; 4 keys block rows
 * as SQLite's are (its migration 3) and drops the table of block counts that 1 made until then.
 */
export const POSTGRES_MIGRATIONS: readonly PostgresMigration[] = Object.freeze([
  { version: 1, name: "sources and their fingerprint index", sql: SOURCE_TABLES },
  { version: 2, name: "the monitor's job queue", sql: QUEUE_TABLES },
  {
    version: 3,
    name: "cases, evidence, licenses, policy, API keys and sessions, monitors, watchlist, URL states",
    sql: [CASE_TABLES, EVIDENCE_TABLES, LICENSE_TABLES, SETTINGS_TABLES, AUTH_TABLES, MONITOR_STATUS_TABLES, WATCHLIST_TABLES, URL_STATE_TABLES].join("\n"),
  },
  { version: 4, name: "block rows keyed with their source's domain, counted from the rows", sql: "DROP TABLE IF EXISTS block_counts", step: keyBlocksWithTheirDomain },
]);

/** Serializes migrations among processes starting at once: DDL is not safe against itself. */
const MIGRATION_LOCK = "copyquota.schema";

/**
 * Brings the database's schema to this build's version, in one transaction: every pending migration is
 * applied and recorded, or none is. A database of a newer version is refused, as is one whose sources were
 * indexed in another format; either is left as it was.
 * @param name what messages call the database (its URL, password hidden)
 */
export async function migratePostgres(pool: Pool, name: string, migrations: readonly PostgresMigration[] = POSTGRES_MIGRATIONS): Promise<void> {
  await inTransaction(pool, async (client) => {
    await client.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [MIGRATION_LOCK]);
    const current = await schemaVersion(client);
    const known = migrations.at(-1)?.version ?? 0;
    if (current > known) throw new NewerSchemaError(name, current, known);
    if (current === 0) await assertIndexFormat(client, name);
    for (const migration of migrations) {
      if (migration.version <= current) continue;
      await client.query(migration.sql);
      await migration.step?.(client);
      await client.query("INSERT INTO schema_versions (version, name, applied_at) VALUES ($1, $2, $3)", [migration.version, migration.name, new Date().toISOString()]);
    }
  });
}

/**
 * 4: block rows were keyed by the bare block key, with a table of per-domain counts. They are written again
 * from the block lists the sources keep, each key XORed with its domain's hash (`DomainKeys`): the hashes are
 * computed here, one a domain, and the rows in one statement, in key order, so that the index is filled from
 * its right edge rather than at random. A new database, with no sources, costs three quick statements.
 */
async function keyBlocksWithTheirDomain(client: PoolClient): Promise<void> {
  const { rows } = await client.query<{ domain: string }>("SELECT DISTINCT domain FROM sources");
  const domainKeys = new DomainKeys();
  await client.query("TRUNCATE blocks");
  await client.query(
    `INSERT INTO blocks (block_key, source_id)
      SELECT key # d.hash, s.id FROM sources AS s JOIN unnest($1::text[], $2::int8[]) AS d(domain, hash) USING (domain), unnest(s.block_keys) AS key
      ORDER BY 1, 2`,
    [rows.map((row) => row.domain), rows.map((row) => domainKeys.hash(row.domain))],
  );
}

async function schemaVersion(client: PoolClient): Promise<number> {
  await client.query("CREATE TABLE IF NOT EXISTS schema_versions (version int4 PRIMARY KEY, name text NOT NULL, applied_at text NOT NULL)");
  const { rows } = await client.query<{ version: number | null }>("SELECT max(version) AS version FROM schema_versions");
  return rows[0]?.version ?? 0;
}

/**
 * A pool to the database at `url`, its schema brought up to this build's version (see `migratePostgres`); the
 * pool is ended when that fails.
 * @throws naming the database (password hidden) when it cannot be reached, refuses the login, or is newer.
 */
export async function openMigratedPool(url: string): Promise<Pool> {
  const pool = await openPostgresPool(url);
  try {
    await migratePostgres(pool, redactPostgresUrl(url));
  } catch (error) {
    await pool.end();
    throw error;
  }
  return pool;
}

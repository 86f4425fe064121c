import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type Database from "better-sqlite3";
import { afterAll, beforeAll } from "vitest";
import type { PgExecutor } from "../../src/io/storage/postgres-executor.ts";
import { openDatabase } from "../../src/io/storage/sqlite-database.ts";
import { findPostgresBin, POSTGRES_MISSING, startPostgres, type PostgresServer } from "../support/postgres-server.ts";
import { schemaWith, TestPools } from "../support/postgres-pools.ts";

/** A fresh, empty database of one backend. */
export interface TestDatabase<S> {
  /** The store on this database through a connection (SQLite) or pool (PostgreSQL) of its own: what one more process holds. */
  connect(): S;
}

/** One backend a contract suite runs on. */
export interface StoreBackend<S> {
  name: string;
  database(): Promise<TestDatabase<S>>;
}

/**
 * The backends a contract suite runs its assertions on: a SQLite file, migrated as the product opens it, and,
 * when PostgreSQL's binaries are installed, a schema of a server started for this test file with `tables` (a
 * `postgres-tables` constant) created in it. Registers the file's hooks that start and stop what they need;
 * without PostgreSQL it says so on the console as the file loads.
 * @param suite names the test file's temporary files and schemas (letters, digits and underscores)
 */
export function storeBackends<S>(suite: string, stores: { sqlite(db: Database.Database): S; postgres(db: PgExecutor): S; tables: string }): StoreBackend<S>[] {
  const pgBin = findPostgresBin();
  let dir: string;
  let server: PostgresServer | undefined;
  let databases = 0;
  const files: Database.Database[] = [];
  const pools = new TestPools();

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), `copyquota-${suite}-`));
    if (pgBin) server = await startPostgres(pgBin);
  });
  afterAll(async () => {
    for (const db of files.splice(0)) db.close();
    await pools.end();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const sqlite: StoreBackend<S> = {
    name: "SQLite",
    async database() {
      const file = path.join(dir, `${suite}-${++databases}.db`);
      return {
        connect() {
          const db = openDatabase(file);
          files.push(db);
          return stores.sqlite(db);
        },
      };
    },
  };
  const postgres: StoreBackend<S> = {
    name: "PostgreSQL",
    async database() {
      const url = await schemaWith(server!, `${suite}_${++databases}`, stores.tables);
      return { connect: () => stores.postgres(pools.executor(url)) };
    },
  };
  if (!pgBin) console.warn(`${suite}: ${POSTGRES_MISSING}`);
  return pgBin ? [sqlite, postgres] : [sqlite];
}

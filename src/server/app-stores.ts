import type Database from "better-sqlite3";
import type { Engine } from "../engine/engine.ts";
import type { Fetcher } from "../io/fetch/fetcher.ts";
import type { CaseService } from "../cases/case-service.ts";
import { openDatabase, SqliteSourceStore } from "../io/store/sqlite-source-store.ts";
import { createEngine } from "../engine/create-engine.ts";
import { SqliteCaseStore } from "../cases/sqlite-case-store.ts";
import { SqliteEvidenceStore } from "../cases/sqlite-evidence-store.ts";
import { SqliteLicenseStore } from "../cases/sqlite-license-store.ts";
import { SqlitePolicyStore } from "../cases/sqlite-policy-store.ts";
import { createCaseService } from "../cases/case-service.ts";
import { SqliteAuthStore } from "./auth/sqlite-auth-store.ts";

/** Everything the server keeps, on one SQLite database handle, with the engine and case service over it. */
export interface AppStores {
  db: Database.Database;
  sources: SqliteSourceStore;
  cases: SqliteCaseStore;
  evidence: SqliteEvidenceStore;
  licenses: SqliteLicenseStore;
  policies: SqlitePolicyStore;
  auth: SqliteAuthStore;
  engine: Engine;
  service: CaseService;
  /** Fetches candidate pages for URL checks and re-checks, and feed items; null when the server may not fetch. */
  fetcher: Fetcher | null;
  close(): Promise<void>;
}

/** Opens (creating when needed) the database file and every store on it. */
export function openAppStores(file: string, options: { fetcher: Fetcher | null }): AppStores {
  const db = openDatabase(file);
  const sources = new SqliteSourceStore(db);
  const cases = new SqliteCaseStore(db);
  const evidence = new SqliteEvidenceStore(db);
  const licenses = new SqliteLicenseStore(db);
  const policies = new SqlitePolicyStore(db);
  const auth = new SqliteAuthStore(db);
  const engine = createEngine(sources);
  const service = createCaseService({ engine, cases, evidence, licenses, policies, fetcher: options.fetcher });
  return { db, sources, cases, evidence, licenses, policies, auth, engine, service, fetcher: options.fetcher, close: () => sources.close() };
}

import type Database from "better-sqlite3";
import type { PolicyRules, PolicyStore } from "./policy-store.ts";
import { rulesOf } from "./policy-store.ts";
import { DEFAULT_POLICY } from "../core/policy/schema.ts";

/** The policy's rules in the CopyQuota SQLite database: one JSON document under a settings key. */
export class SqlitePolicyStore implements PolicyStore {
  private readonly stmts;

  constructor(db: Database.Database) {
    this.stmts = {
      get: db.prepare("SELECT value FROM settings WHERE key = 'policy'").pluck(),
      put: db.prepare("INSERT INTO settings (key, value) VALUES ('policy', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value"),
    };
  }

  async get(): Promise<PolicyRules | null> {
    const value = this.stmts.get.get() as string | undefined;
    // Rules stored before a field existed take its default.
    return value === undefined ? null : { ...rulesOf(DEFAULT_POLICY), ...(JSON.parse(value) as Partial<PolicyRules>) };
  }

  async put(rules: PolicyRules): Promise<void> {
    this.stmts.put.run(JSON.stringify(rules));
  }
}

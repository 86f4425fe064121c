import type Database from "better-sqlite3";
import type { PolicyRules, PolicyStore } from "./policy-store.ts";
import { POLICY_SETTING, rulesFromJson } from "./policy-rules-json.ts";

/** The policy's rules in the CopyQuota SQLite database: one JSON document under a settings key. */
export class SqlitePolicyStore implements PolicyStore {
  private readonly stmts;

  constructor(db: Database.Database) {
    this.stmts = {
      get: db.prepare("SELECT value FROM settings WHERE key = ?").pluck(),
      put: db.prepare("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value"),
    };
  }

  async get(): Promise<PolicyRules | null> {
    const value = this.stmts.get.get(POLICY_SETTING) as string | undefined;
    return value === undefined ? null : rulesFromJson(value);
  }

  async put(rules: PolicyRules): Promise<void> {
    this.stmts.put.run(POLICY_SETTING, JSON.stringify(rules));
  }
}

import type { PgExecutor } from "../io/storage/postgres-executor.ts";
import type { PolicyRules, PolicyStore } from "./policy-store.ts";
import { POLICY_SETTING, rulesFromJson } from "./policy-rules-json.ts";

/**
 * The policy's rules in PostgreSQL: one JSON document under a settings key (table: postgres-tables/settings.ts).
 * Servers storing rules at once, even the first rules of a new database, each upsert in one statement
 * (`ON CONFLICT`): the key's unique index orders them, the last write wins whole, and none fails.
 */
export class PostgresPolicyStore implements PolicyStore {
  constructor(private readonly db: PgExecutor) {}

  async get(): Promise<PolicyRules | null> {
    const { rows } = await this.db.query<{ value: string }>("SELECT value FROM settings WHERE key = $1", [POLICY_SETTING]);
    return rows[0] ? rulesFromJson(rows[0].value) : null;
  }

  async put(rules: PolicyRules): Promise<void> {
    await this.db.query("INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value", [
      POLICY_SETTING,
      JSON.stringify(rules),
    ]);
  }
}

/** Settings under a key, the policy's rules among them (`SqlitePolicyStore`). */
export const SETTINGS_TABLES = "CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID";

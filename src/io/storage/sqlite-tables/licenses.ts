/** Licenses, one row each (`SqliteLicenseStore`). */
export const LICENSE_TABLES = `
  CREATE TABLE IF NOT EXISTS licenses (
    id INTEGER PRIMARY KEY,
    domain TEXT NOT NULL,
    valid_from TEXT,
    valid_until TEXT,
    articles TEXT NOT NULL,
    lifts TEXT NOT NULL,
    note TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
`;

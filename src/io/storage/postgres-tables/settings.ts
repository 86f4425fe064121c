/** Settings kept as one value per key (today only the policy's rules: see `PostgresPolicyStore`). */
export const SETTINGS_TABLES = `
  CREATE TABLE settings (
    key text PRIMARY KEY,
    value text NOT NULL
  );
`;

import type { PgExecutor } from "../io/storage/postgres-executor.ts";
import { withStorableText } from "../io/storage/postgres-text.ts";
import type { License } from "../core/policy/policy.ts";
import type { LicenseStore, StoredLicense } from "./license-store.ts";
import { isInt4Id } from "../io/storage/int4-id.ts";
import { licenseColumns, licenseFromRow, type LicenseRow } from "./license-row.ts";

/**
 * Licenses in PostgreSQL, one row each (table: postgres-tables/licenses.ts). Every method is one statement:
 * ids come from the identity column, so licenses added at once by several servers never share one, and an
 * update or removal racing another on the same license is ordered by the row's lock.
 */
export class PostgresLicenseStore implements LicenseStore {
  private readonly db: PgExecutor;

  constructor(db: PgExecutor) {
    // A note is free text from an admin's form: a NUL in it is kept as U+FFFD rather than refusing the license.
    this.db = withStorableText(db);
  }

  async list(): Promise<StoredLicense[]> {
    const { rows } = await this.db.query<LicenseRow>("SELECT * FROM licenses ORDER BY domain, id");
    return rows.map(licenseFromRow);
  }

  async get(id: number): Promise<StoredLicense | null> {
    if (!isInt4Id(id)) return null;
    const { rows } = await this.db.query<LicenseRow>("SELECT * FROM licenses WHERE id = $1", [id]);
    return rows[0] ? licenseFromRow(rows[0]) : null;
  }

  async add(license: License, note: string): Promise<StoredLicense> {
    const terms = licenseColumns(license);
    const { rows } = await this.db.query<LicenseRow>(
      `INSERT INTO licenses (domain, valid_from, valid_until, articles, lifts, note, created_at, updated_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING *`,
      [terms.domain, terms.valid_from, terms.valid_until, terms.articles, terms.lifts, note, new Date().toISOString()],
    );
    return licenseFromRow(rows[0]!);
  }

  async update(id: number, license: License, note: string): Promise<StoredLicense | null> {
    if (!isInt4Id(id)) return null;
    const terms = licenseColumns(license);
    const { rows } = await this.db.query<LicenseRow>(
      `UPDATE licenses SET domain = $2, valid_from = $3, valid_until = $4, articles = $5, lifts = $6, note = $7, updated_at = $8
        WHERE id = $1 RETURNING *`,
      [id, terms.domain, terms.valid_from, terms.valid_until, terms.articles, terms.lifts, note, new Date().toISOString()],
    );
    return rows[0] ? licenseFromRow(rows[0]) : null;
  }

  async remove(id: number): Promise<boolean> {
    if (!isInt4Id(id)) return false;
    const { rowCount } = await this.db.query("DELETE FROM licenses WHERE id = $1", [id]);
    return (rowCount ?? 0) > 0;
  }
}

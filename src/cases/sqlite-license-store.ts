import type Database from "better-sqlite3";
import type { License } from "../core/policy/policy.ts";
import type { LicenseStore, StoredLicense } from "./license-store.ts";
import { licenseColumns, licenseFromRow, type LicenseRow } from "./license-row.ts";

/** Licenses in the CopyQuota SQLite database, one row each. */
export class SqliteLicenseStore implements LicenseStore {
  private readonly stmts;

  constructor(db: Database.Database) {
    this.stmts = {
      list: db.prepare("SELECT * FROM licenses ORDER BY domain, id"),
      get: db.prepare("SELECT * FROM licenses WHERE id = ?"),
      insert: db.prepare(`INSERT INTO licenses (domain, valid_from, valid_until, articles, lifts, note, created_at, updated_at)
        VALUES (@domain, @valid_from, @valid_until, @articles, @lifts, @note, @now, @now)`),
      update: db.prepare(`UPDATE licenses SET domain = @domain, valid_from = @valid_from, valid_until = @valid_until, articles = @articles,
        lifts = @lifts, note = @note, updated_at = @now WHERE id = @id`),
      remove: db.prepare("DELETE FROM licenses WHERE id = ?"),
    };
  }

  async list(): Promise<StoredLicense[]> {
    return (this.stmts.list.all() as LicenseRow[]).map(licenseFromRow);
  }

  async get(id: number): Promise<StoredLicense | null> {
    const row = this.stmts.get.get(id) as LicenseRow | undefined;
    return row ? licenseFromRow(row) : null;
  }

  async add(license: License, note: string): Promise<StoredLicense> {
    const info = this.stmts.insert.run({ ...licenseColumns(license), note, now: new Date().toISOString() });
    return licenseFromRow(this.stmts.get.get(Number(info.lastInsertRowid)) as LicenseRow);
  }

  async update(id: number, license: License, note: string): Promise<StoredLicense | null> {
    const info = this.stmts.update.run({ ...licenseColumns(license), note, now: new Date().toISOString(), id });
    return info.changes === 0 ? null : licenseFromRow(this.stmts.get.get(id) as LicenseRow);
  }

  async remove(id: number): Promise<boolean> {
    return this.stmts.remove.run(id).changes > 0;
  }
}

import type Database from "better-sqlite3";
import type { License, LicenseLift } from "../core/policy/policy.ts";
import type { LicenseStore, StoredLicense } from "./license-store.ts";

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
    return (this.stmts.list.all() as LicenseRow[]).map(fromRow);
  }

  async get(id: number): Promise<StoredLicense | null> {
    const row = this.stmts.get.get(id) as LicenseRow | undefined;
    return row ? fromRow(row) : null;
  }

  async add(license: License, note: string): Promise<StoredLicense> {
    const info = this.stmts.insert.run({ ...toParams(license), note, now: new Date().toISOString() });
    return fromRow(this.stmts.get.get(Number(info.lastInsertRowid)) as LicenseRow);
  }

  async update(id: number, license: License, note: string): Promise<StoredLicense | null> {
    const info = this.stmts.update.run({ ...toParams(license), note, now: new Date().toISOString(), id });
    return info.changes === 0 ? null : fromRow(this.stmts.get.get(id) as LicenseRow);
  }

  async remove(id: number): Promise<boolean> {
    return this.stmts.remove.run(id).changes > 0;
  }
}

interface LicenseRow {
  id: number;
  domain: string;
  valid_from: string | null;
  valid_until: string | null;
  articles: string;
  lifts: string;
  note: string;
  created_at: string;
  updated_at: string;
}

function toParams(license: License) {
  return {
    domain: license.domain,
    valid_from: license.from,
    valid_until: license.until,
    articles: JSON.stringify(license.articles),
    lifts: JSON.stringify(license.lifts),
  };
}

function fromRow(row: LicenseRow): StoredLicense {
  return {
    id: row.id,
    domain: row.domain,
    from: row.valid_from,
    until: row.valid_until,
    articles: JSON.parse(row.articles) as string[],
    lifts: JSON.parse(row.lifts) as LicenseLift[],
    note: row.note,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

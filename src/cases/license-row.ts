import type { License, LicenseLift } from "../core/policy/policy.ts";
import type { StoredLicense } from "./license-store.ts";

/**
 * A `licenses` row as both databases give it. Articles and lifts are kept as JSON text, not PostgreSQL's jsonb:
 * jsonb reorders an object's keys, and a license must read back exactly as it was written on either database.
 */
export interface LicenseRow {
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

/** The columns a license's terms fill. */
export function licenseColumns(license: License): Pick<LicenseRow, "domain" | "valid_from" | "valid_until" | "articles" | "lifts"> {
  return {
    domain: license.domain,
    valid_from: license.from,
    valid_until: license.until,
    articles: JSON.stringify(license.articles),
    lifts: JSON.stringify(license.lifts),
  };
}

export function licenseFromRow(row: LicenseRow): StoredLicense {
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

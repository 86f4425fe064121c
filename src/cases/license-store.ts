import type { License } from "../core/policy/policy.ts";

/** A license as the publisher keeps it: the policy's license plus who it was granted to, for people. */
export interface StoredLicense extends License {
  id: number;
  /** Free text for the people managing licenses (the partner's name, the contract number). */
  note: string;
  createdAt: string;
  updatedAt: string;
}

/**
 * Persistence of the licenses the publisher granted. They are the policy's `licenses`, kept one per row so
 * they can be added and withdrawn one at a time; SQLite implements it, PostgreSQL can.
 */
export interface LicenseStore {
  list(): Promise<StoredLicense[]>;
  get(id: number): Promise<StoredLicense | null>;
  add(license: License, note: string): Promise<StoredLicense>;
  /** Replaces a license's terms; null when no license has that id. */
  update(id: number, license: License, note: string): Promise<StoredLicense | null>;
  remove(id: number): Promise<boolean>;
}

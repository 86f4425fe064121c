import type { Policy } from "../core/policy/policy.ts";

/** The policy's rules without its licenses, which `LicenseStore` keeps one by one. */
export type PolicyRules = Omit<Policy, "licenses">;

/** Persistence of the publisher's current policy rules; SQLite implements it, PostgreSQL can. */
export interface PolicyStore {
  /** The stored rules, or null when none were ever stored. */
  get(): Promise<PolicyRules | null>;
  put(rules: PolicyRules): Promise<void>;
}

/** A policy's rules, without its licenses. */
export function rulesOf(policy: Policy): PolicyRules {
  return Object.fromEntries(Object.entries(policy).filter(([key]) => key !== "licenses")) as PolicyRules;
}

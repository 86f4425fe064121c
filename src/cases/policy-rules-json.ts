import type { PolicyRules } from "./policy-store.ts";
import { rulesOf } from "./policy-store.ts";
import { DEFAULT_POLICY } from "../core/policy/schema.ts";

/**
 * The settings key the rules are stored under, as one JSON text: the rules are read and written whole, never
 * queried by field, and text gives them back with their keys in the order they were written.
 */
export const POLICY_SETTING = "policy";

/** The stored rules; rules stored before a field existed take its default. */
export function rulesFromJson(value: string): PolicyRules {
  return { ...rulesOf(DEFAULT_POLICY), ...(JSON.parse(value) as Partial<PolicyRules>) };
}

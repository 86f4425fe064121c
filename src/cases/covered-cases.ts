import type { License } from "../core/policy/policy.ts";
import type { CaseStore } from "./case-store.ts";
import { OPEN_STATUSES } from "./case.ts";
import { licenseCovers, RULE_BROKEN } from "../core/policy/verdict.ts";

/**
 * Most open cases of one licensee's domain looked at: a domain with more open cases than this is not a
 * partner being licensed but a case load to work through in the case list.
 */
const MAX_CASES_LOOKED_AT = 10_000;

/**
 * The open cases a license settles, oldest activity last (the case list's order): cases of the licensee's
 * domain whose reuse it covers (dates, articles; the candidate's date as last checked, else the day it was last
 * seen) and whose every violation it lifts. A re-check would find them licensed; until then they stay open,
 * and the one granting the license is told which they are.
 */
export async function openCasesCoveredBy(license: License, cases: CaseStore): Promise<number[]> {
  const { items } = await cases.listCases({ status: [...OPEN_STATUSES], domain: license.domain }, { limit: MAX_CASES_LOOKED_AT, offset: 0 });
  const covered: number[] = [];
  for (const c of items) {
    const check = await cases.getCheck(c.lastCheckId);
    const reuse = { candidate: { url: c.candidate.url, published: check?.result.candidate.published ?? null }, source: { url: c.source.url }, now: c.lastSeen };
    if (licenseCovers(license, reuse) && c.violations.every((violation) => license.lifts.includes(RULE_BROKEN[violation]))) covered.push(c.id);
  }
  return covered;
}

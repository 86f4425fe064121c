import type { Actor } from "./case.ts";
import type { InTransaction } from "../io/storage/repositories.ts";
import type { CaseStore, CheckToRecord, RecordedCheck } from "./case-store.ts";
import { candidateKey } from "./candidate-key.ts";
import { planCaseUpdates, planPageGone } from "./plan-case-updates.ts";

/** A look at a candidate page that answered 404 or 410, as recorded: nothing was checked, its open cases resolve. */
export interface GoneToRecord {
  candidateUrl: string;
  /** The HTTP status the page answered. */
  status: number;
  evidenceSha256: string;
  actor: Actor;
  at: string;
}

/**
 * Records a check of a candidate page and applies it to the page's cases (see `planCaseUpdates`): the one place
 * that decides what a check changes, whichever database holds the cases. `cases` are a unit of work's
 * (`storage.transaction`): the cases read are the ones the plan changes, and the check, the cases and what
 * else the unit of work writes (evidence, the monitor's URL state and job) commit together.
 */
export async function recordCheck(cases: InTransaction<CaseStore>, input: CheckToRecord): Promise<RecordedCheck> {
  const key = candidateKey(input.result.candidate.url);
  const existing = await cases.casesOfPage(key.url);
  const checkId = await cases.insertCheck(key.url, input);
  return cases.applyChanges(planCaseUpdates(existing, input.result, input.caps), {
    checkId,
    candidate: { key: key.url, url: input.result.candidate.url, domain: key.domain, title: input.result.candidate.title },
    caps: input.caps,
    evidenceSha256: input.evidenceSha256,
    actor: input.actor,
    at: input.at,
  });
}

/** Records that a page answered 404/410: its open cases are resolved as gone. `cases` are a unit of work's, as for `recordCheck`. */
export async function recordGone(cases: InTransaction<CaseStore>, input: GoneToRecord): Promise<RecordedCheck> {
  const key = candidateKey(input.candidateUrl);
  const existing = await cases.casesOfPage(key.url);
  return cases.applyChanges(planPageGone(existing, input.status), {
    checkId: null,
    candidate: { key: key.url, url: input.candidateUrl, domain: key.domain, title: "" },
    caps: null,
    evidenceSha256: input.evidenceSha256,
    actor: input.actor,
    at: input.at,
  });
}

import type { CaseStatus } from "./case.ts";
import { OPEN_STATUSES } from "./case.ts";

/**
 * The steps a person may take. The editor's path is new → confirmed → notified; a case may be resolved or
 * dismissed from any open status (a page can be fixed before anyone wrote to its owner, and a lawyer can
 * dismiss at any stage). A closed case can be reopened to `new`, so a mistaken click is not final; the
 * history keeps both steps.
 */
const STEPS: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = Object.freeze({
  new: ["confirmed", "resolved", "dismissed"],
  confirmed: ["notified", "resolved", "dismissed"],
  notified: ["resolved", "dismissed"],
  resolved: ["new"],
  dismissed: ["new"],
});

/** A status change that the machine does not allow; the message names both statuses and the allowed ones. */
export class TransitionError extends Error {
  constructor(from: CaseStatus, to: CaseStatus) {
    const allowed = STEPS[from];
    super(`a case cannot go from "${from}" to "${to}"; from "${from}" it can go to ${allowed.map((s) => `"${s}"`).join(", ")}`);
    this.name = "TransitionError";
  }
}

export function allowedSteps(from: CaseStatus): readonly CaseStatus[] {
  return STEPS[from];
}

export function canTransition(from: CaseStatus, to: CaseStatus): boolean {
  return STEPS[from].includes(to);
}

/** @throws TransitionError when the step is not allowed. */
export function assertTransition(from: CaseStatus, to: CaseStatus): void {
  if (!canTransition(from, to)) throw new TransitionError(from, to);
}

export function isOpen(status: CaseStatus): boolean {
  return OPEN_STATUSES.includes(status);
}

import type { CheckResult, TextDocument } from "../core/types.ts";
import type { Policy } from "../core/policy/policy.ts";
import type { StoredSource } from "../io/store/source-store.ts";

/** The detection engine: the pure core wired to a store. Everything the CLI, API and monitor need. */
export interface Engine {
  /** Indexes a publisher's article (or, with `reference`, a document that is not the publisher's). */
  addSource(doc: TextDocument, options: { reference: boolean }): Promise<{ source: StoredSource; replaced: boolean }>;
  removeSource(url: string): Promise<boolean>;
  /** Finds the sources a candidate reuses and judges each match against the policy. */
  check(candidate: TextDocument, policy: Policy): Promise<CheckResult>;
}

import type { CheckResult, TextDocument } from "../core/types.ts";
import type { Policy } from "../core/policy/policy.ts";
import type { StoredSource } from "../io/store/source-store.ts";
import type { AnalyzedBlock } from "../core/boilerplate/analyze-blocks.ts";

/** What adding a source did. */
export interface AddedSource {
  source: StoredSource;
  /** A source with the same URL was there and was replaced. */
  replaced: boolean;
}

/** The detection engine: the pure core wired to a store. Everything the CLI, API and monitor need. */
export interface Engine {
  /**
   * Indexes a publisher's article (or, with `reference`, a document that is not the publisher's).
   * `blocks`, when given, must be `analyzeBlocks(doc.text)`, computed elsewhere (another thread).
   */
  addSource(doc: TextDocument, options: { reference: boolean; blocks?: readonly AnalyzedBlock[] }): Promise<AddedSource>;
  removeSource(url: string): Promise<boolean>;
  /** Finds the sources a candidate reuses and judges each match against the policy. */
  check(candidate: TextDocument, policy: Policy, options?: CheckOptions): Promise<CheckResult>;
}

export interface CheckOptions {
  /**
   * Where the candidate was found, when its URL is not that but an address the page gives itself (its
   * canonical link); null when unknown (a saved file). Only where a page was found can make it the publisher's
   * own or licensed: a copy keeps the original's canonical link, and a reprint may name a licensed partner's.
   * By default the candidate's URL is where it was found.
   */
  foundAt?: string | null;
}

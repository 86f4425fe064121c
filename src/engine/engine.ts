import type { CheckResult, TextDocument } from "../core/types.ts";
import type { Policy } from "../core/policy/policy.ts";
import type { StoredSource } from "../io/store/source-store.ts";
import type { AddSourcesOptions } from "./add-sources.ts";

/** What adding a source did. */
export interface AddedSource {
  source: StoredSource;
  /** A source with the same URL was there and was replaced. */
  replaced: boolean;
}

/** The detection engine: the pure core wired to a store. Everything the CLI, API and monitor need. */
export interface Engine {
  /** Indexes a publisher's article (or, with `reference`, a document that is not the publisher's) into the store. */
  addSource(doc: TextDocument, options: { reference: boolean }): Promise<AddedSource>;
  /**
   * Indexes many sources through a bulk writer (`copyquota sources add`), in input order, yielding each item
   * with what adding it gave, while the items after it are analyzed in other threads (see add-sources.ts).
   */
  addSources<T>(items: AsyncIterable<T> | Iterable<T>, options: AddSourcesOptions<T>): AsyncGenerator<{ item: T; added: AddedSource | null }>;
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

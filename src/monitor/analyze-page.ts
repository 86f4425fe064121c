import type { Policy } from "../core/policy/policy.ts";
import type { CheckResult } from "../core/types.ts";
import type { Engine } from "../engine/engine.ts";
import type { ReadPage } from "./read-page.ts";
import { readPage } from "./read-page.ts";

/** A fetched page's bytes and where they came from. */
export interface PageInput {
  body: Uint8Array;
  contentType: string | undefined;
  /** The URL the monitor fetched: the candidate's URL. */
  url: string;
  /** The URL that answered, after redirects: relative links resolve against it. */
  finalUrl: string;
}

export interface Analysis extends ReadPage {
  result: CheckResult;
}

/**
 * Reads a fetched page and checks it: the CPU-heavy part of the pipeline (decoding, extraction, alignment),
 * kept behind one function so it can run in this thread or in a pool of worker threads (`analyzer-pool.ts`).
 * Rejects with the page's failure (`PageError`, or a `DescribedFailure` from a worker).
 */
export type AnalyzePage = (input: PageInput, policy: Policy) => Promise<Analysis>;

/** Analysis in this thread, with the given engine. */
export function analyzeWith(engine: Engine): AnalyzePage {
  return async (input, policy) => {
    const page = readPage(input.body, input.contentType, input.url, input.finalUrl);
    return { ...page, result: await engine.check(page.doc, policy) };
  };
}

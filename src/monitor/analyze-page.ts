import { extractPage } from "../core/extract/html.ts";
import { PageRefusedError } from "../core/extract/page-refused.ts";
import type { Policy } from "../core/policy/policy.ts";
import type { CheckResult } from "../core/types.ts";
import type { Engine } from "../engine/engine.ts";
import type { ReadPage } from "../io/page-reader/read-page.ts";
import { readPage } from "../io/page-reader/read-page.ts";
import { DescribedFailure } from "./failure.ts";

/** A fetched page's bytes and where they came from. */
export interface PageInput {
  body: Uint8Array;
  contentType: string | undefined;
  /** The URL the monitor fetched: the candidate's URL. */
  url: string;
  /** The URL that answered, after redirects: relative links resolve against it. */
  finalUrl: string;
}

/** A page read and checked; `canonicalUrl` is what the page claims, for finding duplicates (`canonicalKeyOf`). */
export interface Analysis extends ReadPage {
  result: CheckResult;
}

/**
 * Reads a fetched page and checks it: the CPU-heavy part of the pipeline (decoding, extraction, alignment),
 * kept behind one function so it can run in this thread or in a pool of worker threads (`analyzer-pool.ts`).
 * Rejects with the page's failure (`UnreadablePageError`, or a `DescribedFailure`).
 */
export type AnalyzePage = (input: PageInput, policy: Policy) => Promise<Analysis>;

/**
 * Analysis in this thread, with the given engine. The page reader extracts in this thread too: the analyzers
 * are worker threads already, and the page caps hold here as in the extraction threads.
 */
export function analyzeWith(engine: Engine): AnalyzePage {
  return async (input, policy) => {
    const page = await readFetchedPage(input);
    return { ...page, result: await engine.check(page.doc, policy) };
  };
}

/**
 * The page under the URL the monitor fetched, not the canonical URL it claims: a republisher's page may name
 * the original article as canonical, and the case belongs to the address where the text is published.
 * @throws UnreadablePageError; DescribedFailure with the refusal's reason (`too_deep`, `too_many_elements`).
 */
async function readFetchedPage(input: PageInput): Promise<ReadPage> {
  const body = { bytes: input.body, contentType: input.contentType ?? null };
  try {
    return await readPage(body, { subject: input.url, fetched: { url: input.url, finalUrl: input.finalUrl }, declaredUrl: null }, extractPage);
  } catch (error) {
    if (!(error instanceof PageRefusedError)) throw error;
    throw new DescribedFailure({ reason: error.reason, message: `${input.url}: ${error.message}`, transient: false });
  }
}

import type { CandidateVerdict } from "../core/types.ts";
import type { Validators } from "../io/fetch/fetcher.ts";

/**
 * What the monitor last learned about one URL (a page, feed, sitemap or watched site's home page):
 * - `checked`: fetched and checked (`verdict` says how it came out);
 * - `listed`: a feed or sitemap read, its items queued;
 * - `unchanged`: the server answered 304 (or the same bytes) since the last fetch;
 * - `duplicate`: the same page as another URL (same bytes, or the same canonical URL); `reason` names it;
 * - `gone`: 404/410;
 * - `retrying`: the last attempt failed in a way that may pass (5xx, timeout); another is scheduled;
 * - `failed`: it failed for good; `reason` says why.
 */
export type UrlStatus = "checked" | "listed" | "unchanged" | "duplicate" | "gone" | "retrying" | "failed";

export const URL_STATUSES: readonly UrlStatus[] = Object.freeze(["checked", "listed", "unchanged", "duplicate", "gone", "retrying", "failed"]);

export interface UrlState {
  /** The normalized URL (see `normalizeUrl`): one state per page however it is spelled. */
  key: string;
  /** The URL as fetched. */
  url: string;
  /** What the URL is to the monitor. */
  role: "site" | "listing" | "page";
  /** The watched site it was found through, or null (a case's page re-checked). */
  siteId: number | null;
  status: UrlStatus;
  /** Why it failed, was skipped or is a duplicate; a word first (the fetcher's reason, `no_text`…), then detail. */
  reason: string | null;
  /** HTTP status of the last response, or null when none arrived. */
  httpStatus: number | null;
  /** From the last full response: sent back as `If-None-Match`/`If-Modified-Since`. */
  validators: Validators;
  /** SHA-256 (hex) of the last body received. */
  contentSha256: string | null;
  /** The page's normalized canonical URL, when it names one that can stand for it (see `canonicalKeyOf`). */
  canonicalKey: string | null;
  /** How the last check came out. */
  verdict: CandidateVerdict | null;
  /** ISO time of the last full (200) response. */
  fetchedAt: string | null;
  /** ISO time the state last changed. */
  updatedAt: string;
}

/** Persistence of URL states; SQLite implements it, PostgreSQL can. */
export interface UrlStateStore {
  get(key: string): Promise<UrlState | null>;
  /** Inserts or replaces the state of `state.key`. */
  put(state: UrlState): Promise<void>;
  /** A checked URL other than `exceptKey` whose last body had this hash. */
  findByContent(sha256: string, exceptKey: string): Promise<UrlState | null>;
  /** A checked URL other than `exceptKey` that is, or names as canonical, `canonicalKey`. */
  findByCanonical(canonicalKey: string, exceptKey: string): Promise<UrlState | null>;
  list(filter: { siteId?: number; status?: UrlStatus[]; role?: UrlState["role"] }, page: { limit: number; offset: number }): Promise<UrlState[]>;
  /** States per status, of one site or of all. */
  counts(siteId?: number): Promise<Record<UrlStatus, number>>;
}

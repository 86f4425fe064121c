import type { IsoDate } from "../core/types.ts";

/** What a watched URL is: a site (its feeds and sitemaps are discovered), or one feed, or one sitemap. */
export type WatchKind = "site" | "feed" | "sitemap";

/** A site, feed or sitemap the monitor reads on a schedule. */
export interface WatchedSite {
  id: number;
  /** The URL as given to `watch add`. */
  url: string;
  kind: WatchKind;
  /** The feeds and sitemaps read each pass: discovered for a site (and re-discovered each pass), itself otherwise. */
  listings: string[];
  /** Time between passes. */
  intervalMs: number;
  /** Items dated before this are not checked; null: every item listed, however old. */
  since: IsoDate;
  addedAt: string;
  /** When the last pass over it started, or null before the first. */
  lastPassAt: string | null;
  /** When it is next due; a newly added site is due at once. */
  nextPassAt: string;
}

/**
 * A site's schedule as read: what a pass over it is decided on. Any write to the schedule changes one of
 * these (a pass both times, "check now" and a new watch of its URL the next pass, a reschedule the interval
 * and next pass), so a schedule still equal to one read has not changed since.
 */
export type SiteSchedule = Pick<WatchedSite, "id" | "lastPassAt" | "nextPassAt" | "intervalMs">;

export interface NewWatch {
  url: string;
  kind: WatchKind;
  listings: string[];
  intervalMs: number;
  since: IsoDate;
}

/**
 * The watchlist. SQLite implements it; PostgreSQL can implement the same methods. Sites are named by id or by
 * URL (any spelling that normalizes to the same URL).
 */
export interface Watchlist {
  /** Adds a site, or updates the one with the same normalized URL (keeping its history); either way it is due now. */
  add(watch: NewWatch, at: string): Promise<{ site: WatchedSite; replaced: boolean }>;
  get(idOrUrl: number | string): Promise<WatchedSite | null>;
  list(): Promise<WatchedSite[]>;
  /** Stops watching; returns the site removed, or null when none matched. */
  remove(idOrUrl: number | string): Promise<WatchedSite | null>;
  /** Replaces a site's listings (after re-discovery). */
  setListings(id: number, listings: readonly string[]): Promise<void>;
  /** Sites whose next pass is due at `now` (ISO), earliest first. */
  due(now: string): Promise<WatchedSite[]>;
  /**
   * Records that a pass over the site started at `at`; it is next due at `next`. Compare-and-set: only while
   * the site's schedule is still `read`, so that a pass decided on a schedule that changed meanwhile (another
   * worker passed the site, a person rescheduled it or made it due now) overwrites nothing.
   * @returns false, having changed nothing, when the schedule is no longer `read` (or the site is gone)
   */
  markPassed(read: SiteSchedule, at: string, next: string): Promise<boolean>;
  /** The earliest next pass of any site (ISO), or null when nothing is watched. */
  nextDue(): Promise<string | null>;
}

/** Where a page was fetched: the URL asked for, and the one that answered after any redirects. */
export interface FetchedAt {
  url: string;
  finalUrl: string;
}

/** What says where a page is, from the most to the least trustworthy. */
export interface PageAddresses {
  /** Where the page was fetched; null when it was not (a file, a submission). */
  fetched: FetchedAt | null;
  /** The URL the user gave for the page (`--url`, a JSON Lines record's or the API's `url`); null when none. */
  declaredUrl: string | null;
  /** The page's own claim (`<link rel=canonical>`, `og:url`); null when it makes none. */
  canonicalUrl: string | null;
  /** A saved file's own `file://` address; undefined when the page must have a web address (a source). */
  fileUrl?: string;
}

/**
 * A page's identity, the URL its licences, dates and cases go by: where it was fetched from (the URL asked for,
 * which the monitor and re-checks fetch again), else the URL the user declared. Only a page neither fetched
 * nor declared — a saved file — goes by what it says of itself, its canonical link, else its file's address:
 * a page's claim cannot outrank where it was found, for a reprint may name a licensed partner as canonical.
 * Null when there is none of these.
 */
export function pageIdentity(addresses: PageAddresses): string | null {
  return addresses.fetched?.url ?? addresses.declaredUrl ?? addresses.canonicalUrl ?? addresses.fileUrl ?? null;
}

/** The URL a page's relative links resolve against: the one that answered, else the declared one. */
export function linkBase(addresses: Pick<PageAddresses, "fetched" | "declaredUrl">): string | undefined {
  return addresses.fetched?.finalUrl ?? addresses.declaredUrl ?? undefined;
}

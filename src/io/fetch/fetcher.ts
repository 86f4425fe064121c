/** A response as the pipeline keeps it: the exact bytes received, with where and when they came from. */
export interface FetchedResource {
  /** The URL requested. */
  requestedUrl: string;
  /** The URL finally answered, after redirects. */
  url: string;
  status: number;
  /** Response headers, names lower-cased. */
  headers: Record<string, string>;
  /**
   * The payload bytes, with any content-coding (gzip, deflate, br) removed but no charset decoding;
   * when a coding was removed, `headers` omit `content-encoding` and `content-length`, which described it.
   */
  body: Uint8Array;
  /** ISO timestamp of the moment the response arrived. */
  fetchedAt: string;
}

/** Fetches one URL. Network failures, refusals and caps reject with an Error whose message names the URL. */
export type Fetcher = (url: string) => Promise<FetchedResource>;

/** What a response says about its version, to ask later "has it changed since?" (RFC 9110 §8.8). */
export interface Validators {
  /** The `ETag` header, verbatim (sent back as `If-None-Match`). */
  etag?: string;
  /** The `Last-Modified` header, verbatim (sent back as `If-Modified-Since`). */
  lastModified?: string;
}

/** A conditional GET's outcome: unchanged since the validators were taken (304), or the resource as it is now. */
export type ConditionalFetchResult =
  | { notModified: true }
  | { notModified: false; resource: FetchedResource; validators: Validators };

/** Fetches one URL unless it is unchanged since `validators` were taken; rejects as `Fetcher` does. */
export type ConditionalFetcher = (url: string, validators: Validators) => Promise<ConditionalFetchResult>;

/** A response as the pipeline keeps it: the exact bytes received, with where and when they came from. */
export interface FetchedResource {
  /** The URL requested. */
  requestedUrl: string;
  /** The URL finally answered, after redirects. */
  url: string;
  status: number;
  /** Response headers, names lower-cased. */
  headers: Record<string, string>;
  body: Uint8Array;
  /** ISO timestamp of the moment the response arrived. */
  fetchedAt: string;
}

/** Fetches one URL. Network failures, refusals and caps reject with an Error whose message names the URL. */
export type Fetcher = (url: string) => Promise<FetchedResource>;

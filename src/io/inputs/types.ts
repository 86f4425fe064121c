import type { TextDocument } from "../../core/types.ts";
import type { FetchedResource, Fetcher } from "../fetch/fetcher.ts";
import type { InputError } from "./input-error.ts";

export interface LoadOptions {
  /** The document's URL, overriding what the page says; only for an input holding one document. */
  url?: string;
  /** The document's publication date, overriding what the page says. */
  published?: string;
  /** The document's title, overriding what the page says (a text file's is its name otherwise); only for an input holding one document. */
  title?: string;
  /** Needed for URL inputs and for what feeds and sitemaps point to. */
  fetch?: Fetcher;
  /** Sources must have a real URL; candidates may fall back to their file's `file://` URL. */
  purpose: "source" | "candidate";
  /**
   * Read a JSON Lines file line by line as documents are asked for, each line up to `MAX_INPUT_BYTES`, rather
   * than whole: for the command line, whose archives may be larger than memory. A server leaves it off, so an
   * uploaded gzip file stays within `MAX_INPUT_BYTES` once unpacked as a whole.
   */
  streamJsonl?: boolean;
}

/** One document read from an input. */
export interface LoadedInput {
  /** The file path, URL or `file:line` the document came from, for messages. */
  origin: string;
  doc: TextDocument;
  /** The bytes the document was decoded from, when it is a whole file or response. */
  bytes?: Uint8Array;
  /** The canonical URL a whole page names (`<link rel=canonical>`, `og:url`): its claim, shown beside its URL; null or absent when none. */
  canonicalUrl?: string | null;
  /** The response the document came from, when it was fetched. */
  fetched?: FetchedResource;
}

/**
 * A part of an input that failed (a bad line, a feed item whose page could not be fetched) while the rest
 * loads: the caller reports it and goes on. An input that fails as a whole throws its `InputError` instead.
 */
export interface InputFailure {
  origin: string;
  error: InputError;
}

export type InputItem = LoadedInput | InputFailure;

export function isFailure(item: InputItem): item is InputFailure {
  return "error" in item;
}

import { promisify } from "node:util";
import { gunzip as gunzipCallback } from "node:zlib";
import type { FetchedResource, Fetcher } from "../fetch/fetcher.ts";
import { decodeBody, sniffBinary } from "../decode.ts";
import { MAX_INPUT_BYTES } from "../input-size-limit.ts";
import { InputError } from "./input-error.ts";

/** An input's bytes, decoded, with where they came from. */
export interface RawInput {
  /** The input as named (path or URL), for messages. */
  origin: string;
  bytes: Uint8Array;
  text: string;
  charset: string;
  contentType?: string;
  /** The final URL of a response. */
  url?: string;
  /** The absolute path of a file. */
  path?: string;
  fetched?: FetchedResource;
}

export function isHttpUrl(input: string): boolean {
  return /^https?:\/\//i.test(input);
}

/** Fetches a URL; a failure or a status other than 2xx (the fetcher follows redirects) is an `InputError` naming the URL. */
export async function fetchInput(url: string, fetch: Fetcher | undefined): Promise<RawInput> {
  if (!fetch) throw new InputError(url, "cannot be fetched: no fetcher was given");
  let fetched: FetchedResource;
  try {
    fetched = await fetch(url);
  } catch (error) {
    throw new InputError(url, `fetch failed: ${(error as Error).message}`);
  }
  if (fetched.status < 200 || fetched.status >= 300) throw new InputError(url, `the server answered HTTP ${fetched.status}`);
  const contentType = fetched.headers["content-type"];
  return { origin: url, url: fetched.url, fetched, contentType, ...(await decodeInput(url, fetched.body, contentType)) };
}

/** Unpacks gzip (sitemaps and feeds are often served as `.xml.gz`), refuses binaries and empty inputs, decodes. */
export async function decodeInput(origin: string, raw: Uint8Array, contentType: string | undefined) {
  if (raw.byteLength === 0) throw new InputError(origin, "is empty");
  return decodeText(origin, isGzip(raw) ? await gunzip(origin, raw) : raw, contentType);
}

/** Refuses binaries and blank inputs, decodes the rest. */
export function decodeText(origin: string, bytes: Uint8Array, contentType: string | undefined) {
  if (sniffBinary(bytes)) throw new InputError(origin, "is not text: it looks like a binary file (an image, a PDF or an archive)");
  const { text, charset } = decodeBody(bytes, contentType);
  if (text.trim() === "") throw new InputError(origin, "is empty (only blank space)");
  return { bytes, text, charset };
}

export function isGzip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x1f && bytes[1] === 0x8b;
}

const inflate = promisify(gunzipCallback);

/**
 * Unpacks gzip in libuv's thread pool, not on the event loop, stopping at `MAX_INPUT_BYTES` of output: a gzip
 * bomb is refused once that much is out, never inflated whole.
 */
async function gunzip(origin: string, bytes: Uint8Array): Promise<Uint8Array> {
  try {
    return await inflate(bytes, { maxOutputLength: MAX_INPUT_BYTES });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") throw unpacksPastLimit(origin);
    throw cannotUnpack(origin, error);
  }
}

export function cannotUnpack(origin: string, error: unknown): InputError {
  return new InputError(origin, `is gzip-compressed but cannot be unpacked (${(error as Error).message})`);
}

export function unpacksPastLimit(origin: string): InputError {
  return new InputError(origin, `is gzip-compressed and unpacks past the limit of ${MAX_INPUT_BYTES / 1024 / 1024} MiB`);
}

import { Transform, Writable } from "node:stream";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createBrotliDecompress, createGunzip, createInflate } from "node:zlib";
import type { FetchError, FetchErrorReason } from "./errors.ts";

/** Builds the error for a body that breaks a rule, naming the URL (the caller knows it, this module does not). */
export type BodyFailure = (reason: FetchErrorReason, detail: string, cause?: unknown) => FetchError;

export interface BodyLimits {
  /** Cap on bytes as received (still compressed). */
  maxBodyBytes: number;
  /** Cap on bytes after the content-coding is removed. */
  maxDecodedBytes: number;
}

/** The content-codings we remove, by their `Content-Encoding` token (`x-gzip` is gzip's historic alias, RFC 9110 §8.4.1.3). */
const DECODERS: Readonly<Record<string, () => Transform>> = {
  gzip: createGunzip,
  "x-gzip": createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
};

/**
 * The decoders for a `Content-Encoding` header, in the order to apply them: codings are listed in the order
 * they were applied, so they come off last first. Throws `bad_encoding` for a coding we cannot remove.
 */
export function decodersFor(contentEncoding: string | undefined, fail: BodyFailure): Transform[] {
  const codings = (contentEncoding ?? "")
    .split(",")
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== "" && coding !== "identity");
  return codings.reverse().map((coding) => {
    const create = DECODERS[coding];
    if (!create) throw fail("bad_encoding", `unsupported Content-Encoding "${coding}"`);
    return create();
  });
}

/**
 * Reads a response body into memory, removing its content-coding, and stops the moment either cap is
 * passed — counted chunk by chunk as bytes arrive and as the decoder emits them, so neither a huge body
 * nor a decompression bomb is ever held whole. Stopping destroys `body`, which aborts the connection.
 */
export async function readBody(body: Readable, contentEncoding: string | undefined, limits: BodyLimits, fail: BodyFailure): Promise<Buffer> {
  const decoders = decodersFor(contentEncoding, fail);
  let wireBytes = 0;
  let decodedBytes = 0;
  const chunks: Buffer[] = [];
  try {
    await pipeline([
      body,
      new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          wireBytes += chunk.length;
          if (wireBytes <= limits.maxBodyBytes) callback(null, chunk);
          else callback(fail("too_large", `the body exceeds maxBodyBytes (${limits.maxBodyBytes} bytes)`));
        },
      }),
      ...decoders,
      new Writable({
        write(chunk: Buffer, _encoding, callback) {
          decodedBytes += chunk.length;
          if (decodedBytes <= limits.maxDecodedBytes) {
            chunks.push(chunk);
            callback();
          } else if (decoders.length > 0) {
            const detail = `the body decodes to more than maxDecodedBytes (${limits.maxDecodedBytes} bytes) from ${wireBytes} bytes received`;
            callback(fail("decompression_bomb", detail));
          } else {
            callback(fail("too_large", `the body exceeds maxDecodedBytes (${limits.maxDecodedBytes} bytes)`));
          }
        },
      }),
    ]);
  } catch (error) {
    if (!isDecodingError(error)) throw error;
    // An empty body is empty under any coding; decoders reject it as truncated.
    if (wireBytes === 0) return Buffer.alloc(0);
    throw fail("bad_encoding", `the body is not valid ${contentEncoding ?? ""} data (${error.message})`, error);
  }
  return Buffer.concat(chunks, decodedBytes);
}

/** zlib reports corrupt input with a numeric errno and a `Z_*` code, brotli with an `ERR__*` code. */
function isDecodingError(error: unknown): error is Error {
  if (!(error instanceof Error) || !("errno" in error) || !("code" in error)) return false;
  const { errno, code } = error;
  return typeof errno === "number" && typeof code === "string" && (code.startsWith("Z_") || code.startsWith("ERR__"));
}

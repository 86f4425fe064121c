import { createReadStream } from "node:fs";
import { pipeline, Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { InputError } from "./input-error.ts";
import { prepend } from "./prepend.ts";
import { cannotUnpack, isGzip } from "./read-input.ts";

/**
 * Bytes read, and unpacked from gzip, at a time. A JSON line spanning two chunks is copied once more to be
 * joined; with 1 MiB that is rare for articles of a few to a few hundred KB, and 1 MiB of buffer is little
 * beside the documents read ahead of the indexer.
 */
const CHUNK_BYTES = 1 << 20;

/** A file's bytes as they are read, unpacked when the file is gzip-compressed. */
export interface FileChunks {
  compressed: boolean;
  chunks: AsyncGenerator<Buffer>;
}

/**
 * Opens a file for reading in chunks. The file is opened once and gzip is recognised from its first chunk,
 * so a pipe (`sources add <(zcat archive.jsonl.gz)`) reads as a file does. Read and unpack errors are
 * `InputError`s naming the file; they can come after chunks were already read.
 */
export async function fileChunks(origin: string, absolute: string): Promise<FileChunks> {
  const file = createReadStream(absolute, { highWaterMark: CHUNK_BYTES });
  const raw = file[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let first: IteratorResult<Buffer>;
  try {
    first = await raw.next();
  } catch (error) {
    throw unreadable(origin, error);
  }
  const read = first.done ? [] : [first.value];
  if (first.done || !isGzip(first.value)) return { compressed: false, chunks: named(origin, prepend(read, raw)) };
  // pipeline destroys both streams on an error in either, so an unreadable file fails the unpacked stream too.
  const unpacked = pipeline(Readable.from(prepend(read, raw), { objectMode: false }), createGunzip({ chunkSize: CHUNK_BYTES }), () => undefined);
  return { compressed: true, chunks: named(origin, unpacked) };
}

/** `chunks` with their errors named by the file; returning early closes the file. */
async function* named(origin: string, chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  try {
    yield* chunks;
  } catch (error) {
    if (error instanceof InputError) throw error;
    // zlib's errors carry codes Z_DATA_ERROR, Z_BUF_ERROR (a truncated file) and kin; the file system's, errno names.
    if (/^Z_/.test((error as NodeJS.ErrnoException).code ?? "")) throw cannotUnpack(origin, error);
    throw unreadable(origin, error);
  }
}

/** The error for a file that cannot be opened or read; an `InputError` already naming it stays as it is. */
export function unreadable(file: string, error: unknown): InputError {
  if (error instanceof InputError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  return new InputError(file, code === "ENOENT" ? "no such file" : `cannot be read (${(error as Error).message})`);
}

import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { MAX_INPUT_BYTES } from "../input-size-limit.ts";
import { fileChunks, unreadable } from "./file-chunks.ts";
import { InputError } from "./input-error.ts";
import { readJsonlHead } from "./jsonl-head.ts";
import { byteLines } from "./numbered-lines.ts";
import type { NumberedLine } from "./numbered-lines.ts";
import { prepend } from "./prepend.ts";
import { decodeInput, decodeText, unpacksPastLimit } from "./read-input.ts";
import type { RawInput } from "./read-input.ts";

/** A JSON Lines file read line by line as its lines are asked for, rather than whole. */
export interface JsonlStream {
  /** The input as named, for messages. */
  origin: string;
  /** The absolute path of the file. */
  path: string;
  lines: AsyncIterable<NumberedLine>;
}

/**
 * Reads a file named by a path or a `file://` URL. With `streamJsonl`, a file whose first line is a JSON
 * object comes back as lines read as they are asked for, each up to `MAX_INPUT_BYTES`, so an archive larger
 * than memory (or than V8's longest string) loads; gzip is unpacked as it is read. Any other file is read
 * whole, from the bytes already read, so a pipe (`<(zcat archive.jsonl.gz)`, /dev/stdin) is read once.
 * Without `streamJsonl` (a server's upload) the file is read whole and its gzip unpacked in one piece.
 * Either way, gzip read whole may unpack to `MAX_INPUT_BYTES`. test/inputs/jsonl-stream.test.ts loads a file
 * four times the heap it allows.
 */
export async function readFileInput(file: string, options: { streamJsonl: boolean }): Promise<RawInput | JsonlStream> {
  const absolute = path.resolve(/^file:\/\//i.test(file) ? fileURLToPath(file) : file);
  try {
    if ((await stat(absolute)).isDirectory()) throw new InputError(file, "is a directory, not a file");
  } catch (error) {
    throw unreadable(file, error);
  }
  if (!options.streamJsonl) return { origin: file, path: absolute, ...(await decodeInput(file, await readBytes(file, absolute), undefined)) };
  const { compressed, chunks } = await fileChunks(file, absolute);
  const { head, jsonl } = await readJsonlHead(chunks, MAX_INPUT_BYTES);
  const rest = prepend(head, chunks);
  if (jsonl) return { origin: file, path: absolute, lines: byteLines(rest, MAX_INPUT_BYTES) };
  const bytes = await readWhole(file, rest, compressed);
  if (bytes.byteLength === 0 && !compressed) throw new InputError(file, "is empty");
  return { origin: file, path: absolute, ...decodeText(file, bytes, undefined) };
}

async function readBytes(file: string, absolute: string): Promise<Uint8Array> {
  try {
    return await readFile(absolute);
  } catch (error) {
    throw unreadable(file, error);
  }
}

/** The file's bytes (unpacked) in one buffer; unpacked gzip is refused once past `MAX_INPUT_BYTES`, as `gunzip` does. */
async function readWhole(file: string, chunks: AsyncIterable<Buffer>, compressed: boolean): Promise<Buffer> {
  const parts: Buffer[] = [];
  let length = 0;
  for await (const chunk of chunks) {
    length += chunk.byteLength;
    if (compressed && length > MAX_INPUT_BYTES) throw unpacksPastLimit(file);
    parts.push(chunk);
  }
  return Buffer.concat(parts, length);
}

import { isValidUtf8, sniffBinary } from "../decode.ts";
import { isJsonObject } from "./sniff-kind.ts";

const NEWLINE = 0x0a;
const OPEN_BRACE = 0x7b;
/** JSON's blank space (RFC 8259, `ws`): space, tab, LF, CR. */
const BLANK = new Set([0x20, 0x09, 0x0a, 0x0d]);
const UTF8_BOM = [0xef, 0xbb, 0xbf];

/** The first chunks of a file, kept for whoever reads it next, and whether they open streamable JSON Lines. */
export interface JsonlHead {
  head: Buffer[];
  jsonl: boolean;
}

/**
 * Reads a file's first chunks until its first non-blank line is whole, and tells whether the file can be read
 * as JSON Lines line by line: that line is a JSON object (as `sniffKind` has it) and the first chunk is UTF-8
 * text. A first line past `maxLineBytes` that starts with `{` counts as JSON Lines: its own line reports it.
 * Anything else (HTML, a feed, a JSON document over several lines, a windows-1251 or UTF-16 export, a binary)
 * is for the whole-file reader, which tells these apart and decodes them as before.
 */
export async function readJsonlHead(chunks: AsyncIterator<Buffer>, maxLineBytes: number): Promise<JsonlHead> {
  const head: Buffer[] = [];
  const verdict = (jsonl: boolean): JsonlHead => ({ head, jsonl: jsonl && isUtf8Text(head[0]!) });
  let before = 0;
  let lineStart = -1;
  for (;;) {
    const next = await chunks.next();
    if (next.done) return verdict(lineStart >= 0 && isJsonObject(Buffer.concat(head).subarray(lineStart).toString("utf8").trim()));
    const chunk = next.value;
    head.push(chunk);
    if (lineStart < 0) {
      const offset = firstNonBlank(chunk, before === 0 ? bomLength(chunk) : 0);
      if (offset >= 0 && chunk[offset] !== OPEN_BRACE) return verdict(false);
      if (offset >= 0) lineStart = before + offset;
    }
    if (lineStart >= 0) {
      const newline = chunk.indexOf(NEWLINE, Math.max(0, lineStart - before));
      if (newline !== -1) return verdict(isJsonObject(Buffer.concat(head).subarray(lineStart, before + newline).toString("utf8").trim()));
      if (before + chunk.length - lineStart > maxLineBytes) return verdict(true);
    }
    before += chunk.length;
  }
}

function firstNonBlank(chunk: Buffer, from: number): number {
  for (let i = from; i < chunk.length; i++) if (!BLANK.has(chunk[i]!)) return i;
  return -1;
}

function bomLength(chunk: Buffer): number {
  return UTF8_BOM.every((byte, i) => chunk[i] === byte) ? UTF8_BOM.length : 0;
}

/** Not a binary, and valid UTF-8 as far as it goes (a character cut at the chunk's end is the next chunk's). */
function isUtf8Text(chunk: Buffer): boolean {
  return !sniffBinary(chunk) && isValidUtf8(chunk);
}

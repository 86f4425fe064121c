/** A line of JSON Lines that is not blank, trimmed, numbered from 1 among all lines; or why it cannot be read. */
export type NumberedLine = { number: number; text: string } | { number: number; problem: string };

const NEWLINE = 0x0a;

/** The lines of a text held in memory (an upload, a fetched response). */
export function* textLines(text: string): Generator<NumberedLine> {
  let number = 0;
  for (let start = 0; start <= text.length; ) {
    const newline = text.indexOf("\n", start);
    const end = newline === -1 ? text.length : newline;
    number++;
    const line = text.slice(start, end).trim();
    if (line !== "") yield { number, text: line };
    start = end + 1;
  }
}

/**
 * The lines of UTF-8 bytes arriving in chunks, each decoded once it is whole: lines are split on the byte
 * 0x0A, which never occurs inside a multi-byte character, so a character cut between two chunks is joined
 * before it is decoded. At most `maxLineBytes` of a line are kept; a longer line is counted to its end,
 * never held, and comes out as a problem naming the limit. A byte-order mark leaves with the first line's
 * blank space (`trim` removes U+FEFF), and so does the CR of a CRLF.
 */
export async function* byteLines(chunks: AsyncIterable<Buffer>, maxLineBytes: number): AsyncGenerator<NumberedLine> {
  let number = 0;
  let parts: Buffer[] = [];
  let length = 0;
  for await (const chunk of chunks) {
    for (let start = 0; ; ) {
      const newline = chunk.indexOf(NEWLINE, start);
      const end = newline === -1 ? chunk.length : newline;
      length += end - start;
      if (length <= maxLineBytes && end > start) parts.push(chunk.subarray(start, end));
      else if (length > maxLineBytes) parts = [];
      if (newline === -1) break;
      const line = numbered(++number, parts, length, maxLineBytes);
      if (line !== null) yield line;
      parts = [];
      length = 0;
      start = newline + 1;
    }
  }
  const last = length > 0 ? numbered(number + 1, parts, length, maxLineBytes) : null;
  if (last !== null) yield last;
}

/** Line `number` from its parts, null when blank. */
function numbered(number: number, parts: readonly Buffer[], length: number, maxLineBytes: number): NumberedLine | null {
  if (length > maxLineBytes) {
    return { number, problem: `is longer than ${maxLineBytes / 1024 / 1024} MiB, the limit for one line (one document) of JSON Lines` };
  }
  const text = (parts.length === 1 ? parts[0]! : Buffer.concat(parts, length)).toString("utf8").trim();
  return text === "" ? null : { number, text };
}

import type { Offset } from "../types.ts";

/** One non-blank line of a text, trimmed, with where it sits in the original string. */
export interface Line {
  /** `original.slice(start, end)`: the line without its surrounding whitespace. */
  text: string;
  start: Offset;
  end: Offset;
}

/**
 * The non-blank lines of a text, trimmed. Lines are the unit both of boilerplate (a block) and of
 * tokenizing: no word and no sentence runs across a line break (UAX #29 breaks words at one, and
 * sentences after one), so a text's words are its lines' words in order.
 */
export function splitLines(text: string): Line[] {
  if (typeof text !== "string") {
    throw new TypeError(`text must be a string, got ${text === null ? "null" : typeof text}`);
  }
  const lines: Line[] = [];
  for (const line of text.matchAll(/[^\r\n]+/g)) {
    const leading = line[0].length - line[0].trimStart().length;
    const content = line[0].trim();
    if (content === "") continue;
    const start = line.index + leading;
    lines.push({ text: content, start, end: start + content.length });
  }
  return lines;
}

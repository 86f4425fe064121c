import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { fastSentenceStarts, icuSentenceStarts } from "../../src/core/text/sentence-starts.ts";
import { segmenterPieces } from "../../src/core/text/word-segments.ts";

/** The characters below U+3100 that the fast path handles: every one is checked in context by the exhaustive tier. */
export const FAST_SET = Array.from({ length: 0x3100 }, (_, code) => String.fromCharCode(code)).filter((ch) => fastSentenceStarts(ch) !== undefined);

/** The texts among `texts` whose fast starts are missing or differ from Segmenter's. */
export function differences(texts: readonly string[]): string[] {
  return texts.filter((t) => JSON.stringify(fastSentenceStarts(t)) !== JSON.stringify(icuSentenceStarts(t)));
}

/**
 * The texts of every readable file under `dir`: each string value of each JSONL record (a line that is
 * not JSON, as a fixture of malformed input has, as it is), the whole of other text files, gzipped CSV
 * and JSON unpacked (tar archives, bz2 and spreadsheets are not read).
 */
export function textsUnder(dir: string): string[] {
  const out: string[] = [];
  const strings = (value: unknown): void => {
    if (typeof value === "string") out.push(value);
    else if (value && typeof value === "object") Object.values(value).forEach(strings);
  };
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    if (entry.name.endsWith(".jsonl")) {
      for (const line of readFileSync(file, "utf8").split("\n")) strings(parsedOrRaw(line));
    } else if (/\.(txt|md|html?|xml|json|rss|atom)$/.test(entry.name)) out.push(readFileSync(file, "utf8"));
    else if (/\.(csv|json)\.gz$/.test(entry.name)) out.push(gunzipSync(readFileSync(file)).toString("utf8"));
  }
  return out;
}

function parsedOrRaw(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return line;
  }
}

/**
 * Compares both paths on the Segmenter-sized pieces of `texts`, as tokenize.ts cuts them; returns the
 * differing pieces and the share of characters the fast path took.
 */
export function compareTexts(texts: readonly string[]): { differing: string[]; fastShare: number } {
  const differing: string[] = [];
  let fast = 0;
  let all = 0;
  for (const text of texts) {
    for (const { piece } of segmenterPieces(text)) {
      const starts = fastSentenceStarts(piece);
      all += piece.length;
      if (starts === undefined) continue;
      fast += piece.length;
      if (JSON.stringify(starts) !== JSON.stringify(icuSentenceStarts(piece))) differing.push(piece);
    }
  }
  return { differing, fastShare: fast / all };
}

import { existsSync, readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";

/**
 * FreeDict's English–Russian dictionary as Debian ships it (`dict-freedict-eng-rus`: 1,693 headwords,
 * GPL-2.0+). The machine may not have it: the project installs nothing for the evaluation, so this is used
 * when present and the report says whether it was.
 */
export const FREEDICT_ENG_RUS = "/usr/share/dictd/freedict-eng-rus";

/** English word (lower case) → Russian translations (words, lower case). */
export type BilingualDictionary = Map<string, string[]>;

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** dictd's index numbers: base 64, most significant digit first. */
function decodeNumber(text: string): number {
  let n = 0;
  for (const ch of text) {
    const v = B64.indexOf(ch);
    if (v < 0) throw new Error(`dictd index: bad number "${text}"`);
    n = n * 64 + v;
  }
  return n;
}

/** Reads the dictionary, or returns null when it is not installed. */
export function readFreeDict(base = FREEDICT_ENG_RUS): BilingualDictionary | null {
  if (!existsSync(`${base}.index`) || !existsSync(`${base}.dict.dz`)) return null;
  const body = gunzipSync(readFileSync(`${base}.dict.dz`));
  const dict: BilingualDictionary = new Map();
  for (const line of readFileSync(`${base}.index`, "utf8").split("\n")) {
    const [head, off, len] = line.split("\t");
    if (!head || !off || !len || head.startsWith("00database")) continue;
    const entry = body.subarray(decodeNumber(off), decodeNumber(off) + decodeNumber(len)).toString("utf8");
    // First line: headword and pronunciation; the rest: numbered senses, comma-separated equivalents.
    const words = entry
      .split("\n")
      .slice(1)
      .join(" ")
      .toLowerCase()
      .match(/[а-яё]+/g);
    if (!words) continue;
    const key = head.toLowerCase();
    dict.set(key, [...new Set([...(dict.get(key) ?? []), ...words])]);
  }
  return dict;
}

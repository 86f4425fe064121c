import { describe, expect, it } from "vitest";
import { stemmer as russianStemmer } from "@orama/stemmers/russian";
import { stemAt, stemCode, stemKey, stemWord } from "../../src/core/text/stem.ts";
import { hashString, keyCode } from "../../src/core/fingerprint/hash.ts";

/** Pseudo-random Cyrillic words of `shortest` to `shortest` + 6 letters, the same on every run. */
function randomWords(count: number, shortest = 3): string[] {
  let seed = 7;
  // mulberry32: a float LCG loses its low bits past 2^53 and repeats after a few thousand words.
  const random = (): number => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return Array.from({ length: count }, () => Array.from({ length: shortest + Math.floor(random() * 7) }, () => String.fromCharCode(0x430 + Math.floor(random() * 32))).join(""));
}

describe("stem memo", () => {
  it("finds a word inside a text as the word cut out of it", () => {
    const text = "в правительстве заявили о правительственных решениях";
    for (const match of text.matchAll(/[а-я]+/g)) {
      const found = stemAt(text, match.index, match.index + match[0].length);
      expect(stemKey(found)).toBe(russianStemmer(match[0]));
      expect(stemCode(found)).toBe(keyCode(stemKey(found)));
    }
    expect(stemWord("правительстве")).toBe(stemWord("правительства"));
  });

  it("tells apart two words with the same 32-bit hash", () => {
    const byHash = new Map<number, string>();
    let pair: [string, string] | undefined;
    for (const word of randomWords(400_000)) {
      const other = byHash.get(hashString(word));
      if (other !== undefined && other !== word) {
        pair = [other, word];
        break;
      }
      byHash.set(hashString(word), word);
    }
    expect(pair).toBeDefined();
    const [a, b] = pair!;
    expect(stemWord(a)).toBe(russianStemmer(a));
    expect(stemWord(b)).toBe(russianStemmer(b));
    expect(stemKey(stemAt(`${a} ${b}`, a.length + 1, a.length + 1 + b.length))).toBe(russianStemmer(b));
  });

  it("stems a word longer than the memo holds", () => {
    const long = "а".repeat(2_000_000);
    expect(stemWord(long)).toBe(russianStemmer(long));
    expect(stemWord("правительстве")).toBe(russianStemmer("правительстве"));
  });

  it("stays right after it fills up and starts over, with short words and with long ones", () => {
    for (const words of [randomWords(250_000), randomWords(150_000, 25)]) {
      for (const word of words) stemWord(word);
      for (const word of words.slice(0, 2000)) expect(stemWord(word)).toBe(russianStemmer(word));
      for (const word of words.slice(-2000)) expect(stemWord(word)).toBe(russianStemmer(word));
    }
  });
});

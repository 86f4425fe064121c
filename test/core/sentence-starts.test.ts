import { describe, expect, it } from "vitest";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { fastSentenceStarts, icuSentenceStarts, sentenceStartsIn } from "../../src/core/text/sentence-starts.ts";
import { segmenterPieces } from "../../src/core/text/word-segments.ts";
import { createRng } from "../../bench/generator/prng.ts";
import { REPO, SHARED } from "../e2e/support.ts";

/** The characters below U+3100 that the fast path handles: every one is checked in context below. */
const FAST_SET = Array.from({ length: 0x3100 }, (_, code) => String.fromCharCode(code)).filter((ch) => fastSentenceStarts(ch) !== undefined);

/** The texts among `texts` whose fast starts are missing or differ from Segmenter's. */
function differences(texts: readonly string[]): string[] {
  return texts.filter((t) => JSON.stringify(fastSentenceStarts(t)) !== JSON.stringify(icuSentenceStarts(t)));
}

/**
 * The texts of every readable file under `dir`: each string value of each JSONL record (a line that is
 * not JSON, as a fixture of malformed input has, as it is), the whole of other text files, gzipped CSV
 * and JSON unpacked (tar archives, bz2 and spreadsheets are not read).
 */
function textsUnder(dir: string): string[] {
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
function compareTexts(texts: readonly string[]): { differing: string[]; fastShare: number } {
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

describe("sentence starts: the fast path equals Intl.Segmenter", () => {
  it("covers the characters of Russian, Kazakh and English news text in its original form", () => {
    const needed = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯәғқңөұүһіӘҒҚҢӨҰҮҺІ" +
      "azAZéÉüÜ0123456789 .,;:!?-()[]{}\"'/\\@#$%&*+=<>_~|«»„“”‘’‚–—‑\u00a0\u2009\u202f\u2002…№%₸₽€£¥°§©®™•·×\n\r\t\u2028";
    expect([...needed].filter((ch) => !FAST_SET.includes(ch))).toEqual([]);
    expect(FAST_SET.length).toBeGreaterThan(1500);
  });

  it("on the rules of UAX #29 as ICU applies them", () => {
    const cases = [
      "Он пришёл. Она ушла.", "т. е. так", "Ул. Ленина, д. 5.", "А. С. Пушкин родился.", "U.S. Army", "3.14 и 2.71",
      "Что? Где! Когда?!", "«Да.» Нет.", "(См. ниже.) Далее", "Он сказал: «Иди!» — и ушёл.", "Итак... Потом", "Итак… Потом",
      "Конец.\nНачало", "Конец.\r\nНачало", "Строка\nстрока", "а.б. в", "Ура!, сказал он", "Вот. 5 человек", "Вот.5",
      "Qu'est-ce? Non.", "Ведь так ли? — спросил он.", "Цена: 5 ₸. Итого 10%.", "e.g. this", "ЕЭК. Решение", "No. 5", "Он.  Она",
      "Он.\u00a0Она", "Он.\u2009Она", "«Он». Она", "Он.» Она", "Он.)\n(Она", "Он.\u2028Она", "", " ", ".", "\n\n", "a.\r\r\nb",
    ];
    expect(differences(cases)).toEqual([]);
    expect(fastSentenceStarts("Он пришёл. Она ушла. т. е. так")).toEqual([0, 11]);
    expect(fastSentenceStarts("Что? Где!\nКогда")).toEqual([0, 5, 10]);
  });

  it("for every character of the fast set in the contexts the rules look at", () => {
    const contexts = [
      "aXb", "AXB", "a X b", "A X B", "aX Bc", "aX bc", "a. X b", "a. X B", "a.X b", "a.XB", "a.Xb", "A.XB", "Б.X Б",
      "a? X b", "a?X B", "a! X", "X. a", "X. A", "X.a", "X.1", "1X.2", "a.X1", "a. X1", "«aX» b", "«a.X» B", "(a.X) B",
      "(a. X) b", "a.) X b", "a.) X B", "a.\" X B", "a. X\nb", "X\nX", "a.\nX", "X\r\nX", "a.X\n", "a.X\u00a0B", "X", "XX",
      "X.X", "X X. X", "a.XX b", "a. XX B", "Б. X. б", "a.X.b", "a?X?b", "a.X…b", "X1.", "a.X а", "a.X, b", "a!X) b", "a.X\r",
    ];
    const texts = FAST_SET.flatMap((ch) => contexts.map((c) => c.replaceAll("X", ch)));
    expect(differences(texts)).toEqual([]);
  }, 30_000);

  it("on 300,000 random strings over the fast set, weighted toward punctuation, spaces and capitals", () => {
    const rng = createRng(20_260_529);
    const punctuation = [..." .!?,;:-–—«»„“”‘’\"'()[]\n\r\t\u00a0\u2009…‼"];
    const capitals = [..."AZÉБЁӘҚІЯ"];
    const lower = [..."azбёәқія"];
    const draw = (): string => {
      const r = rng.next();
      return r < 0.45 ? rng.pick(punctuation) : r < 0.6 ? rng.pick(capitals) : r < 0.7 ? rng.pick(lower) : r < 0.75 ? String(rng.int(10)) : rng.pick(FAST_SET);
    };
    const texts = Array.from({ length: 300_000 }, () => Array.from({ length: 1 + rng.int(24) }, draw).join(""));
    expect(texts.every((t) => fastSentenceStarts(t) !== undefined)).toBe(true);
    expect(differences(texts)).toEqual([]);
  }, 30_000);

  it("falls back to Intl.Segmenter for text with a character outside the fast set", () => {
    const outside = [
      "Эмодзи 👍. Далее", "уда\u0301рение. Далее", "пере\u00adнос. Далее", "ноль\u200bширины. Далее", "Конец。 Далее", "Ունի. Далее",
      "Он. \u0301Она", "Он. 1 👍 она", "Он.\u3002 Она", "Он. Ωмега",
    ];
    for (const text of outside) {
      expect(fastSentenceStarts(text)).toBeUndefined();
      expect(sentenceStartsIn(text)).toEqual(icuSentenceStarts(text));
    }
    expect(sentenceStartsIn("Конец。Далее")).toEqual([0, 6]);
  });

  it("on every text of our own fixtures", () => {
    const texts = textsUnder(path.join(REPO, "test/fixtures"));
    expect(texts.length).toBeGreaterThan(20);
    const { differing, fastShare } = compareTexts(texts);
    expect(differing).toEqual([]);
    expect(fastShare).toBeGreaterThan(0.9);
  });

  const shared = path.join(SHARED, "eval/data");
  it.skipIf(!existsSync(shared))("on every text of the evaluation data in ../shared (real Russian and English text)", () => {
    const texts = textsUnder(shared);
    expect(texts.length).toBeGreaterThan(1_000);
    const { differing, fastShare } = compareTexts(texts);
    expect(differing).toEqual([]);
    expect(fastShare).toBeGreaterThan(0.9);
  }, 120_000);
  if (!existsSync(shared)) it.skip("skipped: ../shared/eval/data is absent; the fixture and random-string tests above cover the fast path", () => undefined);
});

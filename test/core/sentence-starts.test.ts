import { describe, expect, it } from "vitest";
import path from "node:path";
import { fastSentenceStarts, icuSentenceStarts, sentenceStartsIn } from "../../src/core/text/sentence-starts.ts";
import { REPO } from "../e2e/support.ts";
import { compareTexts, differences, FAST_SET, textsUnder } from "./sentence-starts-equivalence.ts";

// Every character of the fast set in context, 300,000 random strings and the evaluation corpora: in
// sentence-starts.exhaustive.test.ts (npm run test:exhaustive).
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
});

import { describe, expect, it } from "vitest";
import { trueReuse, closeGaps } from "../../eval/republication/true-share.ts";
import { sentencesOf, type Word } from "../../eval/republication/source-text.ts";
import { obfuscate, embeddedWords, excerptParagraphs, sentenceHulls, type EmbeddedSentence } from "../../eval/republication/obfuscate.ts";
import { Rng } from "../../eval/republication/prng.ts";
import { planSuite, buildPage } from "../../eval/republication/generate.ts";
import { readFixtureArticles } from "../../eval/data/fixture-articles.ts";
import { repairOdsBreaks, parseNewsDate } from "../../eval/data/ru-news.ts";

// Our own sentences, written for these tests.
const TEXT = "Акимат объявил конкурс на ремонт моста. Работы начнутся в мае.\n\nПодрядчик получит «два миллиарда тенге» за год.";

describe("true share", () => {
  const words = sentencesOf(TEXT).flatMap((s) => s.words);
  it("is 1 for the whole text, punctuation and breaks included", () => {
    expect(trueReuse(TEXT, words).share).toBe(1);
  });
  it("counts one sentence with the non-word stretches inside it, not around it", () => {
    const first = sentencesOf(TEXT)[0]!;
    const r = trueReuse(TEXT, first.words);
    // From the text's start (nothing before it) to the end of "моста".
    expect(r.reusedChars).toBe(TEXT.indexOf("моста") + "моста".length);
  });
  it("does not count a deleted word", () => {
    const first = sentencesOf(TEXT)[0]!;
    const kept = first.words.filter((w) => TEXT.slice(w.start, w.end) !== "конкурс");
    // The stretch " конкурс " now holds a word, so neither of its spaces is closed either.
    expect(trueReuse(TEXT, kept).reusedChars).toBe(trueReuse(TEXT, first.words).reusedChars - " конкурс ".length);
  });
  it("as the truth, counts a deleted word inside an embedded sentence but not a sentence left out (issue 12, item 5)", () => {
    const [first, , third] = sentencesOf(TEXT);
    const embed = (words: readonly Word[]): EmbeddedSentence => ({ paragraph: 0, pieces: words.map((w) => ({ text: TEXT.slice(w.start, w.end), word: w })) });
    const kept = first!.words.filter((w) => TEXT.slice(w.start, w.end) !== "конкурс");
    expect(trueReuse(TEXT, sentenceHulls([embed(kept)])).reusedChars).toBe(trueReuse(TEXT, first!.words).reusedChars);
    const skipped = trueReuse(TEXT, sentenceHulls([embed(first!.words), embed(third!.words)]));
    // From the text's start to "моста", and from "Подрядчик" to the text's end: the second sentence is out.
    expect(skipped.reusedChars).toBe(TEXT.indexOf("моста") + "моста".length + TEXT.length - TEXT.indexOf("Подрядчик"));
  });
  it("excludes text an earlier reference document holds", () => {
    const ref = [{ start: 0, end: TEXT.indexOf("Работы") - 1 }];
    const r = trueReuse(TEXT, words, ref);
    expect(r.excludedChars).toBeGreaterThan(0);
    expect(r.reusedChars + r.excludedChars).toBe(TEXT.length);
  });
  it("closes gaps of punctuation but not of words", () => {
    expect(closeGaps("аа, бб вв", [{ start: 0, end: 2 }, { start: 4, end: 6 }])).toEqual([{ start: 0, end: 6 }]);
    expect(closeGaps("аа, бб вв", [{ start: 0, end: 2 }, { start: 7, end: 9 }])).toEqual([{ start: 0, end: 2 }, { start: 7, end: 9 }]);
  });
});

describe("obfuscation", () => {
  const sentences = sentencesOf(TEXT);
  const total = sentences.reduce((n, s) => n + s.words.length, 0);
  it("verbatim embeds the sentences exactly", () => {
    const out = obfuscate(TEXT, sentences, "verbatim", new Rng(1));
    expect(excerptParagraphs(out)).toEqual(["Акимат объявил конкурс на ремонт моста. Работы начнутся в мае.", "Подрядчик получит «два миллиарда тенге» за год."]);
    expect(embeddedWords(out)).toHaveLength(total);
  });
  it("deletion drops words from the text and from what counts", () => {
    let dropped = 0;
    for (let seed = 1; seed < 30; seed++) {
      const out = obfuscate(TEXT, sentences, "delete", new Rng(seed));
      const shown = excerptParagraphs(out).join(" ").match(/[\p{L}\p{N}]+/gu)!.length;
      expect(embeddedWords(out)).toHaveLength(shown);
      dropped += total - shown;
    }
    expect(dropped).toBeGreaterThan(0);
  });
  it("typography changes quotes and keeps every word counted", () => {
    const out = obfuscate(TEXT, sentences, "typography", new Rng(3));
    expect(excerptParagraphs(out).join(" ")).not.toContain("«");
    expect(embeddedWords(out)).toHaveLength(total);
  });
  it("reordering keeps the words and changes the order", () => {
    const out = obfuscate(TEXT, sentences, "reorder", new Rng(5));
    expect(embeddedWords(out)).toHaveLength(total);
    expect(out.map((s) => s.pieces[0]!.text)).not.toEqual(sentences.map((s) => TEXT.slice(s.start, s.words[0]!.end)));
  });
});

describe("suite generation", () => {
  const articles = readFixtureArticles();
  const options = { seed: 7, pages: 21, referenceSources: 0, isHost: (a: { url: string }) => !a.url.includes("vestnik-delovoy.example") };
  it("is deterministic in its seed", () => {
    const a = planSuite(articles, options);
    const b = planSuite(articles, options);
    const html = (p: typeof a) => p.specs.map((s) => buildPage(s, s.source.text, 7).html);
    expect(html(a)).toEqual(html(b));
    expect(html(planSuite(articles, { ...options, seed: 8 }))).not.toEqual(html(a));
  });
  it("embeds the excerpt in the page and derives the truth from it", () => {
    for (const spec of planSuite(articles, options).specs) {
      const page = buildPage(spec, spec.source.text, 7);
      expect(page.truth.share).toBeGreaterThanOrEqual(0);
      expect(page.truth.share).toBeLessThanOrEqual(1);
      if (spec.target === 0) expect(page.truth.reusedChars).toBe(0);
      for (const p of page.excerpt) expect(page.html).toContain(p.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;"));
      if (spec.link === "none") expect(page.html).not.toContain(`href="${spec.source.url}`);
    }
  });
});

describe("news sample cleaning", () => {
  it("repairs the ODS line-break artefact", () => {
    expect(repairOdsBreaks("Новости.nnВ городе")).toBe("Новости.\n\nВ городе");
    expect(repairOdsBreaks("конец.n— Реплика")).toBe("конец.\n— Реплика");
    expect(repairOdsBreaks("на сайтеnведомства")).toBe("на сайте ведомства");
    expect(repairOdsBreaks("Renault and Nissan")).toBe("Renault and Nissan");
  });
  it("reads the corpus's date formats", () => {
    expect(parseNewsDate("2019-08-05 12:00:00")).toBe("2019-08-05T12:00:00.000Z");
    expect(parseNewsDate("01.01.2007 12:04")).toBe("2007-01-01T12:04:00.000Z");
    expect(parseNewsDate("1 января 2010 02:43")).toBe("2010-01-01T02:43:00.000Z");
    expect(parseNewsDate("15 Сен. 2016 16:25")).toBe("2016-09-15T16:25:00.000Z");
    expect(parseNewsDate("3 мая 2016")).toBe("2016-05-03T00:00:00.000Z");
    expect(parseNewsDate("")).toBeNull();
    expect(() => parseNewsDate("вчера")).toThrow(/unrecognised date/);
  });
});

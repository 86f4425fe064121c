import { describe, expect, it } from "vitest";
import { compareTexts } from "../../src/core/compare.ts";
import { longArticle, SHORT_ARTICLE, SHORT_SENTENCE } from "./fictional-texts.ts";

// Issue 12, item 3: a single reused sentence of 5–7 words is found when it is at least 5% of its source.
const OWN_BEFORE = "Наш корреспондент побывал в районе и поговорил с людьми.";
const OWN_AFTER = "Редакция продолжит следить за ситуацией.";

describe("a whole short sentence of a short article", () => {
  it("is found alone, though it has fewer words than the minimum passage", () => {
    const r = compareTexts(SHORT_ARTICLE, `${OWN_BEFORE} ${SHORT_SENTENCE}. ${OWN_AFTER}`);
    expect(r.passages).toHaveLength(1);
    expect(SHORT_ARTICLE.slice(r.passages[0]!.source.start, r.passages[0]!.source.end)).toBe(SHORT_SENTENCE);
    expect(r.share).toBeGreaterThanOrEqual(0.05);
  });

  it("is found with a filler inserted and a word deleted, the deleted word counted", () => {
    const edited = "Спасатели при этом просят жителей беречь воду";
    const r = compareTexts(SHORT_ARTICLE, `${OWN_BEFORE} ${edited}. ${OWN_AFTER}`);
    expect(r.passages).toHaveLength(1);
    expect(r.reusedChars).toBe(SHORT_SENTENCE.length);
  });

  it("passes the mayAlign prefilter from its one seed, which a long sentence's one seed does not", async () => {
    const { tokenize, wordSequence } = await import("../../src/core/text/tokenize.ts");
    const { mayAlign, seedHashes } = await import("../../src/core/align/align.ts");
    const { DEFAULT_DETECTION_OPTIONS: options } = await import("../../src/core/options.ts");
    const source = wordSequence(tokenize(SHORT_ARTICLE));
    const seeds = (text: string) => seedHashes(wordSequence(tokenize(text)), options.seedLength);
    // One shared run of three words ("просят жителей беречь") in a sentence of six.
    expect(mayAlign(source, seeds("Спасатели при этом просят жителей беречь воду."), options)).toBe(true);
    // One shared run of three words ("на насосной станции") in a sentence of twelve: no whole sentence can grow from it.
    expect(mayAlign(source, seeds("Очередь выросла на насосной станции утром."), options)).toBe(false);
  });

  it("is not found with two of its six words missing", () => {
    const r = compareTexts(SHORT_ARTICLE, `${OWN_BEFORE} Спасатели просят жителей беречь запасы. ${OWN_AFTER}`);
    expect(r.passages).toHaveLength(0);
  });

  it("is not found when it is under 5% of a long article", () => {
    const source = longArticle(`${SHORT_SENTENCE}.`);
    const r = compareTexts(source, `${OWN_BEFORE} ${SHORT_SENTENCE}. ${OWN_AFTER}`);
    expect(r.passages).toHaveLength(0);
  });

  it("is not found when its words are spread over two sentences of the page", () => {
    const r = compareTexts(SHORT_ARTICLE, `${OWN_BEFORE} Спасатели просят жителей. Беречь питьевую воду! ${OWN_AFTER}`);
    expect(r.passages).toHaveLength(0);
  });

  it("does not count a stock sentence of frequent words", () => {
    const stock = "Об этом сообщил в среду его представитель.";
    const source = `${SHORT_ARTICLE} ${stock}`;
    const r = compareTexts(source, `Наш корреспондент побывал на заводе. ${stock} ${OWN_AFTER}`);
    expect(r.passages).toHaveLength(0);
  });

  it("does not count an agency's dateline, which every report of that day opens with", () => {
    const dateline = "АКТОБЕ, 10 авг - РИА Новости.";
    const r = compareTexts(`${dateline} ${SHORT_ARTICLE}`, `${dateline} В области начали убирать урожай пшеницы, сообщают аграрии.`);
    expect(r.passages).toHaveLength(0);
  });

  it("counts two reordered short sentences that are 5% of the article together, not each", () => {
    const first = "Алла Вербер родилась в Ленинграде.";
    const second = "Мастерская работала на Литейном проспекте.";
    // About 130 words: each five-word sentence is under 5% of them, the two together are over.
    const source = [SHORT_ARTICLE, first, SHORT_ARTICLE.replace(/Жаркамыс/g, "Шубаркудук"), second].join(" ");
    expect(compareTexts(source, `${OWN_BEFORE} ${second} ${first} ${OWN_AFTER}`).passages).toHaveLength(2);
    expect(compareTexts(source, `${OWN_BEFORE} ${second} ${OWN_AFTER}`).passages).toHaveLength(0);
  });
});

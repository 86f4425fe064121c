import { describe, expect, it } from "vitest";
import { compareTexts } from "../../src/core/compare.ts";
import { longArticle } from "./fictional-texts.ts";

// Issue 12, item 3: deleted, inserted or inflected words inside a sentence do not break a passage. The
// sentences sit in a long article, where a passage needs the minimum length (no whole-sentence rule).
const OWN_BEFORE = "Наш корреспондент побывал в районе и поговорил с людьми.";
const OWN_AFTER = "Редакция продолжит следить за ситуацией.";

describe("edited excerpts", () => {
  it("start at their sentence's first word though its third word was deleted", () => {
    const sentence = "Жители посёлка готовятся к возможному отключению воды из-за ремонта насосной станции";
    const source = longArticle(`${sentence}.`);
    const r = compareTexts(source, `${OWN_BEFORE} Жители посёлка к возможному отключению воды из-за ремонта насосной станции. ${OWN_AFTER}`);
    expect(r.passages).toHaveLength(1);
    // The deleted word lies inside the reused sentence: the passage spans all of it.
    expect(source.slice(r.passages[0]!.source.start, r.passages[0]!.source.end)).toBe(sentence);
  });

  it("keep the words between two changed words, reaching the minimum passage", () => {
    const sentence = "Новый мост через реку Урал откроют для движения в сентябре";
    const source = longArticle(`${sentence}.`);
    // Two words changed beyond their stems leave only two runs of three shared words (six words) as seeds.
    const r = compareTexts(source, `${OWN_BEFORE} Новый мост через речку Урал откроют под движение в сентябре. ${OWN_AFTER}`);
    expect(r.passages).toHaveLength(1);
    expect(r.alignments[0]!.pairs).toHaveLength(8);
    expect(source.slice(r.passages[0]!.source.start, r.passages[0]!.source.end)).toBe(sentence);
  });

  it("end at their sentence's last word after fillers and a changed ending near it", () => {
    const sentence = "Строители обещают сдать новую школу на шестьсот мест к началу учебного года";
    const source = longArticle(`${sentence}.`);
    const r = compareTexts(source, `${OWN_BEFORE} Строители обещают сдать новую школу на шестьсот мест, при этом к началу учебных года. ${OWN_AFTER}`);
    expect(r.passages).toHaveLength(1);
    expect(source.slice(r.passages[0]!.source.start, r.passages[0]!.source.end)).toBe(sentence);
  });

  it("do not grow into the source's next sentence through a word of the reuser's own text", () => {
    const sentence = "Новый мост через реку Урал откроют для движения в сентябре";
    const source = longArticle(`${sentence}. Бригада работает в две смены.`);
    // "бригада" follows one word after the passage's end, within reach of growing, but in the next sentence.
    const r = compareTexts(source, `${OWN_BEFORE} ${sentence}, сообщила бригада. ${OWN_AFTER}`);
    expect(r.passages).toHaveLength(1);
    expect(source.slice(r.passages[0]!.source.start, r.passages[0]!.source.end)).toBe(sentence);
  });

  it("do not lift an agency's formula with one word changed to the minimum passage through the frequent words before it", () => {
    const source = longArticle("Об этом сообщает агентство со ссылкой на источник в правительстве.");
    // Seven words in a row are shared; "об этом" before the changed verb would make nine.
    const r = compareTexts(source, `${OWN_BEFORE} Об этом пишет агентство со ссылкой на источник в правительстве. ${OWN_AFTER}`);
    expect(r.passages).toHaveLength(0);
  });
});

import { describe, expect, it } from "vitest";
import { compareTexts } from "../../src/core/compare.ts";
import { longArticle } from "./fictional-texts.ts";

// Fictional text written for these tests.
const SOURCE = [
  "Министерство энергетики Казахстана утвердило новый план модернизации трех крупных теплоэлектроцентралей до конца следующего года.",
  "Общая стоимость работ оценивается в 240 миллиардов тенге, из которых половину профинансирует государственный фонд развития.",
  "По словам вице-министра, замена котлов и турбин позволит сократить число аварийных отключений зимой почти вдвое.",
  "Подрядчиков выберут на открытом конкурсе, заявки начнут принимать в марте.",
].join(" ");

describe("alignment", () => {
  it("covers a verbatim copy completely, in one passage", () => {
    const r = compareTexts(SOURCE, `Коротко о главном. ${SOURCE} Подписывайтесь на наш канал.`);
    expect(r.passages).toHaveLength(1);
    expect(r.reusedChars).toBe(SOURCE.length);
    expect(r.share).toBe(1);
  });

  it("does not split a passage at one changed, deleted or inserted word", () => {
    const changed = SOURCE.replace("утвердило", "одобрило").replace("почти ", "").replace("Общая стоимость", "Общая плановая стоимость");
    const r = compareTexts(SOURCE, changed);
    expect(r.passages).toHaveLength(1);
    // The deleted word lies inside the reused sentence, so it still counts as reused.
    expect(r.share).toBe(1);
  });

  it("matches changed word endings through stemming and ё/case/quote folding", () => {
    const edited = SOURCE.replace("крупных", "крупные").replace("государственный фонд", "ГОСУДАРСТВЕННЫМ ФОНДОМ").replace("зимой", "зимой «ещё»");
    expect(compareTexts(SOURCE, edited).share).toBeGreaterThan(0.95);
  });

  it("finds reordered sentences as separate passages", () => {
    const sentences = SOURCE.match(/[^.]+\./g)!;
    const reordered = [sentences[2], sentences[0], sentences[1]].join(" ");
    const r = compareTexts(SOURCE, reordered);
    expect(r.passages.length).toBeGreaterThanOrEqual(2);
    const expected = sentences[0]!.length + sentences[1]!.length + sentences[2]!.length;
    expect(Math.abs(r.reusedChars - expected)).toBeLessThanOrEqual(3);
  });

  it("does not count a whole sentence the reuser left out", () => {
    const sentences = SOURCE.match(/[^.]+\./g)!;
    const skipped = [sentences[0], sentences[2], sentences[3]].join(" ");
    const r = compareTexts(SOURCE, skipped);
    expect(r.reusedChars).toBeLessThan(SOURCE.length - sentences[1]!.length + 3);
  });

  it("does not show a sentence the reuser wrote between two reused ones as reused", () => {
    const sentences = SOURCE.match(/[^.]+\./g)!;
    const own = "Эксперты сомневаются в сроках.";
    const candidate = [sentences[0], own, sentences[1], sentences[2], sentences[3]].join(" ");
    const r = compareTexts(SOURCE, candidate);
    const ownStart = candidate.indexOf(own);
    for (const p of r.passages) expect(p.candidate.end <= ownStart || p.candidate.start >= ownStart + own.length).toBe(true);
    // The source around it was all reused, and still counts whole.
    expect(r.share).toBe(1);
  });

  it("ignores short stock phrases shared by unrelated news", () => {
    const other = "Как сообщает пресс-служба министерства, заявки начнут принимать в марте. Остальные детали пока не раскрываются, говорится в сообщении.";
    expect(compareTexts(SOURCE, other).passages).toHaveLength(0);
  });

  it("gives passages whose offsets slice the same words out of both texts", () => {
    const cand = `Вступление.\n\n${SOURCE}`;
    const r = compareTexts(SOURCE, cand);
    const p = r.passages[0]!;
    expect(cand.slice(p.candidate.start, p.candidate.end)).toBe(SOURCE.slice(p.source.start, p.source.end));
  });
});

describe("the mayAlign prefilter", () => {
  // A short source may count from one seed (a whole sentence of it); a long one needs two.
  for (const [name, text] of [["short", SOURCE], ["long", longArticle(SOURCE)]] as const) {
    it(`never rejects a ${name} source that align would find a passage in`, async () => {
      const { tokenize, wordSequence } = await import("../../src/core/text/tokenize.ts");
      const { align, mayAlign, seedHashes } = await import("../../src/core/align/align.ts");
      const { DEFAULT_DETECTION_OPTIONS: options } = await import("../../src/core/options.ts");
      const source = wordSequence(tokenize(text));
      const words = SOURCE.split(" ");
      let seed = 7;
      const random = (n: number): number => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
      let aligned = 0;
      for (let trial = 0; trial < 400; trial++) {
        // A window of the source with words dropped, replaced or inserted at random.
        const from = random(words.length);
        const window = words.slice(from, from + 6 + random(14)).flatMap((w) => {
          const roll = random(10);
          return roll === 0 ? [] : roll === 1 ? ["вставка"] : roll === 2 ? [w, "слово"] : [w];
        });
        const candidate = wordSequence(tokenize(window.join(" ")));
        const found = align(source, candidate, options).length > 0;
        if (found) aligned++;
        if (found) expect(mayAlign(source, seedHashes(candidate, options.seedLength), options)).toBe(true);
      }
      // The trials must include both outcomes for the check to mean anything.
      expect(aligned).toBeGreaterThan(50);
      expect(aligned).toBeLessThan(400);
    });
  }

  it("rejects a long source that shares only a phrase of three words", async () => {
    const { tokenize, wordSequence } = await import("../../src/core/text/tokenize.ts");
    const { mayAlign, seedHashes } = await import("../../src/core/align/align.ts");
    const { DEFAULT_DETECTION_OPTIONS: options } = await import("../../src/core/options.ts");
    const candidate = wordSequence(tokenize("Заявки начнут принимать уже в апреле, говорится в сообщении."));
    const source = wordSequence(tokenize(longArticle(SOURCE)));
    expect(mayAlign(source, seedHashes(candidate, options.seedLength), options)).toBe(false);
    // The same phrase and the next word are two seeds: a passage could grow from them.
    const longer = wordSequence(tokenize("Заявки начнут принимать в апреле, говорится в сообщении."));
    expect(mayAlign(source, seedHashes(longer, options.seedLength), options)).toBe(true);
  });
});

describe("tokenizing long texts", () => {
  it("segments texts longer than 64K characters in pieces, with offsets into the whole text", async () => {
    const { tokenize } = await import("../../src/core/text/tokenize.ts");
    const paragraph = `${SOURCE}\n\n`;
    const long = paragraph.repeat(Math.ceil(70_000 / paragraph.length));
    const tokens = tokenize(long);
    expect(tokens.length).toBe(tokenize(paragraph).length * Math.ceil(70_000 / paragraph.length));
    for (const t of tokens.filter((_, i) => i % 97 === 0)) expect(long.slice(t.start, t.end)).toMatch(/^[\p{L}\p{N}]+$/u);
    const last = tokens[tokens.length - 1]!;
    expect(long.slice(last.start, last.end)).toBe("марте");
  });
});

import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { paraphraseFinder, type ParaphraseStage } from "../../src/core/paraphrase/find-paraphrases.ts";
import type { Span, Token } from "../../src/core/types.ts";
import { DEFAULT_PARAPHRASE_OPTIONS } from "../../src/core/paraphrase/paraphrase-options.ts";
import { tokenize } from "../../src/core/text/tokenize.ts";
import { installedThesaurus, THESAURUS_FILE } from "../../src/io/installed-thesaurus.ts";
import { REWRITTEN_SENTENCE, SOURCE_SENTENCE, thesaurus, UNRELATED_SENTENCE } from "./fictional-thesaurus.ts";

const key = (word: string) => tokenize(word)[0]!.key;
/** The stage for one candidate, run on one source. */
const findParaphrases = (source: readonly Token[], candidate: readonly Token[], found: readonly Span[], stage: ParaphraseStage, sourceAligned: boolean) =>
  paraphraseFinder(candidate, found, stage)(source, sourceAligned);
const shareSense = (a: string, b: string, senses: (key: string) => readonly number[]) => senses(key(a)).some((s) => senses(key(b)).includes(s));

describe("MyThes thesaurus", () => {
  it("puts a word and its synonyms in one set, by the engine's stemmed keys", () => {
    expect(shareSense("строительстве", "возведения", thesaurus.senses)).toBe(true);
    expect(shareSense("объявил", "анонсировали", thesaurus.senses)).toBe(true);
    expect(shareSense("больница", "пригород", thesaurus.senses)).toBe(false);
  });

  it("leaves out antonyms and synonyms of several words", () => {
    expect(thesaurus.senses(key("скрыть"))).toEqual([]);
    expect(thesaurus.senses(key("всеуслышание"))).toEqual([]);
  });
});

describe("paraphrase stage", () => {
  const source = tokenize(`${UNRELATED_SENTENCE} ${SOURCE_SENTENCE}`);
  const candidate = tokenize(`${REWRITTEN_SENTENCE} ${UNRELATED_SENTENCE.replace("Костаная", "Актобе")}`);
  const stage = { thesaurus, options: DEFAULT_PARAPHRASE_OPTIONS };
  const text = (t: string, span: { start: number; end: number }) => t.slice(span.start, span.end);

  it("pairs a sentence rewritten with synonyms with its source sentence, not with a sentence it shares no content with", () => {
    const pairs = findParaphrases(source, tokenize(REWRITTEN_SENTENCE), [], stage, true);
    expect(pairs).toHaveLength(1);
    // From the first word to the last, as the aligner's passages run.
    expect(text(`${UNRELATED_SENTENCE} ${SOURCE_SENTENCE}`, pairs[0]!.source)).toBe(SOURCE_SENTENCE.replace(/\.$/, ""));
    expect(text(REWRITTEN_SENTENCE, pairs[0]!.candidate)).toBe(REWRITTEN_SENTENCE.replace(/\.$/, ""));
    expect(pairs[0]!.similarity).toBeGreaterThanOrEqual(DEFAULT_PARAPHRASE_OPTIONS.minSimilarity);
  });

  it("does not see the rewrite through stems alone: the synonyms make it", () => {
    expect(findParaphrases(source, tokenize(REWRITTEN_SENTENCE), [], { thesaurus: null, options: DEFAULT_PARAPHRASE_OPTIONS }, true)).toEqual([]);
  });

  it("leaves a sentence the aligner already covers to the aligner", () => {
    const both = findParaphrases(source, candidate, [], stage, true);
    expect(both.map((p) => p.candidate.start)).toContain(0);
    const aligned = [{ start: 0, end: REWRITTEN_SENTENCE.length - 10 }];
    expect(findParaphrases(source, candidate, aligned, stage, true).map((p) => p.candidate.start)).not.toContain(0);
  });

  it("reports a source the aligner did not match only when it holds minUnalignedPairs rewritten sentences", () => {
    const needing = (minUnalignedPairs: number) => ({ thesaurus, options: { ...DEFAULT_PARAPHRASE_OPTIONS, minUnalignedPairs } });
    expect(findParaphrases(source, tokenize(REWRITTEN_SENTENCE), [], needing(2), false)).toEqual([]);
    expect(findParaphrases(source, tokenize(REWRITTEN_SENTENCE), [], needing(2), true)).toHaveLength(1);
    expect(findParaphrases(source, tokenize(REWRITTEN_SENTENCE), [], needing(1), false)).toHaveLength(1);
  });
});

if (!existsSync(THESAURUS_FILE)) console.warn(`paraphrase-pairs.test: ${(installedThesaurus() as { missing: string }).missing}; the installed-thesaurus test is skipped`);

describe.skipIf(!existsSync(THESAURUS_FILE))("Debian's mythes-ru", () => {
  it("joins common Russian synonyms", () => {
    const { thesaurus: installed } = installedThesaurus();
    expect(installed!.sets).toBeGreaterThan(10_000);
    expect(shareSense("огромный", "громадная", installed!.senses)).toBe(true);
    expect(shareSense("автомобиль", "машины", installed!.senses)).toBe(true);
  });
});

describe("installed thesaurus", () => {
  it("is missing, with the file named and how to install it, when the file is not there", () => {
    const file = "/nonexistent/th_ru_RU_v2.dat";
    const installed = installedThesaurus(file);
    expect(installed.thesaurus).toBeNull();
    expect("missing" in installed && installed.missing).toMatch(new RegExp(`${file}.*mythes-ru`));
  });
});

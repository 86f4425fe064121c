import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { SqliteSourceStore } from "../../src/io/store/sqlite-source-store.ts";
import { createEngine } from "../../src/engine/create-engine.ts";
import { DEFAULT_POLICY } from "../../src/core/policy/schema.ts";
import { DEFAULT_PARAPHRASE_OPTIONS, type ParaphraseOptions } from "../../src/core/paraphrase/paraphrase-options.ts";
import type { TextDocument } from "../../src/core/types.ts";
import { REWRITTEN_SENTENCE, SOURCE_SENTENCE, thesaurus } from "../paraphrase/fictional-thesaurus.ts";

// Fictional texts written for this test.
const COPIED = [
  "Проект предусматривает больницу на триста коек с родильным отделением, поликлиникой и вертолётной площадкой на крыше.",
  "Стоимость работ оценивается в двадцать два миллиарда тенге, средства выделят из местного бюджета в течение трёх лет.",
];
// A second source sentence and its rewrite: derivations (строительство/строительных, завершится/завершение), one run of three
// words shared (the index retrieves the source by it), none of the eight words alignment needs.
const BUDGET_SENTENCE = "Строительство обойдётся областному бюджету в двенадцать миллиардов тенге и завершится через три года.";
const BUDGET_REWRITTEN = "Завершение строительных работ ожидается спустя три года, а областной бюджет выделит на них двенадцать миллиардов тенге.";
const OWN = "Жители соседних сёл давно просили открыть в районе хотя бы небольшой медицинский пункт с круглосуточным дежурством.";

function doc(url: string, text: string): TextDocument {
  return { url, title: "Заголовок", published: "2024-05-01T10:00:00Z", text, links: [] };
}

describe("engine's paraphrase stage over a real SQLite file", () => {
  let dir: string;
  let store: SqliteSourceStore;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "copyquota-paraphrase-"));
    store = SqliteSourceStore.open(path.join(dir, "index.db"));
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("lists the rewritten sentence beside the aligned passages and leaves the share as alignment measured it", async () => {
    const sourceText = [SOURCE_SENTENCE, ...COPIED].join("\n\n");
    await createEngine(store).addSource(doc("https://pvl.example.kz/news/1", sourceText), { reference: false });
    const candidateText = [REWRITTEN_SENTENCE, ...COPIED, OWN].join("\n\n");
    const candidate = doc("https://copy.example.kz/1", candidateText);

    const off = (await createEngine(store).check(candidate, DEFAULT_POLICY)).matches[0]!;
    const on = (await createEngine(store, {}, { paraphrase: { thesaurus, options: DEFAULT_PARAPHRASE_OPTIONS } }).check(candidate, DEFAULT_POLICY)).matches[0]!;

    expect(off).not.toHaveProperty("paraphrases");
    expect(on.paraphrases).toHaveLength(1);
    const [pair] = on.paraphrases!;
    expect(candidateText.slice(pair!.candidate.start, pair!.candidate.end)).toBe(REWRITTEN_SENTENCE.replace(/\.$/, ""));
    expect(sourceText.slice(pair!.source.start, pair!.source.end)).toBe(SOURCE_SENTENCE.replace(/\.$/, ""));
    const { paraphrases, ...rest } = on;
    expect(paraphrases).toBeDefined();
    expect(rest).toEqual(off);
  });

  it("compares every retrieved source when asked: a wholly rewritten article is a match reusing nothing that lists its rewritten sentences", async () => {
    const sourceText = [SOURCE_SENTENCE, BUDGET_SENTENCE, OWN].join("\n\n");
    await createEngine(store).addSource(doc("https://pvl.example.kz/news/2", sourceText), { reference: false });
    const check = (text: string, options: Partial<ParaphraseOptions>) =>
      createEngine(store, {}, { paraphrase: { thesaurus, options: { ...DEFAULT_PARAPHRASE_OPTIONS, ...options } } }).check(doc("https://rewrite.example.kz/1", text), DEFAULT_POLICY);
    const rewritten = [REWRITTEN_SENTENCE, BUDGET_REWRITTEN].join(" ");

    const result = await check(rewritten, { sources: "retrieved", minUnalignedPairs: 2 });
    expect(result.matches).toHaveLength(1);
    const [match] = result.matches;
    expect(match!.passages).toEqual([]);
    expect(match!.share).toBe(0);
    expect(match!.paraphrases!.map((p) => rewritten.slice(p.candidate.start, p.candidate.end))).toEqual([REWRITTEN_SENTENCE, BUDGET_REWRITTEN].map((t) => t.replace(/\.$/, "")));
    expect(result.verdict).toBe("no_reuse");

    expect((await check(rewritten, { sources: "aligned" })).matches).toEqual([]);
    expect((await check(REWRITTEN_SENTENCE, { sources: "retrieved", minUnalignedPairs: 2 })).matches).toEqual([]);
  });
});

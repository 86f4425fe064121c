import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { SqliteSourceStore } from "../../src/io/store/sqlite-source-store.ts";
import { createEngine } from "../../src/engine/create-engine.ts";
import { DEFAULT_POLICY } from "../../src/core/policy/schema.ts";
import { DEFAULT_PARAPHRASE_OPTIONS } from "../../src/core/paraphrase/paraphrase-options.ts";
import type { TextDocument } from "../../src/core/types.ts";
import { REWRITTEN_SENTENCE, SOURCE_SENTENCE, thesaurus } from "../paraphrase/fictional-thesaurus.ts";

// Fictional texts written for this test.
const COPIED = [
  "Проект предусматривает больницу на триста коек с родильным отделением, поликлиникой и вертолётной площадкой на крыше.",
  "Стоимость работ оценивается в двадцать два миллиарда тенге, средства выделят из местного бюджета в течение трёх лет.",
];
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
});

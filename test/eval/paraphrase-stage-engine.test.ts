import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readEssays } from "../../eval/data/essays.ts";
import { checkEssay, indexEssay, type EssayRun, type IndexedEssay } from "../../eval/tasks/essays.ts";
import { essaySentences, withParaphrases } from "../../eval/tasks/paraphrase-stage.ts";
import { createEngine } from "../../src/engine/create-engine.ts";
import { DEFAULT_POLICY } from "../../src/core/policy/schema.ts";
import { DEFAULT_PARAPHRASE_OPTIONS, type ParaphraseOptions } from "../../src/core/paraphrase/paraphrase-options.ts";
import { evalDataPath, sharedPresent } from "../support/shared-data.ts";

const present = sharedPresent(
  [evalDataPath("plagevalrus-essays-ru", "fragments.jsonl"), evalDataPath("plagevalrus-essays-ru", "essay2_dance", "sources")],
  "the paraphrase sweep's scoring checked against the engine on ParaPlag essay 2",
  "test/engine/paraphrase-stage.test.ts still checks the engine's stage on fictional text",
);

/**
 * The sweep scores thousands of settings on precomputed sentences instead of checking through the engine: it
 * must add exactly the essay sentences the engine pairs, or section 6 measures something the product does not do.
 * Essay 2: half its sources never align, so both retrievals differ there.
 */
describe.skipIf(!present)("paraphrase sweep's scoring against the engine, on ParaPlag essay 2", () => {
  let indexed: IndexedEssay;
  let base: EssayRun;
  beforeAll(async () => {
    indexed = await indexEssay(readEssays().find((e) => e.name === "essay2_dance")!);
    base = await checkEssay(indexed);
  });
  afterAll(() => indexed?.temp.dispose());

  it.each<Partial<ParaphraseOptions>>([{ sources: "aligned" }, { sources: "retrieved" }, { sources: "retrieved", minUnalignedPairs: 1 }])(
    "adds the sentences the engine pairs (%o)",
    async (override) => {
      const options = { ...DEFAULT_PARAPHRASE_OPTIONS, ...override };
      const { run } = withParaphrases(base, await essaySentences(indexed, options.stemPrefix, null), options);
      const swept = run.detections.slice(base.detections.length).map((d) => d.toff);
      const engine = createEngine(indexed.temp.store, {}, { paraphrase: { thesaurus: null, options } });
      const { essay } = indexed;
      const result = await engine.check({ url: "https://essays.example/essay2", title: essay.name, published: null, text: essay.text, links: [] }, DEFAULT_POLICY);
      const paired = new Set(result.matches.flatMap((m) => (m.paraphrases ?? []).map((p) => p.candidate.start)));
      expect(swept.length).toBeGreaterThan(0);
      expect(new Set(swept)).toEqual(paired);
    },
  );
});

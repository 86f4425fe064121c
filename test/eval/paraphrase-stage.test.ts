import { describe, expect, it } from "vitest";
import { chooseSetting, type EssayOutcome, type StageRow } from "../../eval/tasks/paraphrase-stage.ts";
import type { ParaphraseSources } from "../../src/core/paraphrase/paraphrase-options.ts";

function essay(found: number, passagePrecision: number, origTouched: number): EssayOutcome {
  return { light: { found, fragments: 10 }, heavy: { found: 0, fragments: 10 }, passagePrecision, origTouched, orig: 10, added: found };
}

function row(minSimilarity: number, e1: EssayOutcome, e2: EssayOutcome, sources: ParaphraseSources = "aligned"): StageRow {
  return { thesaurus: false, options: { stemPrefix: 4, minContentWords: 4, minSharedWords: 3, minSimilarity, sources, minUnalignedPairs: 2 }, essays: [e1, e2] };
}

describe("paraphrase stage's setting", () => {
  const base = essay(5, 0.98, 1);

  it("is chosen on essay 1 alone: essay 2's figures never decide", () => {
    const rows = [row(0.4, essay(8, 0.97, 1), essay(0, 0.1, 10)), row(0.5, essay(7, 0.99, 1), essay(10, 1, 0))];
    expect(chooseSetting(rows, base).options.minSimilarity).toBe(0.4);
  });

  it("finds the most among settings that keep essay 1's precision at the target and touch no more of its own sentences", () => {
    const rows = [row(0.3, essay(10, 0.94, 1), essay(0, 1, 0)), row(0.35, essay(9, 0.97, 2), essay(0, 1, 0)), row(0.45, essay(6, 0.97, 1), essay(0, 1, 0))];
    expect(chooseSetting(rows, base).options.minSimilarity).toBe(0.45);
  });

  it("compares every retrieved source when essay 1 cannot tell the two retrievals apart, and the aligned ones when it finds fewer that way", () => {
    const tied = [row(0.4, essay(8, 0.97, 1), essay(0, 1, 0)), row(0.4, essay(8, 0.97, 1), essay(0, 1, 0), "retrieved")];
    expect(chooseSetting(tied, base).options.sources).toBe("retrieved");
    const fewer = [row(0.4, essay(8, 0.97, 1), essay(0, 1, 0)), row(0.4, essay(7, 0.97, 1), essay(0, 1, 0), "retrieved")];
    expect(chooseSetting(fewer, base).options.sources).toBe("aligned");
  });
});

import { describe, expect, it } from "vitest";
import { accuracyAt, bestThreshold, rocAuc } from "../../eval/measures/roc.ts";

const items = (pairs: Array<[number, boolean]>) => pairs.map(([score, positive]) => ({ score, positive }));

describe("rocAuc", () => {
  it("is 1 for a perfect ranking, 0 for a reversed one, 0.5 for ties", () => {
    expect(rocAuc(items([[0.1, false], [0.2, false], [0.8, true], [0.9, true]]))).toBe(1);
    expect(rocAuc(items([[0.1, true], [0.9, false]]))).toBe(0);
    expect(rocAuc(items([[0.5, true], [0.5, false]]))).toBe(0.5);
  });
  it("counts pairwise orderings", () => {
    // Positives 0.4, 0.8; negatives 0.3, 0.6: pairs won 0.4>0.3, 0.8>0.3, 0.8>0.6 = 3 of 4.
    expect(rocAuc(items([[0.4, true], [0.8, true], [0.3, false], [0.6, false]]))).toBe(0.75);
  });
});

describe("thresholds", () => {
  it("finds the threshold with the best accuracy", () => {
    const it4 = items([[0.1, false], [0.3, false], [0.35, true], [0.6, true], [0.7, false]]);
    expect(bestThreshold(it4)).toEqual({ threshold: 0.35, accuracy: 0.8 });
    expect(accuracyAt(it4, 0.35)).toBe(0.8);
    expect(accuracyAt(it4, 0)).toBe(0.4);
  });
  it("may call everything negative", () => {
    expect(bestThreshold(items([[0.5, false], [0.6, false]]))).toEqual({ threshold: Infinity, accuracy: 1 });
  });
});

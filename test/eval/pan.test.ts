import { describe, expect, it } from "vitest";
import {
  countChars,
  fragmentFound,
  granularity,
  microPrecision,
  microRecall,
  microScores,
  passagePrecision,
  plagdet,
  type Annotation,
} from "../../eval/measures/pan.ts";

const ann = (toff: number, tlen: number, soff: number | null = null, slen = 0, tref = "susp", sref = "src"): Annotation => ({
  tref,
  toff,
  tlen,
  sref: soff === null ? null : sref,
  soff: soff ?? 0,
  slen,
});

describe("plagdet (anchors from the official script)", () => {
  it("matches the script's unit-test values", () => {
    expect(plagdet(1, 1, 1)).toBe(1);
    expect(plagdet(0.5, 1, 1)).toBeCloseTo(2 / 3, 12);
    expect(plagdet(1, 1, 2)).toBeCloseTo(0.63092975, 7);
    expect(plagdet(0.25, 0.75, 2)).toBeCloseTo(0.23659865, 7);
  });
  it("is 0 for degenerate inputs", () => {
    expect(plagdet(0, 0, 1)).toBe(0);
    expect(plagdet(0.5, -0.1, 1)).toBe(0);
    expect(plagdet(0.5, 0.5, 0.5)).toBe(0);
  });
});

describe("granularity", () => {
  it("counts only detections that overlap the case (script anchor = 2)", () => {
    const cases = [ann(0, 100, 0, 100)];
    const dets = [ann(0, 100), ann(100, 100, 100, 100), ann(0, 200, 0, 200)];
    expect(granularity(cases, dets)).toBe(2);
  });
  it("is 1 with no detections or none overlapping", () => {
    expect(granularity([ann(0, 10, 0, 10)], [])).toBe(1);
    expect(granularity([ann(0, 10, 0, 10)], [ann(50, 10, 50, 10)])).toBe(1);
  });
  it("requires the source side to overlap when both are external", () => {
    expect(granularity([ann(0, 100, 0, 100)], [ann(0, 100, 500, 100)])).toBe(1);
    expect(granularity([ann(0, 100, 0, 100)], [ann(0, 100, 50, 100), ann(10, 20, 10, 20)])).toBe(2);
  });
});

describe("micro recall and precision", () => {
  it("are (1, 1) with both sets empty and (0, 0) with one empty", () => {
    expect([microRecall([], []), microPrecision([], [])]).toEqual([1, 1]);
    expect([microRecall([ann(0, 10, 0, 10)], []), microPrecision([ann(0, 10, 0, 10)], [])]).toEqual([0, 0]);
    expect([microRecall([], [ann(0, 10, 0, 10)]), microPrecision([], [ann(0, 10, 0, 10)])]).toEqual([0, 0]);
  });
  it("count characters on both sides", () => {
    // Case: susp 0–100, src 0–100 (200 chars). Detection: susp 50–150, src 50–150 (200 chars).
    // Overlap: susp 50–100 + src 50–100 = 100 chars → recall 100/200, precision 100/200.
    const cases = [ann(0, 100, 0, 100)];
    const dets = [ann(50, 100, 50, 100)];
    expect(microRecall(cases, dets)).toBe(0.5);
    expect(microPrecision(cases, dets)).toBe(0.5);
  });
  it("counts characters covered by two detections once", () => {
    const cases = [ann(0, 100, 0, 100)];
    const dets = [ann(0, 60, 0, 60), ann(40, 60, 40, 60)];
    expect(microRecall(cases, dets)).toBe(1);
    expect(microPrecision(cases, dets)).toBe(1);
    const s = microScores(cases, dets);
    expect(s.granularity).toBe(2);
    expect(s.plagdet).toBeCloseTo(1 / Math.log2(3), 12);
  });
  it("adds unrelated detections to precision's denominator only", () => {
    const cases = [ann(0, 100, 0, 100)];
    const dets = [ann(0, 100, 0, 100), ann(300, 50, 300, 50)];
    expect(microRecall(cases, dets)).toBe(1);
    expect(microPrecision(cases, dets)).toBeCloseTo(200 / 300, 12);
  });
  it("counts only the suspicious side of a case without a source side", () => {
    const cases = [ann(0, 100)];
    const dets = [ann(0, 50, 0, 50)];
    // T = susp 0–50 only (50); chars(S) = 100; chars(R) = 100.
    expect(microRecall(cases, dets)).toBe(0.5);
    expect(microPrecision(cases, dets)).toBe(0.5);
  });
  it("collapses exact duplicate annotations", () => {
    const cases = [ann(0, 100, 0, 100)];
    expect(granularity(cases, [ann(0, 100, 0, 100), ann(0, 100, 0, 100)])).toBe(1);
  });
  it("keeps documents apart", () => {
    expect(countChars([ann(0, 10, 0, 10, "a"), ann(0, 10, 0, 10, "b")])).toBe(30); // one shared source span
    expect(countChars([ann(0, 10, 0, 10, "a", "x"), ann(0, 10, 0, 10, "b", "y")])).toBe(40);
    expect(countChars([ann(0, 10, 0, 10, "a", "x"), ann(5, 10, 5, 10, "a", "x")])).toBe(30);
  });
});

describe("fragment recall and passage precision", () => {
  it("finds a fragment at 50% coverage and not below", () => {
    expect(fragmentFound({ start: 0, end: 100 }, [{ start: 50, end: 200 }])).toBe(true);
    expect(fragmentFound({ start: 0, end: 100 }, [{ start: 51, end: 200 }])).toBe(false);
    expect(fragmentFound({ start: 0, end: 100 }, [{ start: 0, end: 30 }, { start: 20, end: 50 }])).toBe(true);
  });
  it("measures the share of passage characters inside fragments", () => {
    expect(passagePrecision([{ start: 0, end: 100 }], [{ start: 0, end: 50 }, { start: 75, end: 200 }])).toBe(0.75);
    expect(passagePrecision([], [{ start: 0, end: 50 }])).toBe(1);
  });
});

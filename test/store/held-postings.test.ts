import { describe, expect, it } from "vitest";
import { HeldPostings } from "../../src/io/store/held-postings.ts";

describe("held postings", () => {
  it("gives the postings in the table's order, signed hash then source, less the dropped sources'", () => {
    const held = new HeldPostings();
    held.add(7, Int32Array.from([5, -3, 2 ** 31 - 1]));
    held.add(9, Int32Array.from([-(2 ** 31), 5]));
    held.add(8, Int32Array.from([5, 0]));
    held.add(10, Int32Array.from([1]));
    expect(held.drop(10)).toBe(true);
    expect(held.drop(10)).toBe(false);
    expect(held.size).toBe(7);
    const sorted = held.sorted();
    const rows = Array.from({ length: sorted.length }, (_, i) => [sorted.hash(i), sorted.sourceId(i)]);
    expect(rows).toEqual([[-(2 ** 31), 9], [-3, 7], [0, 8], [5, 7], [5, 8], [5, 9], [2 ** 31 - 1, 7]]);
    expect(held.sourceIds().sort()).toEqual([7, 8, 9]);
  });

  it("takes an id again as a new source's, and only ids within 2²¹ of the lowest held", () => {
    const held = new HeldPostings();
    held.add(3, Int32Array.from([1, 2]));
    held.add(3, Int32Array.from([4]));
    expect(held.size).toBe(1);
    expect(held.fits(3 + 2 ** 21 - 1)).toBe(true);
    expect(held.fits(3 + 2 ** 21)).toBe(false);
    expect(held.fits(2)).toBe(false);
    expect(() => held.add(2, Int32Array.from([1]))).toThrow(RangeError);
    held.clear();
    expect([held.empty, held.size, held.fits(2)]).toEqual([true, 0, true]);
  });
});

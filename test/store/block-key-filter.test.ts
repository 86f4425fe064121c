import { describe, expect, it } from "vitest";
import { BlockKeyFilter } from "../../src/io/store/block-key-filter.ts";
import { createRng } from "../../bench/generator/prng.ts";

describe("block-key filter", () => {
  it("says maybe to every key it holds, and rarely to one it does not", () => {
    const rng = createRng(7);
    const key = () => BigInt.asIntN(64, (BigInt(rng.int(2 ** 32)) << 32n) | BigInt(rng.int(2 ** 32)));
    const filter = new BlockKeyFilter(20_000);
    const held = Array.from({ length: 20_000 }, key);
    for (const k of held) filter.add(k);
    expect(held.every((k) => filter.mayHold(k))).toBe(true);
    const holds = new Set(held);
    const strangers = Array.from({ length: 20_000 }, key).filter((k) => !holds.has(k));
    const maybes = strangers.filter((k) => filter.mayHold(k)).length;
    // 16 bits and 6 probes a key: about 0.1% expected; 1% would mean the probes are not independent.
    expect(maybes / strangers.length).toBeLessThan(0.01);
    expect(filter.full).toBe(false);
    filter.add(key());
    expect(filter.full).toBe(true);
  });

  it("tells apart keys that differ only in their high or only in their low half", () => {
    const filter = new BlockKeyFilter(4);
    filter.add(0x0000000100000001n);
    expect(filter.mayHold(0x0000000100000001n)).toBe(true);
    expect(filter.mayHold(0x0000000200000001n)).toBe(false);
    expect(filter.mayHold(0x0000000100000002n)).toBe(false);
    expect(filter.mayHold(-0x0000000100000001n)).toBe(false);
  });
});

import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { mapAhead } from "../../src/io/inputs/ahead.ts";

describe("mapAhead", () => {
  it("keeps the items' order while later calls finish first, with at most `width` in flight", async () => {
    let inFlight = 0;
    let most = 0;
    const results: number[] = [];
    for await (const result of mapAhead([30, 5, 20, 1, 10, 2], 3, async (ms) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await sleep(ms);
      inFlight--;
      return ms;
    })) {
      results.push(result);
    }
    expect(results).toEqual([30, 5, 20, 1, 10, 2]);
    expect(most).toBe(3);
  });

  it("reads an async source lazily and closes it when the consumer stops", async () => {
    const pulled: number[] = [];
    let closed = false;
    async function* source() {
      try {
        for (let i = 0; i < 100; i++) {
          pulled.push(i);
          yield i;
        }
      } finally {
        closed = true;
      }
    }
    for await (const value of mapAhead(source(), 2, async (i) => i * 10)) {
      if (value === 10) break;
    }
    expect(pulled.length).toBeLessThanOrEqual(4);
    expect(closed).toBe(true);
  });
});

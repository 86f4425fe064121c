import { describe, expect, it } from "vitest";
import { ReadAhead } from "../../src/io/store/read-ahead.ts";

describe("ReadAhead", () => {
  it("hands out each value once", () => {
    const ahead = new ReadAhead<string>(4);
    ahead.put(1, "one");
    expect(ahead.take(1)).toBe("one");
    expect(ahead.take(1)).toBeUndefined();
    expect(ahead.take(2)).toBeUndefined();
  });

  it("drops the oldest values past its capacity, a value put again counting as new", () => {
    const ahead = new ReadAhead<string>(2);
    ahead.put(1, "one");
    ahead.put(2, "two");
    ahead.put(1, "one again");
    ahead.put(3, "three");
    expect(ahead.take(2)).toBeUndefined();
    expect(ahead.take(1)).toBe("one again");
    expect(ahead.take(3)).toBe("three");
  });

  it("forgets a value on request", () => {
    const ahead = new ReadAhead<string>(2);
    ahead.put(1, "one");
    ahead.forget(1);
    expect(ahead.take(1)).toBeUndefined();
  });
});

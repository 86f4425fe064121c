import { describe, expect, it } from "vitest";
import { closeNonWordGaps, intersectSpans, spanLength, subtractSpans, unionSpans } from "../../src/core/share/spans.ts";
import { findQuotations } from "../../src/core/share/quotations.ts";
import { winnow } from "../../src/core/fingerprint/winnow.ts";
import { keyCode } from "../../src/core/fingerprint/hash.ts";

describe("spans", () => {
  it("unions, subtracts and intersects", () => {
    const a = unionSpans([{ start: 5, end: 10 }, { start: 0, end: 3 }, { start: 8, end: 12 }]);
    expect(a).toEqual([{ start: 0, end: 3 }, { start: 5, end: 12 }]);
    expect(subtractSpans(a, [{ start: 2, end: 6 }])).toEqual([{ start: 0, end: 2 }, { start: 6, end: 12 }]);
    expect(intersectSpans(a, [{ start: 2, end: 6 }])).toEqual([{ start: 2, end: 3 }, { start: 5, end: 6 }]);
    expect(spanLength(a)).toBe(10);
  });

  it("closes gaps of spaces and punctuation but not of words", () => {
    const text = "«Один два». Три четыре, пять";
    const words = [{ start: 1, end: 9 }, { start: 12, end: 22 }];
    expect(closeNonWordGaps(text, words)).toEqual([{ start: 0, end: 22 }]);
    expect(closeNonWordGaps(text, [{ start: 1, end: 9 }, { start: 24, end: 28 }])).toEqual([{ start: 0, end: 9 }, { start: 24, end: 28 }]);
  });
});

describe("quotations", () => {
  it("finds quoted statements but not quoted names", () => {
    const text = "Компания «Казахтелеком» сообщила. «Мы завершим модернизацию сети до конца года», – сказал глава компании.";
    const spans = findQuotations(text);
    expect(spans).toHaveLength(1);
    expect(text.slice(spans[0]!.start, spans[0]!.end)).toBe("«Мы завершим модернизацию сети до конца года»");
  });
});

describe("winnowing", () => {
  it("guarantees a shared fingerprint for any shared run of w + k - 1 words", () => {
    const words = Array.from({ length: 200 }, (_, i) => keyCode(`w${(i * 7919) % 101}`));
    const shared = words.slice(50, 58);
    const other = [...["x1", "x2", "x3"].map(keyCode), ...shared, ...["y1", "y2"].map(keyCode)];
    const a = new Set(winnow(words, 3, 6).map((f) => f.hash));
    expect(winnow(other, 3, 6).some((f) => a.has(f.hash))).toBe(true);
  });
});

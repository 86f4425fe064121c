import { describe, expect, it } from "vitest";
import { runsOf } from "../../src/web/highlight.ts";
import { safeHref } from "../../src/web/dom.ts";
import { preferredLanguage } from "../../src/web/language.ts";

describe("runsOf", () => {
  it("cuts a text at every passage boundary, listing the passages covering each run", () => {
    expect(runsOf(20, [{ start: 2, end: 8, passage: 0 }, { start: 5, end: 12, passage: 1 }])).toEqual([
      { start: 0, end: 2, passages: [], excluded: [] },
      { start: 2, end: 5, passages: [0], excluded: [] },
      { start: 5, end: 8, passages: [0, 1], excluded: [] },
      { start: 8, end: 12, passages: [1], excluded: [] },
      { start: 12, end: 20, passages: [], excluded: [] },
    ]);
  });

  it("cuts at excluded ranges too, so the excluded part of a passage is a run of its own", () => {
    expect(runsOf(20, [{ start: 0, end: 20, passage: 0 }], [{ start: 6, end: 11 }])).toEqual([
      { start: 0, end: 6, passages: [0], excluded: [] },
      { start: 6, end: 11, passages: [0], excluded: [0] },
      { start: 11, end: 20, passages: [0], excluded: [] },
    ]);
  });

  it("clamps stale offsets to the text and drops empty marks instead of failing", () => {
    expect(runsOf(10, [{ start: 8, end: 40, passage: 3 }, { start: 15, end: 30, passage: 4 }, { start: 4, end: 4, passage: 5 }], [{ start: 9, end: 50 }, { start: 12, end: 14 }])).toEqual([
      { start: 0, end: 8, passages: [], excluded: [] },
      { start: 8, end: 9, passages: [3], excluded: [] },
      { start: 9, end: 10, passages: [3], excluded: [0] },
    ]);
    expect(runsOf(0, [{ start: 0, end: 5, passage: 0 }])).toEqual([]);
  });
});

describe("preferredLanguage", () => {
  it("gives Russian to readers preferring Russian or Kazakh, English to the rest", () => {
    expect(preferredLanguage(["ru-RU", "en-US"])).toBe("ru");
    expect(preferredLanguage(["kk-KZ", "en"])).toBe("ru");
    expect(preferredLanguage(["KK"])).toBe("ru");
    expect(preferredLanguage(["en-GB", "ru"])).toBe("en");
    expect(preferredLanguage(["de-DE", "ru-RU"])).toBe("ru");
    expect(preferredLanguage(["de-DE", "fr"])).toBe("en");
    expect(preferredLanguage([])).toBe("en");
  });
});

describe("safeHref", () => {
  it("keeps our routes and http(s) URLs, and refuses script and data URLs a hostile page could name", () => {
    expect(safeHref("#/cases/3")).toBe("#/cases/3");
    expect(safeHref("/api/evidence/ab")).toBe("/api/evidence/ab");
    expect(safeHref("https://vestnik-delovoy.example/a b")).toBe("https://vestnik-delovoy.example/a%20b");
    expect(safeHref("javascript:alert(1)")).toBeNull();
    expect(safeHref("JaVaScRiPt:alert(1)")).toBeNull();
    expect(safeHref("data:text/html,<script>")).toBeNull();
    expect(safeHref("//evil.example/x")).toBeNull();
  });
});

import { describe, expect, it } from "vitest";
import { runsOf } from "../../src/web/highlight.ts";
import { safeHref } from "../../src/web/dom.ts";

describe("runsOf", () => {
  it("cuts a text at every passage boundary, listing the passages covering each run", () => {
    expect(runsOf(20, [{ start: 2, end: 8, passage: 0 }, { start: 5, end: 12, passage: 1 }])).toEqual([
      { start: 0, end: 2, passages: [] },
      { start: 2, end: 5, passages: [0] },
      { start: 5, end: 8, passages: [0, 1] },
      { start: 8, end: 12, passages: [1] },
      { start: 12, end: 20, passages: [] },
    ]);
  });

  it("clamps stale offsets to the text and drops empty marks instead of failing", () => {
    expect(runsOf(10, [{ start: 8, end: 40, passage: 3 }, { start: 15, end: 30, passage: 4 }, { start: 4, end: 4, passage: 5 }])).toEqual([
      { start: 0, end: 8, passages: [] },
      { start: 8, end: 10, passages: [3] },
    ]);
    expect(runsOf(0, [{ start: 0, end: 5, passage: 0 }])).toEqual([]);
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

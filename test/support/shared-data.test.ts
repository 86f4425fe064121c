import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { REPO } from "../e2e/support.ts";
import { sharedPresent } from "./shared-data.ts";

describe("sharedPresent: a test reading ../shared says what it skips", () => {
  afterEach(() => vi.restoreAllMocks());

  it("is true and says nothing when every path is there", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    expect(sharedPresent([REPO, path.join(REPO, "package.json")], "the seed scenarios", "the twin covers them")).toBe(true);
    expect(warn).not.toHaveBeenCalled();
  });

  it("is false and names the tests skipped, each absent path and what still covers them", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const absent = [path.join(REPO, "no-such-folder"), path.join(REPO, "no-such-file.jsonl")];
    expect(sharedPresent([REPO, ...absent], "the seed scenarios", "the twin covers them")).toBe(false);
    expect(warn.mock.calls).toEqual([[`SKIPPED: the seed scenarios: ${absent.join(", ")} absent (../shared is read at run time); the twin covers them`]]);
  });
});

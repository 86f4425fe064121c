import { describe, expect, it } from "vitest";
import { judge } from "../../fuzz/judge.ts";
import type { CliOutcome } from "../../fuzz/run-cli.ts";

// The fuzzer itself, run on 100 inputs through the CLI: in fuzz.exhaustive.test.ts (npm run test:exhaustive).
const outcome = (code: number | null, stderr: string, hung = false): CliOutcome => ({ code, signal: null, hung, stdout: "", stderr, ms: 1 });
const files = ["/tmp/b/000001-html.html", "/tmp/b/000002-jsonl.jsonl"];
const check = { files, codes: [0, 1, 2] };

describe("the fuzzer's judge", () => {
  it("takes reports that name a batch file, a line of it, a feed item or a listed URL as named", () => {
    const stderr = [
      "copyquota: skipped /tmp/b/000002-jsonl.jsonl:3: \"url\" is not a valid URL: \"\"",
      "copyquota: /tmp/b/000001-html.html: has no extractable text (no article found in the page)",
      'copyquota: /tmp/b/000001-html.html item 2 ("Мост"): has no link to its page',
      "copyquota: http://10.0.0.5/p/1: fetch failed: 10.0.0.5 is not public",
      "copyquota: warning: 2 of 3 documents have no publication date",
      "sources: 1 added, 0 replaced, 2 failed",
      "",
    ].join("\n");
    expect(judge(outcome(2, stderr), check)).toEqual({ crashed: false, hung: false, unnamed: [] });
  });

  it("counts a stack trace, a bare error and an exit 2 naming nothing as unnamed, and a foreign exit code as a crash", () => {
    const trace = "copyquota: TypeError: Invalid URL\n    at new URL (node:internal/url:797:36)";
    expect(judge(outcome(2, trace), check).unnamed).toEqual(["copyquota: TypeError: Invalid URL", "    at new URL (node:internal/url:797:36)"]);
    expect(judge(outcome(2, "copyquota: /tmp/b/000003-html.html: not in this batch\n"), check).unnamed).toHaveLength(1);
    expect(judge(outcome(2, ""), check).unnamed).toEqual(["(exit 2 with no input named)"]);
    expect(judge(outcome(13, ""), check).crashed).toBe(true);
    expect(judge(outcome(1, ""), { files, codes: [0, 2] }).crashed).toBe(true);
    expect(judge(outcome(null, "", true), check)).toEqual({ crashed: false, hung: true, unnamed: [] });
  });
});

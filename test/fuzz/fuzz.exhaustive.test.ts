import { execFile } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO } from "../e2e/support.ts";

describe("npm run fuzz", () => {
  it("runs 100 generated and mutated inputs through the CLI with no crash, hang or unnamed error", async () => {
    const run = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        ["--import", "tsx", path.join(REPO, "fuzz/main.ts"), "--count", "100", "--batch", "100", "--seed", "13", "--in-place"],
        { cwd: REPO, maxBuffer: 16 << 20 },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 99) : 0, stdout, stderr }),
      );
    });
    expect(run.stdout).toMatch(/^fuzz: 100 inputs \(.*\), \d+ mutated, 1 batches, seed 13$/m);
    expect(run.stdout).toMatch(/^crashes 0, hangs 0 .*unnamed error lines 0;/m);
    expect(run.code).toBe(0);
  });
});

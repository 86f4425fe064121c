import { execFile } from "node:child_process";
import path from "node:path";
import { REPO } from "./articles.ts";

export const BIN = path.join(REPO, "bin/copyquota.js");

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real CLI in a child process, stdout and stderr piped, as a script or cron job would. */
export function cli(args: readonly string[]): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : 99) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** Parses JSONL output: one object per line. */
export function jsonl<T>(stdout: string): T[] {
  return stdout
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as T);
}

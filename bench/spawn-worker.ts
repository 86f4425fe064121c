import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Task } from "./task.ts";
import { RESULT_PREFIX } from "./task.ts";

/** The repository (or snapshot of it) whose bench/worker.ts runs when none is named. */
const OWN_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export type WorkerOutcome<R> =
  | { ok: true; result: R; wallSeconds: number }
  | { ok: false; reason: string; wallSeconds: number };

export interface SpawnOptions {
  /** Kill the worker after this long. */
  timeoutMs?: number;
  /** V8 old-space limit of the worker, in MB. */
  heapMb?: number;
  /** Write a V8 CPU profile of the worker into this directory (`node --cpu-prof`). */
  profileDir?: string | null;
  /** Root of the code the worker runs (its bench/worker.ts and src/); the worker's working directory. */
  codeRoot?: string;
}

/** Runs one task in a fresh Node process (through tsx) and returns its result, or why there is none. */
export function runWorker<R>(task: Task, options: SpawnOptions): Promise<WorkerOutcome<R>> {
  const args = [
    ...(options.heapMb ? [`--max-old-space-size=${options.heapMb}`] : []),
    ...(options.profileDir ? ["--cpu-prof", `--cpu-prof-dir=${options.profileDir}`, `--cpu-prof-name=${task.phase}-${Date.now()}.cpuprofile`] : []),
    "--import",
    "tsx",
    path.join(options.codeRoot ?? OWN_ROOT, "bench", "worker.ts"),
    JSON.stringify(task),
  ];
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: options.codeRoot ?? OWN_ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderrTail = "";
    let timedOut = false;
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => {
      const text = chunk.toString("utf8");
      process.stderr.write(text);
      stderrTail = (stderrTail + text).slice(-2000);
    });
    const timer = options.timeoutMs
      ? setTimeout(() => {
          timedOut = true;
          child.kill("SIGKILL");
        }, options.timeoutMs)
      : undefined;
    child.on("close", (code, signal) => {
      if (timer) clearTimeout(timer);
      const wallSeconds = (performance.now() - started) / 1000;
      const line = stdout.split("\n").find((l) => l.startsWith(RESULT_PREFIX));
      if (code === 0 && line) {
        resolve({ ok: true, result: JSON.parse(line.slice(RESULT_PREFIX.length)) as R, wallSeconds });
        return;
      }
      const why = timedOut
        ? `killed after ${Math.round((options.timeoutMs ?? 0) / 1000)} s`
        : /heap out of memory|Allocation failed/i.test(stderrTail)
          ? `out of memory (heap limit ${options.heapMb ?? "default"} MB)`
          : `exited with ${signal ?? code}: ${errorLine(stderrTail)}`;
      resolve({ ok: false, reason: why, wallSeconds });
    });
  });
}

/** The message of the last error a worker printed: its last line that is not a stack frame. */
function errorLine(stderr: string): string {
  const lines = stderr.trim().split("\n").filter((l) => l.trim() && !/^\s+at /.test(l));
  return lines[lines.length - 1]?.trim() ?? "no output";
}

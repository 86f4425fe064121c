import { afterEach, describe, expect, it } from "vitest";
import { spawnWorker } from "../../src/io/threads/spawn-worker.ts";
import type { TaskPool } from "../../src/io/threads/task-pool.ts";
import { startTaskPool, TaskOverBudgetError, TaskThreadExitError } from "../../src/io/threads/task-pool.ts";
import type { TestTask } from "./task-worker.ts";

/**
 * Long enough that an answer never misses it on a loaded machine (the budget starts once a thread has loaded
 * its code), short enough that the spinning tasks end soon.
 */
const BUDGET_MS = 2_000;

let pool: TaskPool<TestTask, string> | null = null;

function start(size: number): TaskPool<TestTask, string> {
  pool = startTaskPool<TestTask, string>({ spawn: () => spawnWorker(import.meta.url, "task-worker", {}), size, timeBudgetMs: BUDGET_MS });
  return pool;
}

afterEach(async () => {
  await pool?.close();
  pool = null;
});

describe("startTaskPool", () => {
  it("answers tasks in threads, and passes on the message of a task that throws", async () => {
    const tasks = start(2);
    await expect(Promise.all(["a", "b", "c"].map((value) => tasks.run({ kind: "echo", value })))).resolves.toEqual(["a", "b", "c"]);
    await expect(tasks.run({ kind: "throw", message: "no such page" })).rejects.toThrow("no such page");
  });

  it("stops a task past its budget, fails it alone, and answers the next one on a new thread", async () => {
    const tasks = start(1);
    const spinning = tasks.run({ kind: "spin" });
    const queued = tasks.run({ kind: "echo", value: "after" });
    await expect(spinning).rejects.toBeInstanceOf(TaskOverBudgetError);
    await expect(spinning).rejects.toThrow(`the task ran past its budget of ${BUDGET_MS} ms; its thread was stopped`);
    await expect(queued).resolves.toBe("after");
  });

  it("answers on another thread while one task spins", async () => {
    const tasks = start(2);
    const settled: string[] = [];
    const spinning = tasks.run({ kind: "spin" }).catch(() => settled.push("spin"));
    await tasks.run({ kind: "echo", value: "x" }).then(() => settled.push("echo"));
    await spinning;
    expect(settled).toEqual(["echo", "spin"]);
  });

  it("fails the task of a thread that exits, with its exit code, and goes on", async () => {
    const tasks = start(1);
    const exited = tasks.run({ kind: "exit", code: 7 });
    await expect(exited).rejects.toBeInstanceOf(TaskThreadExitError);
    await expect(exited).rejects.toThrow("exit code 7");
    await expect(tasks.run({ kind: "echo", value: "still here" })).resolves.toBe("still here");
  });

  it("rejects the tasks waiting when it is closed, and any task after", async () => {
    const tasks = start(1);
    const spinning = expect(tasks.run({ kind: "spin" })).rejects.toThrow("the task pool was closed");
    const waiting = expect(tasks.run({ kind: "echo", value: "never" })).rejects.toThrow("the task pool was closed");
    await tasks.close();
    await Promise.all([spinning, waiting]);
    await expect(tasks.run({ kind: "echo", value: "late" })).rejects.toThrow("the task pool is closed");
  });

  it("refuses options that make no pool, naming them", () => {
    const spawn = () => spawnWorker(import.meta.url, "task-worker", {});
    expect(() => startTaskPool({ spawn, size: 0, timeBudgetMs: 1_000 })).toThrow("task pool size must be a whole number of threads, at least 1 (got 0)");
    expect(() => startTaskPool({ spawn, size: 1, timeBudgetMs: 0 })).toThrow("task pool time budget must be a positive number of milliseconds (got 0)");
  });
});

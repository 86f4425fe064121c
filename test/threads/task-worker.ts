import { serveTasks } from "../../src/io/threads/serve-tasks.ts";

/** What the test pool's thread is asked to do. */
export type TestTask = { kind: "echo"; value: string } | { kind: "spin" } | { kind: "exit"; code: number } | { kind: "throw"; message: string };

/** A thread for the task pool's tests: answers, spins forever, exits or throws, as told. */
serveTasks<TestTask, string>((task) => {
  if (task.kind === "echo") return task.value;
  if (task.kind === "throw") throw new Error(task.message);
  if (task.kind === "exit") process.exit(task.code);
  for (;;);
});

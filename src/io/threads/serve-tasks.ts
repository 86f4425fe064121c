import { parentPort } from "node:worker_threads";
import type { TaskMessage, TaskReply, ThreadReady } from "./task-pool.ts";

/**
 * Makes this worker thread answer a `TaskPool`'s tasks with `handle`. What `handle` throws goes back as its
 * message only, for an error's class does not survive the trip between threads: a handler whose caller must
 * tell failures apart returns them as values.
 */
export function serveTasks<T, R>(handle: (task: T) => R | Promise<R>): void {
  const port = parentPort;
  if (port === null) throw new Error("serveTasks runs in a worker thread");
  port.on("message", ({ id, task }: TaskMessage<T>) => {
    void (async () => handle(task))().then(
      (value): void => port.postMessage({ id, ok: true, value } satisfies TaskReply<R>),
      (error: unknown): void => port.postMessage({ id, ok: false, message: error instanceof Error ? error.message : String(error) } satisfies TaskReply<R>),
    );
  });
  port.postMessage({ ready: true } satisfies ThreadReady);
}

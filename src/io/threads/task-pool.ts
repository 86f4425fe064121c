import type { Worker } from "node:worker_threads";

/** A thread's answer to one task: what the task gave, or the message of what it threw. */
export type TaskReply<R> = { id: number; ok: true; value: R } | { id: number; ok: false; message: string };

/** What a thread posts once its code is loaded and it listens for tasks. */
export interface ThreadReady {
  ready: true;
}

/** A task as posted to a thread. */
export interface TaskMessage<T> {
  id: number;
  task: T;
}

export interface TaskPoolOptions {
  /** Starts a thread that answers tasks (see `serveTasks`). */
  spawn: () => Worker;
  /** Threads at most, started as tasks arrive. */
  size: number;
  /**
   * How long one task may run in its thread before the thread is stopped, and the task failed. A new
   * thread's start (loading its code: seconds through tsx on a loaded machine) is not counted.
   */
  timeBudgetMs: number;
}

/** A task that ran past the pool's time budget; its thread was stopped. */
export class TaskOverBudgetError extends Error {
  override readonly name = "TaskOverBudgetError";
  constructor(readonly budgetMs: number) {
    super(`the task ran past its budget of ${budgetMs} ms; its thread was stopped`);
  }
}

/** A task whose thread stopped before answering (out of memory, say). */
export class TaskThreadExitError extends Error {
  override readonly name = "TaskThreadExitError";
  constructor(readonly exitCode: number) {
    super(`the thread stopped (exit code ${exitCode}) before answering`);
  }
}

/** Tasks run in worker threads, one at a time per thread, each held to a time budget. */
export interface TaskPool<T, R> {
  /** @throws TaskOverBudgetError, TaskThreadExitError, or an Error with the message the task threw. */
  run(task: T): Promise<R>;
  /** Stops the threads; tasks waiting or running are rejected. */
  close(): Promise<void>;
}

interface Queued<T, R> {
  id: number;
  task: T;
  resolve(value: R): void;
  reject(error: Error): void;
}

interface Thread<T, R> {
  worker: Worker;
  ready: boolean;
  running: Queued<T, R> | null;
  timer: NodeJS.Timeout | undefined;
}

/**
 * Starts a pool of up to `size` threads. A thread takes one task at a time, so stopping it over budget fails
 * that task alone; a thread stopped or dead is replaced when the next task comes. Idle threads do not keep
 * the process alive, so a command that used the pool still exits when it is done.
 */
export function startTaskPool<T, R>(options: TaskPoolOptions): TaskPool<T, R> {
  const { spawn, size, timeBudgetMs } = Object.freeze({ ...options });
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`task pool size must be a whole number of threads, at least 1 (got ${size})`);
  if (!(timeBudgetMs > 0)) throw new RangeError(`task pool time budget must be a positive number of milliseconds (got ${timeBudgetMs})`);
  const threads = new Set<Thread<T, R>>();
  const idle: Array<Thread<T, R>> = [];
  const queue: Array<Queued<T, R>> = [];
  let nextId = 0;
  let closed = false;

  const settle = (thread: Thread<T, R>): Queued<T, R> | null => {
    const running = thread.running;
    thread.running = null;
    clearTimeout(thread.timer);
    return running;
  };

  const drop = (thread: Thread<T, R>): void => {
    threads.delete(thread);
    const at = idle.indexOf(thread);
    if (at >= 0) idle.splice(at, 1);
  };

  const start = (): Thread<T, R> => {
    const thread: Thread<T, R> = { worker: spawn(), ready: false, running: null, timer: undefined };
    thread.worker.on("message", (reply: TaskReply<R> | ThreadReady) => {
      if ("ready" in reply) {
        thread.ready = true;
        if (thread.running !== null) startClock(thread);
        return;
      }
      if (thread.running?.id !== reply.id) return;
      const running = settle(thread)!;
      if (reply.ok) running.resolve(reply.value);
      else running.reject(new Error(reply.message));
      thread.worker.unref();
      idle.push(thread);
      dispatch();
    });
    // An uncaught error is followed by "exit", where the task fails.
    thread.worker.on("error", () => undefined);
    thread.worker.on("exit", (code) => {
      drop(thread);
      settle(thread)?.reject(new TaskThreadExitError(code));
      dispatch();
    });
    threads.add(thread);
    return thread;
  };

  const overBudget = (thread: Thread<T, R>): void => {
    drop(thread);
    settle(thread)?.reject(new TaskOverBudgetError(timeBudgetMs));
    void thread.worker.terminate();
    dispatch();
  };

  const startClock = (thread: Thread<T, R>): void => {
    thread.timer = setTimeout(() => overBudget(thread), timeBudgetMs);
  };

  const dispatch = (): void => {
    while (!closed && queue.length > 0) {
      const thread = idle.pop() ?? (threads.size < size ? start() : undefined);
      if (thread === undefined) return;
      const queued = queue.shift()!;
      thread.running = queued;
      if (thread.ready) startClock(thread);
      thread.worker.ref();
      thread.worker.postMessage({ id: queued.id, task: queued.task } satisfies TaskMessage<T>);
    }
  };

  return {
    run(task) {
      if (closed) return Promise.reject(new Error("the task pool is closed"));
      return new Promise<R>((resolve, reject) => {
        queue.push({ id: nextId++, task, resolve, reject });
        dispatch();
      });
    },
    async close() {
      closed = true;
      const stopped = new Error("the task pool was closed");
      for (const queued of queue.splice(0)) queued.reject(stopped);
      const all = [...threads];
      for (const thread of all) settle(thread)?.reject(stopped);
      await Promise.all(all.map((thread) => thread.worker.terminate()));
    },
  };
}

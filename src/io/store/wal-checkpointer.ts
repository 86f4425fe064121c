import type { Worker } from "node:worker_threads";
import { spawnWorker } from "../threads/spawn-worker.ts";
import { Control } from "./wal-checkpoint-control.ts";

/**
 * Checkpoints a WAL-mode SQLite file from a thread of its own, so that a writer hands the copying of its
 * commits into the file, and the syncs, to the other core rather than doing them between two commits. The two
 * threads share a few integers (`Control`) rather than messages, so that the writer, busy and synchronous
 * (better-sqlite3), reads the thread's state and waits for it without yielding to the event loop.
 *
 * Asked while a checkpoint runs, the thread checkpoints again after it, once for all the asks meanwhile.
 */
export class WalCheckpointer {
  private readonly ctl = new Int32Array(new SharedArrayBuffer((Control.Started + 1) * Int32Array.BYTES_PER_ELEMENT));
  private readonly worker: Worker;
  private readonly exited: Promise<unknown>;

  constructor(file: string) {
    this.worker = spawnWorker(import.meta.url, "wal-checkpointer-worker", { workerData: { file, control: this.ctl.buffer } });
    this.exited = new Promise((resolve) => this.worker.once("exit", resolve));
    // A thread that could not even start has failed too; its error is the same as any checkpoint's to the writer.
    this.worker.on("error", () => {
      Atomics.store(this.ctl, Control.Failed, 1);
      Atomics.notify(this.ctl, Control.Done);
    });
  }

  /**
   * The WAL's frames when the last checkpoint ran. A writer that started the WAL over since finds it too large
   * until the next checkpoint tells, and may wait once more than it needed to.
   */
  get frames(): number {
    return Atomics.load(this.ctl, Control.Frames);
  }

  /** Whether the thread failed: the writer must checkpoint by itself again. */
  get failed(): boolean {
    return Atomics.load(this.ctl, Control.Failed) === 1;
  }

  /** Asks for a checkpoint of what is committed now; returns at once. */
  request(): number {
    const asked = Atomics.add(this.ctl, Control.Asked, 1) + 1;
    Atomics.notify(this.ctl, Control.Asked);
    return asked;
  }

  /**
   * Blocks until every frame committed before the call is in the file, or the thread failed. A thread that has
   * not opened the file within START_LIMIT_MS is taken to have failed: one that could not start says so only
   * through an event, which a writer blocked here would never hear.
   */
  catchUp(): void {
    const asked = this.request();
    const start = Date.now();
    for (let done = Atomics.load(this.ctl, Control.Done); done < asked && !this.failed; done = Atomics.load(this.ctl, Control.Done)) {
      if (Atomics.load(this.ctl, Control.Started) === 0 && Date.now() - start > START_LIMIT_MS) Atomics.store(this.ctl, Control.Failed, 1);
      else Atomics.wait(this.ctl, Control.Done, done, WAIT_SLICE_MS);
    }
  }

  /** Lets a running checkpoint finish, then ends the thread; a failed one is stopped. */
  async close(): Promise<void> {
    if (this.failed) {
      await this.worker.terminate();
      return;
    }
    Atomics.store(this.ctl, Control.Closing, 1);
    this.request();
    await this.exited;
  }
}

/** How long a wait sleeps before it looks again whether the thread has started. */
const WAIT_SLICE_MS = 100;

/** Time a thread has to open the file: starting one takes well under a second, from TypeScript sources too. */
const START_LIMIT_MS = 30_000;

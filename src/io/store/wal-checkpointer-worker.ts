import Database from "better-sqlite3";
import { workerData } from "node:worker_threads";
import { Control } from "./wal-checkpoint-control.ts";

/**
 * A thread of `WalCheckpointer`: sleeps until asked, then runs one passive checkpoint of the file, however many
 * times it was asked meanwhile, with a connection of its own that reads no table (it only copies pages).
 */
const { file, control } = workerData as { file: string; control: SharedArrayBuffer };
const ctl = new Int32Array(control);
try {
  const db = new Database(file, { fileMustExist: true });
  Atomics.store(ctl, Control.Started, 1);
  let done = 0;
  for (;;) {
    Atomics.wait(ctl, Control.Asked, done);
    if (Atomics.load(ctl, Control.Closing) === 1) break;
    done = Atomics.load(ctl, Control.Asked);
    const [result] = db.pragma("wal_checkpoint(PASSIVE)") as Array<{ log: number }>;
    Atomics.store(ctl, Control.Frames, result!.log);
    Atomics.store(ctl, Control.Done, done);
    Atomics.notify(ctl, Control.Done);
  }
  db.close();
} catch {
  Atomics.store(ctl, Control.Failed, 1);
  Atomics.notify(ctl, Control.Done);
}

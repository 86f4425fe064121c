/** The cells of the memory a writer and its checkpointer thread share. */
export enum Control {
  /** Checkpoints asked for so far. */
  Asked,
  /** The value of `Asked` when the last checkpoint started: every commit made before then is in the file. */
  Done,
  /** The WAL's frames at the last checkpoint. */
  Frames,
  /** 1 once the thread failed (the file would not open, a checkpoint erred): the writer asks it for nothing more. */
  Failed,
  /** 1 when the writer is done with the thread. */
  Closing,
  /** 1 once the thread has opened the file. The last cell: the memory holds `Started + 1`. */
  Started,
}

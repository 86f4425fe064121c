/**
 * Progress of a long batch on stderr: one line rewritten in place on a terminal, and when piped an
 * occasional plain line, so logs stay readable and CI output stays short.
 */
export interface Progress {
  tick(label: string): void;
  /** A message that must not be overwritten by the progress line (a skipped input, say). */
  note(message: string): void;
  done(summary: string): void;
}

/** Piped output prints one line per this many items: often enough to see life, rare enough for 10k batches. */
const PIPED_EVERY = 500;

export function progress(stream: NodeJS.WriteStream = process.stderr): Progress {
  let count = 0;
  return {
    tick(label) {
      count++;
      if (stream.isTTY) stream.write(`\r\x1b[K${count} · ${label.slice(0, Math.max(20, (stream.columns ?? 80) - 12))}`);
      else if (count % PIPED_EVERY === 0) stream.write(`${count} · ${label}\n`);
    },
    note(message) {
      stream.write(`${stream.isTTY ? "\r\x1b[K" : ""}${message}\n`);
    },
    done(summary) {
      if (stream.isTTY && count > 0) stream.write("\r\x1b[K");
      stream.write(`${summary}\n`);
    },
  };
}

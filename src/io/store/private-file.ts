import { chmodSync, closeSync, openSync } from "node:fs";

/**
 * The database holds evidence, cases and the hashes of API keys: a file this process creates is readable by
 * its owner only. SQLite gives the `-wal` and `-shm` files it creates the database file's mode, so they follow.
 */
const PRIVATE_FILE_MODE = 0o600;

/**
 * Creates `file` empty with mode 0600 when it does not exist yet, whatever the umask (which could otherwise
 * leave group or world bits, or take the owner's write bit). An existing file keeps its mode: it was chosen by
 * whoever made it, and is neither loosened nor tightened here.
 */
export function createPrivateFile(file: string): void {
  let fd: number;
  try {
    fd = openSync(file, "wx", PRIVATE_FILE_MODE);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return;
    throw error;
  }
  try {
    chmodSync(file, PRIVATE_FILE_MODE);
  } finally {
    closeSync(fd);
  }
}

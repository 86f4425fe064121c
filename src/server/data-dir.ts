import { chmod, mkdir } from "node:fs/promises";
import path from "node:path";

/** The data directory holds the database (evidence, cases, the hashes of API keys): only its owner may enter it. */
const DATA_DIR_MODE = 0o700;

/**
 * Creates `dir`, and any missing parent, with mode 0700 whatever the umask. A directory that exists keeps its
 * mode: whoever made it chose it.
 */
export async function createDataDir(dir: string): Promise<void> {
  const first = await mkdir(dir, { recursive: true, mode: DATA_DIR_MODE });
  if (first === undefined) return;
  for (let created = dir; ; created = path.dirname(created)) {
    await chmod(created, DATA_DIR_MODE);
    if (created === first) return;
  }
}

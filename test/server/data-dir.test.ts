import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DATABASE_FILE, startServer } from "../../src/server/start.ts";

function mode(file: string): number {
  return statSync(file).mode & 0o777;
}

describe("serve's data directory", () => {
  let root: string;
  let umask: number;
  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), "copyquota-datadir-"));
    umask = process.umask();
  });
  afterEach(() => {
    process.umask(umask);
    rmSync(root, { recursive: true, force: true });
  });

  /** Serves from `dataDir` while `look` runs (SQLite removes the -wal and -shm files when the server closes). */
  async function serving(dataDir: string, look: () => void): Promise<void> {
    const server = await startServer({ port: 0, host: "127.0.0.1", dataDir, demo: false, apiKey: "data-dir-test-key-0123456789abcdef", print: () => undefined });
    try {
      look();
    } finally {
      await server.close();
    }
  }

  it("is created 0700, with its parents, and the database, -wal and -shm 0600, under a permissive umask", async () => {
    process.umask(0);
    const dataDir = path.join(root, "var", "copyquota");
    const db = path.join(dataDir, DATABASE_FILE);
    await serving(dataDir, () => {
      expect([mode(path.join(root, "var")), mode(dataDir)]).toEqual([0o700, 0o700]);
      expect([mode(db), mode(`${db}-wal`), mode(`${db}-shm`)]).toEqual([0o600, 0o600, 0o600]);
    });
  });

  it("keeps the mode of a directory that exists", async () => {
    const dataDir = path.join(root, "shared");
    mkdirSync(dataDir);
    chmodSync(dataDir, 0o750);
    await serving(dataDir, () => expect(mode(dataDir)).toBe(0o750));
  });
});

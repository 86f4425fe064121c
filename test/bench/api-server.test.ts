import path from "node:path";
import { describe, expect, it } from "vitest";
import { API_KEY, startApiServer } from "../../bench/phases/api-phase.ts";
import { tempDirPerTest } from "../support/temp-dir.ts";

// The API phase's server, as `npm run bench` starts it: a server that refuses the phase's key fails the whole phase.

/** A child process through tsx, on a busy machine. */
const SPAWNING = { timeout: 60_000 };

describe("the bench's API server", () => {
  const dir = tempDirPerTest("bench-api");

  it("starts on a database and answers the phase's admin key, and only it", SPAWNING, async () => {
    const server = await startApiServer(path.join(dir(), "index.db"));
    try {
      const sources = (key: string) => fetch(`${server.url}/api/sources`, { headers: { authorization: `Bearer ${key}` } });
      const answer = await sources(API_KEY);
      expect(answer.status).toBe(200);
      expect(await answer.json()).toMatchObject({ items: [] });
      expect((await sources(`${API_KEY}x`)).status).toBe(401);
    } finally {
      await server.stop();
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer } from "./support.ts";
import type { TestServer } from "./support.ts";

/**
 * On SQLite the API's stores share one connection, and a unit of work (a case recheck, a check opening cases)
 * keeps its transaction open across awaits. A licence written by a plain statement meanwhile would join that
 * transaction and vanish with its rollback, after the API had answered 201.
 */
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server.close();
});

describe("licence writes through the API", () => {
  it("are their own unit of work: one failing meanwhile does not take them with it", async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const failing = server.stores.storage.transaction(async () => {
      await held;
      throw new Error("the unit of work fails");
    });
    const granted = server.call<{ id: number }>("POST", "/api/licenses", { domain: "partner-media.example", note: "договор 12" });
    // Long enough for the request to reach the store, had it not waited its turn.
    await new Promise((resolve) => setTimeout(resolve, 300));
    release();
    await expect(failing).rejects.toThrow("the unit of work fails");
    const answer = await granted;
    expect(answer.status).toBe(201);
    const listed = await server.call<{ items: { id: number; domain: string }[] }>("GET", "/api/licenses");
    expect(listed.body.items.map((l) => l.domain)).toContain("partner-media.example");
  });
});

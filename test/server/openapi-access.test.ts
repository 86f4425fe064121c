import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROUTE_ACCESS } from "../../src/server/auth/route-access.ts";
import { startTestServer } from "./support.ts";
import type { TestServer } from "./support.ts";

/** The OpenAPI document repeats the route access table: each operation says who may call it, as the server decides. */

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server.close();
});

interface Operation {
  security?: unknown[];
  "x-roles"?: string[];
}

describe("the OpenAPI document and the route access table", () => {
  it("marks public operations as taking no key and lists the roles allowed on every other", async () => {
    const doc = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as { paths: Record<string, Record<string, Operation>> };
    const documented = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, operation]) => [`${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ":$1")}`, operation] as const),
    );
    expect(documented.length).toBeGreaterThan(30);
    const allowed = { reader: ["reader", "editor", "admin"], editor: ["editor", "admin"], admin: ["admin"] };
    for (const [route, operation] of documented) {
      const access = ROUTE_ACCESS[route];
      expect(access, route).toBeDefined();
      if (access === "public") expect([route, operation.security, operation["x-roles"]]).toEqual([route, [], undefined]);
      else expect([route, operation.security, operation["x-roles"]]).toEqual([route, undefined, allowed[access!]]);
    }
  });
});

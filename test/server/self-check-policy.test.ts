import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CheckResult } from "../../src/core/types.ts";
import { addSourceArticle, SOURCE, startTestServer } from "./support.ts";
import type { TestServer } from "./support.ts";

/**
 * A self-check answers with the policy's rules the draft was judged by, as GET /api/policy gives them, and not
 * with the license registry: licenses are applied (the match says `licensed`), and who may list them is
 * GET /api/licenses's rule (route-access.ts), not something a self-check hands out on the side.
 */

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
  await addSourceArticle(server);
});

afterAll(async () => {
  await server.close();
});

const PARTNER = "partner-licensee.example";

interface SelfCheckAnswer {
  result: CheckResult;
  policy: Record<string, unknown>;
}

describe("POST /api/self-check and the license registry", () => {
  it("gives a reader the rules in force and the license's effect, not the licenses granted", async () => {
    const granted = await server.call("POST", "/api/licenses", { domain: PARTNER, note: "ТОО «Партнер», договор № 17" });
    expect(granted.status).toBe(201);
    const reader = await server.call<{ key: string }>("POST", "/api/keys", { name: "lawyer.dana", role: "reader" });
    const headers = { authorization: `Bearer ${reader.body.key}` };

    const draft = { url: `https://${PARTNER}/news/copy`, text: SOURCE.paragraphs.join("\n\n") };
    const answer = await server.call<SelfCheckAnswer>("POST", "/api/self-check", draft, headers);
    expect(answer.status).toBe(200);
    expect(answer.body.result.matches[0]!.licensed).toBe(true);

    const policy = await server.call<{ rules: Record<string, unknown> }>("GET", "/api/policy", undefined, headers);
    expect(answer.body.policy).toEqual(policy.body.rules);
    expect(answer.body.policy).not.toHaveProperty("licenses");
    expect(JSON.stringify(answer.body.policy)).not.toContain(PARTNER);
  });
});

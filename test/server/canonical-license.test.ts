import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CheckResult } from "../../src/core/types.ts";
import { addSourceArticle, candidatePage, SOURCE, startTestServer } from "./support.ts";
import type { TestServer } from "./support.ts";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
  await addSourceArticle(server);
  expect((await server.call("POST", "/api/licenses", { domain: "partner-media.example" })).status).toBe(201);
});

afterAll(async () => {
  await server.close();
});

/** A full copy whose `<link rel=canonical>` names the licensed partner's page. */
const CLAIMING_PARTNER = candidatePage(SOURCE.paragraphs).replace("<title>", '<link rel="canonical" href="https://partner-media.example/news/1"><title>');

describe("a page's identity for licenses is where it was found, not the canonical it claims", () => {
  it("does not license a reprint that names the partner's page as canonical", async () => {
    const { status, body } = await server.call<CheckResult>("POST", "/api/check", { url: "https://reposter.example/news/copy", html: CLAIMING_PARTNER });
    expect(status).toBe(200);
    expect(body.candidate.url).toBe("https://reposter.example/news/copy");
    expect(body.verdict).toBe("violation");
    expect(body.matches[0]!.licensed).toBe(false);
  });

  it("licenses the same page found on the partner's site", async () => {
    const { body } = await server.call<CheckResult>("POST", "/api/check", { url: "https://partner-media.example/news/1", html: CLAIMING_PARTNER });
    expect(body.verdict).toBe("licensed");
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CheckResult } from "../../src/core/types.ts";
import { SOURCE, candidatePage, sourceText, startTestServer, type TestServer } from "./support.ts";

/** Issue 14, item 1, through the API: checking the publisher's own page opens no case against itself. */
describe("POST /api/check on the publisher's own pages", () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
    const added = await server.call("POST", "/api/sources", { url: SOURCE.url, title: SOURCE.title, published: SOURCE.published, text: sourceText() });
    expect(added.status).toBe(201);
  });
  afterAll(() => server.close());

  async function check(url: string): Promise<{ result: CheckResult; opened: string | null }> {
    const response = await server.call<CheckResult>("POST", "/api/check", { url, html: candidatePage(SOURCE.paragraphs) });
    expect(response.status, response.text).toBe(200);
    return { result: response.body, opened: response.headers.get("x-cases-opened") };
  }

  it("the article on the publisher's www. host is its own page: no case", async () => {
    const { result, opened } = await check(SOURCE.url.replace("://", "://www."));
    expect(result.verdict).toBe("own_page");
    expect(result.matches[0]).toMatchObject({ verdict: "own_page", violations: [] });
    expect(opened).toBe("");
    const cases = await server.call<{ total: number }>("GET", "/api/cases");
    expect(cases.body.total).toBe(0);
  });

  it("a domain in the stored policy's publisherDomains is the publisher's; a reuser's copy still opens a case", async () => {
    const put = await server.call("PUT", "/api/policy", { publisherDomains: ["vestnik-archive.example"] });
    expect(put.status, put.text).toBe(200);
    expect((await check("https://archive.vestnik-archive.example/2024/muka")).result.verdict).toBe("own_page");
    const reuser = await check("https://novosti-dnya.example/muka");
    expect(reuser.result.verdict).toBe("violation");
    expect(reuser.opened).not.toBe("");
    const cases = await server.call<{ total: number; items: { candidate: { domain: string } }[] }>("GET", "/api/cases");
    expect(cases.body.items.map((c) => c.candidate.domain)).toEqual(["novosti-dnya.example"]);
  });
});

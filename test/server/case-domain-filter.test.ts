import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SOURCE, candidatePage, sourceText, startTestServer, type TestServer } from "./support.ts";

/** Issue 14, item 8: the cases' domain filter needed the exact registrable domain. */
describe("GET /api/cases?domain=", () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
    expect((await server.call("POST", "/api/sources", { url: SOURCE.url, title: SOURCE.title, published: SOURCE.published, text: sourceText() })).status).toBe(201);
    for (const url of ["https://www.reposter.kz/a", "https://news.reposter.kz/b", "https://agro-novosti.example/c"]) {
      const check = await server.call("POST", "/api/check", { url, html: candidatePage(SOURCE.paragraphs) });
      expect(check.headers.get("x-cases-opened"), check.text).not.toBe("");
    }
  });
  afterAll(() => server.close());

  async function domainsFound(filter: string): Promise<string[]> {
    const response = await server.call<{ total: number; items: { candidate: { url: string } }[] }>("GET", `/api/cases?domain=${encodeURIComponent(filter)}`);
    expect(response.status, response.text).toBe(200);
    expect(response.body.total).toBe(response.body.items.length);
    return response.body.items.map((c) => new URL(c.candidate.url).hostname).sort();
  }

  it("a domain, a host on it or a URL finds the domain's cases, whatever their subdomain", async () => {
    for (const filter of ["reposter.kz", "www.reposter.kz", "news.reposter.kz", "https://reposter.kz/other/page", "Reposter.KZ"]) {
      expect(await domainsFound(filter), filter).toEqual(["news.reposter.kz", "www.reposter.kz"]);
    }
  });

  it("part of a name finds the domains containing it; a whole domain is not taken for a part of another", async () => {
    expect(await domainsFound("reposter")).toEqual(["news.reposter.kz", "www.reposter.kz"]);
    expect(await domainsFound("novosti")).toEqual(["agro-novosti.example"]);
    expect(await domainsFound("porter.kz")).toEqual([]);
    expect(await domainsFound("nowhere")).toEqual([]);
  });
});

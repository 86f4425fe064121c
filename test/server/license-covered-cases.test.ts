import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SOURCE, candidatePage, sourceText, startTestServer, type TestServer } from "./support.ts";

/**
 * Issue 14, item 8: granting a license left that domain's open cases untouched with no hint. The answer of
 * granting or changing a license lists the open cases it settles; they stay open until re-checked.
 */
describe("POST/PUT /api/licenses: coveredOpenCases", () => {
  let server: TestServer;
  /** A whole copy without a link: over_quota and missing_link. */
  let reposterCase: number;
  /** A whole copy linking to the article: over_quota only. */
  let partnerCase: number;

  async function openCase(url: string, html: string): Promise<number> {
    const check = await server.call("POST", "/api/check", { url, html });
    expect(check.status, check.text).toBe(200);
    return Number(check.headers.get("x-cases-opened"));
  }

  async function grant(license: Record<string, unknown>, id?: number): Promise<{ id: number; coveredOpenCases: number[] }> {
    const response = await server.call<{ id: number; coveredOpenCases: number[] }>(id === undefined ? "POST" : "PUT", `/api/licenses${id === undefined ? "" : `/${id}`}`, license);
    expect(response.status, response.text).toBe(id === undefined ? 201 : 200);
    return response.body;
  }

  beforeAll(async () => {
    server = await startTestServer();
    expect((await server.call("POST", "/api/sources", { url: SOURCE.url, title: SOURCE.title, published: SOURCE.published, text: sourceText() })).status).toBe(201);
    reposterCase = await openCase("https://www.reposter.kz/muka", candidatePage(SOURCE.paragraphs));
    partnerCase = await openCase("https://partner.example/muka", candidatePage(SOURCE.paragraphs, SOURCE.url));
    expect(reposterCase).toBeGreaterThan(0);
    expect(partnerCase).toBeGreaterThan(0);
  });
  afterAll(() => server.close());

  it("lists a case only when the license lifts every violation it has", async () => {
    const linkOnly = await grant({ domain: "partner.example", lifts: ["link"] });
    expect(linkOnly.coveredOpenCases).toEqual([]);
    const cap = await grant({ domain: "partner.example", lifts: ["cap"] }, linkOnly.id);
    expect(cap.coveredOpenCases).toEqual([partnerCase]);
    expect((await grant({ domain: "reposter.kz", lifts: ["cap"] })).coveredOpenCases).toEqual([]);
  });

  it("lists only the cases within the license's dates and articles; a subdomain's license covers only it", async () => {
    expect((await grant({ domain: "reposter.kz", until: "2020-12-31" })).coveredOpenCases).toEqual([]);
    expect((await grant({ domain: "reposter.kz", articles: ["https://vestnik-delovoy.example/news/politics/"] })).coveredOpenCases).toEqual([]);
    expect((await grant({ domain: "news.reposter.kz" })).coveredOpenCases).toEqual([]);
    expect((await grant({ domain: "www.reposter.kz", articles: ["https://vestnik-delovoy.example/news/economy/"] })).coveredOpenCases).toEqual([reposterCase]);
  });

  it("leaves the cases open until a re-check finds the reuse licensed", async () => {
    const before = await server.call<{ case: { status: string } }>("GET", `/api/cases/${reposterCase}`);
    expect(before.body.case.status).toBe("new");
    const check = await server.call("POST", "/api/check", { url: "https://www.reposter.kz/muka", html: candidatePage(SOURCE.paragraphs) });
    expect(check.headers.get("x-cases-resolved")).toBe(String(reposterCase));
  });
});

import { createServer } from "node:http";
import type { Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Case, Observation } from "../../src/cases/case.ts";
import type { CheckResult } from "../../src/core/types.ts";
import { addSourceArticle, candidatePage, SOURCE, startTestServer } from "./support.ts";
import type { TestServer } from "./support.ts";

/** A re-publisher's site on loopback whose page the test rewrites between checks. */
let page: { status: number; body: string };
let site: Server;
let siteUrl: string;
let server: TestServer;

beforeAll(async () => {
  site = createServer((request, response) => {
    if (request.url !== "/news/muka") {
      response.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    response.writeHead(page.status, { "content-type": "text/html; charset=utf-8", "x-site": "republisher" }).end(page.body);
  });
  await new Promise<void>((resolve) => site.listen(0, "127.0.0.1", resolve));
  const address = site.address();
  siteUrl = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/news/muka`;
  server = await startTestServer();
  await addSourceArticle(server);
});

afterAll(async () => {
  await server.close();
  await new Promise((resolve) => site.close(resolve));
});

describe("checking by URL and re-checking a case", () => {
  it("fetches the page, keeps the response as evidence, and follows the page until it complies or is gone", async () => {
    page = { status: 200, body: candidatePage(SOURCE.paragraphs) };
    const check = await server.call<CheckResult>("POST", "/api/check", { url: siteUrl });
    expect(check.status).toBe(200);
    expect(check.body.verdict).toBe("violation");
    const id = Number(check.headers.get("x-cases-opened"));

    const detail = await server.call<{ evidence: { sha256: string; captures: { origin: string; status: number; headers: Record<string, string>; finalUrl: string }[] }[] }>("GET", `/api/cases/${id}`);
    const capture = detail.body.evidence[0]!.captures[0]!;
    expect(capture).toMatchObject({ origin: "fetched", status: 200, finalUrl: siteUrl });
    expect(capture.headers["x-site"]).toBe("republisher");

    page = { status: 200, body: candidatePage([SOURCE.paragraphs[3]!.split(": ")[0]!], SOURCE.url) };
    const fixed = await server.call<{ case: Case; gone: boolean }>("POST", `/api/cases/${id}/recheck`);
    expect(fixed.status).toBe(200);
    expect(fixed.body.gone).toBe(false);
    expect(fixed.body.case.status).toBe("resolved");
    expect(fixed.body.case.resolution).toMatch(/now complies/);

    page = { status: 200, body: candidatePage(SOURCE.paragraphs) };
    expect((await server.call<{ case: Case }>("POST", `/api/cases/${id}/recheck`)).body.case.status).toBe("new");

    page = { status: 410, body: "gone" };
    const gone = await server.call<{ case: Case; gone: boolean }>("POST", `/api/cases/${id}/recheck`);
    expect(gone.body.gone).toBe(true);
    expect(gone.body.case.status).toBe("resolved");
    expect(gone.body.case.resolution).toBe("resolved: the page is gone (HTTP 410)");

    const observations = (await server.call<{ observations: Observation[] }>("GET", `/api/cases/${id}`)).body.observations;
    expect(observations.map((o) => o.outcome)).toEqual(["violation", "compliant", "violation", "gone"]);
    expect(new Set(observations.map((o) => o.evidenceSha256)).size).toBe(3);
  });

  it("reports a page it cannot fetch as an error naming the URL", async () => {
    const missing = siteUrl.replace("/news/muka", "/news/other");
    const response = await server.call<{ error: string; message: string }>("POST", "/api/check", { url: missing });
    expect(response.status).toBe(422);
    expect(response.body.error).toBe("page_gone");
    expect(response.body.message).toContain(missing);
  });
});

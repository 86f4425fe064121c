import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CheckResult } from "../../src/core/types.ts";
import { SOURCE, candidatePage, sourceText, startTestServer, type TestServer } from "./support.ts";
import type { SqliteStorage } from "../../src/io/storage/sqlite-storage.ts";

/**
 * Issue 14, item 8: with no minimum passage size, one sentence quoted without a link opened a case. The
 * policy's `minPassageChars` ignores shorter passages; its default (0) keeps counting every passage.
 */
describe("the policy's minPassageChars", () => {
  let server: TestServer;
  /** One sentence of the source (186 characters) in a page of the reuser's own words, without a link. */
  const quote = candidatePage([SOURCE.paragraphs[2]!, "Эксперты рынка считают, что нехватка подвижного состава сохранится до осени, пока не заработает новый контейнерный терминал."]);
  const wholeCopy = candidatePage(SOURCE.paragraphs);

  beforeAll(async () => {
    server = await startTestServer();
    expect((await server.call("POST", "/api/sources", { url: SOURCE.url, title: SOURCE.title, published: SOURCE.published, text: sourceText() })).status).toBe(201);
  });
  afterAll(() => server.close());

  async function check(url: string, html: string): Promise<{ result: CheckResult; opened: string | null; resolved: string | null }> {
    const response = await server.call<CheckResult>("POST", "/api/check", { url, html });
    expect(response.status, response.text).toBe(200);
    return { result: response.body, opened: response.headers.get("x-cases-opened"), resolved: response.headers.get("x-cases-resolved") };
  }

  it("by default one sentence quoted without a link is a violation that opens a case", async () => {
    const { result, opened } = await check("https://quoter.example/news/1", quote);
    expect(result.verdict).toBe("violation");
    expect(result.matches[0]!.violations).toEqual(["missing_link"]);
    expect(opened).not.toBe("");
  });

  it("a minimum above the sentence ignores it: no reuse, and the page's case is resolved; a whole copy still violates", async () => {
    const put = await server.call<{ rules: { minPassageChars: number } }>("PUT", "/api/policy", { minPassageChars: 250 });
    expect(put.status, put.text).toBe(200);
    expect(JSON.stringify(put.body)).toContain('"minPassageChars":250');
    const again = await check("https://quoter.example/news/1", quote);
    expect(again.result).toMatchObject({ verdict: "no_reuse", matches: [] });
    expect(again.resolved).not.toBe("");
    const copy = await check("https://copier.example/news/2", wholeCopy);
    expect(copy.result.verdict).toBe("violation");
    expect(copy.result.matches[0]!.passages.every((p) => p.source.end - p.source.start >= 250)).toBe(true);
  });

  it("rules stored before the setting existed take its default", async () => {
    const older: Record<string, unknown> = { ...(await server.stores.policies.get()) };
    delete older.minPassageChars;
    (server.stores.storage as SqliteStorage).db.prepare("UPDATE settings SET value = ? WHERE key = 'policy'").run(JSON.stringify(older));
    expect(await server.stores.policies.get()).toMatchObject({ minPassageChars: 0, maxShare: 0.3 });
    expect((await check("https://quoter.example/news/3", quote)).result.verdict).toBe("violation");
  });

  it("is refused with the field named when it is not a whole number", async () => {
    const bad = await server.call<{ issues: { path: string; message: string }[] }>("PUT", "/api/policy", { minPassageChars: -5 });
    expect(bad.status).toBe(400);
    expect(bad.body.issues).toEqual([{ path: "minPassageChars", message: "must not be negative (got -5)" }]);
  });
});

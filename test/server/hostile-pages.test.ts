import { request } from "node:http";
import type * as Zlib from "node:zlib";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { MAX_PAGE_DEPTH, MAX_PAGE_ELEMENTS } from "../../src/core/extract/page-bounds.ts";
import { MAX_INPUT_BYTES } from "../../src/io/input-size-limit.ts";
import type * as PageExtractor from "../../src/io/threads/page-extractor.ts";
import { addSourceArticle, candidatePage, KEY, SOURCE, startTestServer } from "./support.ts";
import type { TestServer } from "./support.ts";

/**
 * Resolves when the server starts extracting a page. The extractor is wrapped, not replaced: the test needs
 * to know the page is being read before it asks for /api/health, or an answer could come before extraction
 * began and prove nothing.
 */
const extraction = vi.hoisted(() => ({ started: () => undefined as void }));
/** Resolves when the server starts unpacking a gzip input, for the same reason; `gunzip` is wrapped alike. */
const inflation = vi.hoisted(() => ({ started: () => undefined as void }));
vi.mock("node:zlib", async (importOriginal) => {
  const actual = await importOriginal<typeof Zlib>();
  const gunzip = (...args: Parameters<typeof actual.gunzip>) => {
    (actual.gunzip as (...rest: unknown[]) => void)(...args);
    inflation.started();
  };
  return { ...actual, default: { ...actual, gunzip }, gunzip };
});
vi.mock("../../src/io/threads/page-extractor.ts", async (importOriginal) => {
  const actual = await importOriginal<typeof PageExtractor>();
  return {
    ...actual,
    extractPageOffThread: (html: string, pageUrl?: string) => {
      const read = actual.extractPageOffThread(html, pageUrl);
      extraction.started();
      return read;
    },
  };
});

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
  await addSourceArticle(server);
});

afterAll(async () => {
  await server.close();
});

const CANDIDATE = "https://novosti-dnya.example/news/hostile";

/** The page: the article inside `divs` nested `<div>`s (`<html>`, `<body>` and `<p>` make it 3 deeper). */
function nested(divs: number): string {
  return `<!doctype html><html><body>${"<div>".repeat(divs)}<p>${SOURCE.paragraphs[0]}</p>${"</div>".repeat(divs)}</body></html>`;
}

/**
 * A page within both caps that still takes extraction a second or more (20 chains of 250 `<div>`s, ~5,000
 * elements): long enough to ask the server something else while it is read.
 */
function slowPage(): string {
  const chain = `${"<div>".repeat(250)}<p>${SOURCE.paragraphs[1]}</p>${"</div>".repeat(250)}`;
  return `<!doctype html><html><body>${chain.repeat(20)}</body></html>`;
}

/** A request whose body has been handed to the socket once `sent` resolves; `answered` gives the response. */
function send(route: string, headers: Record<string, string>, body: Buffer): { sent: Promise<void>; answered: Promise<{ status: number; body: string }> } {
  let sent!: () => void;
  const whenSent = new Promise<void>((resolve) => (sent = resolve));
  const answered = new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(`${server.url}${route}`, { method: "POST", headers: { authorization: `Bearer ${KEY}`, "content-length": String(body.length), ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.on("finish", sent);
    req.end(body);
  });
  return { sent: whenSent, answered };
}

/** Sends the request, asks `/api/health` once `busy` resolves, and says which answer came first. */
async function healthWhile(route: string, headers: Record<string, string>, body: Buffer, busy: (sent: Promise<void>) => Promise<void>) {
  const hostile = send(route, headers, body);
  const order: string[] = [];
  const answered = hostile.answered.then((response) => {
    order.push(route);
    return response;
  });
  await busy(hostile.sent);
  const health = await fetch(`${server.url}/api/health`);
  order.push("/api/health");
  expect(health.status).toBe(200);
  return { order, response: await answered };
}

describe("hostile pages through POST /api/check", () => {
  it.each([2_000, 10_000, 100_000])("answers 422 too_deep for a page of %i nested <div>s, naming the page, its depth and the limit", async (divs) => {
    const response = await server.call<{ error: string; message: string }>("POST", "/api/check", { url: CANDIDATE, html: nested(divs) });
    expect(response.status).toBe(422);
    expect(response.body).toEqual({
      error: "too_deep",
      message: `the HTML submitted for ${CANDIDATE}: nesting depth ${(divs + 3).toLocaleString("en-US")} exceeds the limit of ${MAX_PAGE_DEPTH}`,
    });
  });

  it("answers 422 too_many_elements for a page of too many elements", async () => {
    const html = `<html><body>${"<i></i>".repeat(MAX_PAGE_ELEMENTS + 10)}<p>${SOURCE.paragraphs[0]}</p></body></html>`;
    const response = await server.call<{ error: string; message: string }>("POST", "/api/check", { url: CANDIDATE, html });
    expect(response.status).toBe(422);
    expect(response.body.error).toBe("too_many_elements");
    expect(response.body.message).toMatch(/^the HTML submitted for \S+: element count 50,01\d exceeds the limit of 50,000$/);
  });

  it("refuses the same pages in a self-check and as a source, and records nothing for them", async () => {
    const self = await server.call<{ error: string }>("POST", "/api/self-check", { html: nested(2_000) });
    expect(self.status).toBe(422);
    expect(self.body.error).toBe("too_deep");
    const source = await server.call<{ error: string }>("POST", "/api/sources", { url: "https://vestnik-delovoy.example/news/deep", title: "x", html: nested(2_000) });
    expect(source.status).toBe(422);
    expect(source.body.error).toBe("too_deep");
    expect((await server.call("GET", `/api/sources?q=${encodeURIComponent("deep")}`)).text).not.toContain("news/deep");
    const cases = await server.call<{ cases: Array<{ candidate: { url: string } }> }>("GET", "/api/cases");
    expect(cases.status).toBe(200);
    expect(JSON.stringify(cases.body)).not.toContain(CANDIDATE);
  });

  it("answers /api/health while a slow page is being read, then checks that page", async () => {
    const body = Buffer.from(JSON.stringify({ url: `${CANDIDATE}/slow`, html: slowPage() }));
    const reading = new Promise<void>((resolve) => (extraction.started = resolve));
    const { order, response } = await healthWhile("/api/check", { "content-type": "application/json" }, body, () => reading);
    expect(order).toEqual(["/api/health", "/api/check"]);
    expect(response.status).toBe(200);
  });

  it("still checks an ordinary page after the hostile ones, and its source is intact", async () => {
    const response = await server.call<{ verdict: string; matches: Array<{ source: { url: string } }> }>("POST", "/api/check", {
      url: `${CANDIDATE}/ordinary`,
      html: candidatePage(SOURCE.paragraphs),
    });
    expect(response.status).toBe(200);
    expect(response.body.verdict).toBe("violation");
    expect(response.body.matches[0]!.source.url).toBe(SOURCE.url);
  });
});

describe("uploads and compressed bodies", () => {
  /** The upload: 45 MB of markup, gzip-compressed to 68 KB. */
  const bomb = gzipSync(Buffer.alloc(45 * 1024 * 1024, "<p>a</p>"));

  it("refuses an upload that unpacks past the input limit with 400 naming the file and the limit, answering /api/health meanwhile", async () => {
    expect(bomb.length).toBeLessThan(MAX_INPUT_BYTES / 200);
    const unpacking = new Promise<void>((resolve) => (inflation.started = resolve));
    const { order, response } = await healthWhile("/api/sources/upload?filename=bomb.html.gz", { "content-type": "application/gzip" }, bomb, () => unpacking);
    expect(order).toEqual(["/api/health", "/api/sources/upload?filename=bomb.html.gz"]);
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body)).toEqual({
      error: "bad_request",
      message: `bomb.html.gz: is gzip-compressed and unpacks past the limit of ${MAX_INPUT_BYTES / 1024 / 1024} MiB`,
    });
  });

  it("refuses an uploaded page past a cap, gzip-compressed, with 400 naming the file and the reason", async () => {
    const response = await fetch(`${server.url}/api/sources/upload?filename=deep.html&url=${encodeURIComponent("https://vestnik-delovoy.example/news/deep")}`, {
      method: "POST",
      headers: { authorization: `Bearer ${KEY}`, "content-type": "text/html" },
      body: gzipSync(nested(10_000)),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: "bad_request", message: `deep.html: is refused: nesting depth 10,003 exceeds the limit of ${MAX_PAGE_DEPTH}` });
  });

  it("reports a JSON Lines record whose page is past a cap by file:line, and adds the other records", async () => {
    const lines = [
      { url: "https://vestnik-delovoy.example/news/deep-record", title: "Глубоко", html: nested(2_000) },
      { url: "https://vestnik-delovoy.example/news/plain-record", title: "Обычно", html: `<html><body><article><p>${SOURCE.paragraphs[2]}</p></article></body></html>` },
    ];
    const response = await fetch(`${server.url}/api/sources/upload?filename=archive.jsonl`, {
      method: "POST",
      headers: { authorization: `Bearer ${KEY}`, "content-type": "application/x-ndjson" },
      body: lines.map((line) => JSON.stringify(line)).join("\n"),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { added: Array<{ url: string }>; errors: Array<{ input: string; message: string }> };
    expect(body.added.map((added) => added.url)).toEqual(["https://vestnik-delovoy.example/news/plain-record"]);
    expect(body.errors).toEqual([{ input: "archive.jsonl:1", message: `archive.jsonl:1: is refused: nesting depth 2,003 exceeds the limit of ${MAX_PAGE_DEPTH}` }]);
  });

  it("does not unpack a request body sent with Content-Encoding: gzip", async () => {
    const body = gzipSync(JSON.stringify({ url: CANDIDATE, text: "x".repeat(1000) }));
    const response = await fetch(`${server.url}/api/check`, {
      method: "POST",
      headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json", "content-encoding": "gzip" },
      body,
    });
    expect(response.status).toBe(400);
  });
});

import { afterEach, describe, expect, it } from "vitest";
import { createFetcher } from "../../src/io/fetch/http-fetcher.ts";
import type { HttpFetcher } from "../../src/io/fetch/http-fetcher.ts";
import type { FetcherOptions } from "../../src/io/fetch/options.ts";
import { FetchError } from "../../src/io/fetch/errors.ts";
import { isTransient } from "../../src/io/fetch/retry.ts";
import { retryAfterMs } from "../../src/io/fetch/retry-after.ts";
import { fetchFailure } from "./fetch-failure.ts";
import { ARTICLE_HTML, startServer } from "./local-server.ts";
import type { LocalServer, Route } from "./local-server.ts";

const open: { fetchers: HttpFetcher[]; servers: LocalServer[] } = { fetchers: [], servers: [] };

afterEach(async () => {
  await Promise.all(open.fetchers.splice(0).map((fetcher) => fetcher.close()));
  await Promise.all(open.servers.splice(0).map((server) => server.close()));
});

function fetcherWith(options: FetcherOptions): HttpFetcher {
  const fetcher = createFetcher({ allowPrivate: true, obeyRobots: false, perHostDelayMs: 0, ...options });
  open.fetchers.push(fetcher);
  return fetcher;
}

/** Answers `failures` times with `status` (and `headers`), then with the article. */
async function flakySite(failures: number, status = 500, headers: Record<string, string> = {}): Promise<LocalServer> {
  let left = failures;
  const route: Route = (_request, response) => {
    if (left-- > 0) response.writeHead(status, { "content-type": "text/plain", ...headers }).end("временная ошибка");
    else response.writeHead(200, { "content-type": "text/html" }).end(ARTICLE_HTML);
  };
  const server = await startServer({ "/news": route });
  open.servers.push(server);
  return server;
}

describe("retries", () => {
  it("retries a 500 and returns the page that follows", async () => {
    const server = await flakySite(1);
    const resource = await fetcherWith({ retries: 2, retryBaseDelayMs: 20 })(`${server.origin}/news`);
    expect(resource.status).toBe(200);
    expect(server.hits("/news")).toBe(2);
  });

  it("backs off exponentially and gives up after `retries` extra attempts", async () => {
    const server = await flakySite(10, 503);
    const start = performance.now();
    const error = await fetchFailure(fetcherWith({ retries: 2, retryBaseDelayMs: 100 })(`${server.origin}/news`));
    const elapsed = performance.now() - start;
    expect(error.reason).toBe("http_status");
    expect(error.status).toBe(503);
    expect(server.hits("/news")).toBe(3);
    const [first, second, third] = server.requests.map((request) => request.startedAt);
    if (first === undefined || second === undefined || third === undefined) throw new Error("three attempts expected");
    expect(second - first).toBeGreaterThanOrEqual(95);
    expect(third - second).toBeGreaterThanOrEqual(195);
    expect(elapsed).toBeLessThan(5_000);
  });

  it("retries a timeout", async () => {
    let calls = 0;
    const server = await startServer({
      "/news": (_request, response) => {
        if (calls++ === 0) setTimeout(() => response.end(), 5_000).unref();
        else response.writeHead(200, { "content-type": "text/html" }).end(ARTICLE_HTML);
      },
    });
    open.servers.push(server);
    const resource = await fetcherWith({ retries: 1, retryBaseDelayMs: 10, headersTimeoutMs: 150 })(`${server.origin}/news`);
    expect(resource.status).toBe(200);
    expect(server.hits("/news")).toBe(2);
  });

  it("retries a refused connection", async () => {
    const server = await startServer({});
    const { port } = server;
    await server.close();
    const start = performance.now();
    const error = await fetchFailure(fetcherWith({ retries: 1, retryBaseDelayMs: 100 })(`http://127.0.0.1:${port}/news`));
    expect(error.reason).toBe("network");
    expect(error.message).toContain("ECONNREFUSED");
    expect(performance.now() - start).toBeGreaterThanOrEqual(95);
  });

  it("waits out a 429's Retry-After before retrying, however short the backoff, and returns the page that follows", async () => {
    const server = await flakySite(1, 429, { "retry-after": "1" });
    const resource = await fetcherWith({ retries: 1, retryBaseDelayMs: 10 })(`${server.origin}/news`);
    expect(resource.status).toBe(200);
    const [first, second] = server.requests.map((request) => request.startedAt);
    if (first === undefined || second === undefined) throw new Error("two attempts expected");
    expect(second - first).toBeGreaterThanOrEqual(990);
  });

  it("retries a 429 without Retry-After like a 5xx", async () => {
    const server = await flakySite(1, 429);
    expect((await fetcherWith({ retries: 1, retryBaseDelayMs: 10 })(`${server.origin}/news`)).status).toBe(200);
    expect(server.hits("/news")).toBe(2);
  });

  it("fails at once, carrying the delay, when Retry-After asks for longer than maxRetryAfterMs", async () => {
    const server = await flakySite(1, 503, { "retry-after": "3600" });
    const error = await fetchFailure(fetcherWith({ retries: 2, retryBaseDelayMs: 10, maxRetryAfterMs: 15_000 })(`${server.origin}/news`));
    expect(server.hits("/news")).toBe(1);
    expect([error.reason, error.status, error.retryAfterMs]).toEqual(["http_status", 503, 3_600_000]);
    expect(error.message).toBe(`Fetching ${server.origin}/news failed: the server answered HTTP 503 and asked us to retry after 3600 s`);
    expect(isTransient(error)).toBe(true);
  });

  it("does not retry when retries is 0", async () => {
    const server = await flakySite(1);
    const error = await fetchFailure(fetcherWith({ retries: 0 })(`${server.origin}/news`));
    expect(error.status).toBe(500);
    expect(server.hits("/news")).toBe(1);
  });
});

describe("isTransient", () => {
  const url = "https://news.example/most";
  it.each<[FetchError, boolean]>([
    [new FetchError(url, "http_status", "HTTP 502", { status: 502 }), true],
    [new FetchError(url, "http_status", "HTTP 404", { status: 404 }), false],
    [new FetchError(url, "http_status", "HTTP 429", { status: 429 }), true],
    [new FetchError(url, "timeout", "slow"), true],
    [new FetchError(url, "network", "reset", { cause: Object.assign(new Error("reset"), { code: "ECONNRESET" }) }), true],
    [new FetchError(url, "network", "no such host", { cause: Object.assign(new Error("nx"), { code: "ENOTFOUND" }) }), false],
    [new FetchError(url, "too_large", "big"), false],
    [new FetchError(url, "robots_disallowed", "no"), false],
    [new FetchError(url, "private_address", "no"), false],
  ])("%s → %s", (error, transient) => {
    expect(isTransient(error)).toBe(transient);
  });
});

describe("retryAfterMs", () => {
  const now = Date.parse("2026-12-06T20:00:00Z");
  it.each<[string | undefined, number | null]>([
    ["120", 120_000],
    [" 0 ", 0],
    ["Sun, 06 Dec 2026 20:02:30 GMT", 150_000],
    ["Sunday, 06-Dec-26 20:00:10 GMT", 10_000],
    ["Sun, 06 Dec 2026 19:00:00 GMT", 0],
    [undefined, null],
    ["", null],
    ["-5", null],
    ["1.5", null],
    ["soon", null],
  ])("%j → %j", (value, expected) => {
    expect(retryAfterMs(value, now)).toBe(expected);
  });
});

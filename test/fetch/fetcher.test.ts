import { brotliCompressSync, gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { createFetcher } from "../../src/io/fetch/http-fetcher.ts";
import type { HttpFetcher } from "../../src/io/fetch/http-fetcher.ts";
import type { FetcherOptions } from "../../src/io/fetch/options.ts";
import { fetchFailure } from "./fetch-failure.ts";
import { ARTICLE_HTML, page, startServer, stream } from "./local-server.ts";
import type { LocalServer, StreamProgress } from "./local-server.ts";

const open: { fetchers: HttpFetcher[]; servers: LocalServer[] } = { fetchers: [], servers: [] };

afterEach(async () => {
  await Promise.all(open.fetchers.splice(0).map((fetcher) => fetcher.close()));
  await Promise.all(open.servers.splice(0).map((server) => server.close()));
});

/** A fetcher that may reach our loopback servers, without pauses or robots.txt unless a test asks for them. */
function loopbackFetcher(options: FetcherOptions = {}): HttpFetcher {
  const fetcher = createFetcher({ allowPrivate: true, perHostDelayMs: 0, obeyRobots: false, retries: 0, ...options });
  open.fetchers.push(fetcher);
  return fetcher;
}

async function server(routes: Parameters<typeof startServer>[0]): Promise<LocalServer> {
  const started = await startServer(routes);
  open.servers.push(started);
  return started;
}

const utf8 = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

describe("fetching a page", () => {
  it("returns the bytes, status, lower-cased headers and where they came from", async () => {
    const site = await server({
      "/news/most": (_request, response) => {
        response.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "X-Edition": "Заречье".length.toString() }).end(ARTICLE_HTML);
      },
    });
    const before = Date.now();
    const resource = await loopbackFetcher()(`${site.origin}/news/most#comments`);
    expect(resource.status).toBe(200);
    expect(utf8(resource.body)).toBe(ARTICLE_HTML);
    expect(resource.requestedUrl).toBe(`${site.origin}/news/most#comments`);
    expect(resource.url).toBe(`${site.origin}/news/most`);
    expect(resource.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(resource.headers["x-edition"]).toBe("7");
    expect(Date.parse(resource.fetchedAt)).toBeGreaterThanOrEqual(before - 1);
    const [seen] = site.requests;
    expect(seen?.headers["user-agent"]).toBe("CopyQuotaBot/0.1 (+https://copyquota.example/bot)");
    expect(seen?.headers["accept"]).toContain("text/html");
    expect(seen?.headers["accept-encoding"]).toBe("gzip, deflate, br");
  });

  it.each([
    ["gzip", gzipSync],
    ["br", brotliCompressSync],
  ])("removes %s content-coding and the headers that described it", async (coding, compress) => {
    const compressed = compress(Buffer.from(ARTICLE_HTML));
    const site = await server({
      "/": (_request, response) => {
        response.writeHead(200, { "content-type": "text/html", "content-encoding": coding, "content-length": compressed.length }).end(compressed);
      },
    });
    const resource = await loopbackFetcher()(`${site.origin}/`);
    expect(utf8(resource.body)).toBe(ARTICLE_HTML);
    expect(resource.headers["content-encoding"]).toBeUndefined();
    expect(resource.headers["content-length"]).toBeUndefined();
  });

  it("reads every accepted text type and a response without Content-Type", async () => {
    const site = await server({
      "/feed": page("<rss version=\"2.0\"><channel></channel></rss>", "application/rss+xml"),
      "/api": page("{\"новости\":[]}", "application/json; charset=utf-8"),
      "/bare": (_request, response) => {
        response.removeHeader("content-type");
        response.end("Заречье");
      },
    });
    const fetcher = loopbackFetcher();
    expect(utf8((await fetcher(`${site.origin}/feed`)).body)).toContain("<rss");
    expect(utf8((await fetcher(`${site.origin}/api`)).body)).toBe("{\"новости\":[]}");
    expect(utf8((await fetcher(`${site.origin}/bare`)).body)).toBe("Заречье");
  });

  it("refuses a content type it does not read, naming the URL and the type, without reading the body", async () => {
    const progress: StreamProgress = { sent: 0, closed: false };
    const site = await server({ "/photo": stream({ "content-type": "image/png" }, 256 * 1024 * 1024, progress) });
    const error = await fetchFailure(loopbackFetcher()(`${site.origin}/photo`));
    expect(error.reason).toBe("bad_content_type");
    expect(error.url).toBe(`${site.origin}/photo`);
    expect(error.message).toContain(`${site.origin}/photo`);
    expect(error.message).toContain("image/png");
    await expect.poll(() => progress.closed).toBe(true);
    // What the socket buffers hold, not the 256 MiB offered.
    expect(progress.sent).toBeLessThan(32 * 1024 * 1024);
  });

  it("rejects an error status with the status, without retrying a 4xx", async () => {
    const site = await server({});
    const error = await fetchFailure(loopbackFetcher({ retries: 2, retryBaseDelayMs: 1 })(`${site.origin}/gone`));
    expect(error.reason).toBe("http_status");
    expect(error.status).toBe(404);
    expect(error.message).toMatch(new RegExp(`${site.origin}/gone.*HTTP 404`));
    expect(site.hits("/gone")).toBe(1);
  });

  it("rejects a corrupt compressed body as bad_encoding", async () => {
    const site = await server({
      "/": (_request, response) => {
        response.writeHead(200, { "content-type": "text/html", "content-encoding": "gzip" }).end("это не gzip");
      },
    });
    const error = await fetchFailure(loopbackFetcher()(`${site.origin}/`));
    expect(error.reason).toBe("bad_encoding");
  });

  it("rejects an unknown content-coding as bad_encoding", async () => {
    const site = await server({
      "/": (_request, response) => {
        response.writeHead(200, { "content-type": "text/html", "content-encoding": "zstd" }).end("...");
      },
    });
    const error = await fetchFailure(loopbackFetcher()(`${site.origin}/`));
    expect(error.reason).toBe("bad_encoding");
    expect(error.message).toContain("zstd");
  });

  it.each([
    ["not a url", "bad_url"],
    ["/relative/path", "bad_url"],
    ["ftp://example.com/file.txt", "unsupported_scheme"],
    ["file:///etc/passwd", "unsupported_scheme"],
    ["javascript:alert(1)", "unsupported_scheme"],
  ])("refuses %s (%s)", async (url, reason) => {
    const error = await fetchFailure(loopbackFetcher()(url));
    expect(error.reason).toBe(reason);
    expect(error.message).toContain(url);
  });

  it("exposes the settings in force, defaults filled in and frozen", () => {
    const fetcher = loopbackFetcher({ maxRedirects: 2 });
    expect(fetcher.options.maxRedirects).toBe(2);
    expect(fetcher.options.userAgent).toBe("CopyQuotaBot/0.1 (+https://copyquota.example/bot)");
    expect(Object.isFrozen(fetcher.options)).toBe(true);
  });

  it("rejects invalid options when created, naming them", () => {
    expect(() => createFetcher({ maxBodyBytes: -5 })).toThrow("Invalid fetcher options: maxBodyBytes: must be at least 1");
  });

  it("refuses to fetch once closed", async () => {
    const site = await server({ "/": page(ARTICLE_HTML) });
    const fetcher = loopbackFetcher();
    await fetcher.close();
    const error = await fetchFailure(fetcher(`${site.origin}/`));
    expect(error.reason).toBe("closed");
    expect(site.requests).toHaveLength(0);
  });
});

describe("conditional GET", () => {
  const ETAG = "\"most-v1\"";
  const LAST_MODIFIED = "Tue, 14 May 2024 09:00:00 GMT";

  /** Answers 304 when the client's validators match the current version, the page otherwise. */
  async function versionedSite(): Promise<LocalServer> {
    return server({
      "/news/most": (request, response) => {
        const fresh = request.headers["if-none-match"] === ETAG || request.headers["if-modified-since"] === LAST_MODIFIED;
        if (fresh) response.writeHead(304, { etag: ETAG }).end();
        else response.writeHead(200, { "content-type": "text/html", etag: ETAG, "last-modified": LAST_MODIFIED }).end(ARTICLE_HTML);
      },
    });
  }

  it("returns the resource with its validators, then notModified once they match", async () => {
    const site = await versionedSite();
    const fetcher = loopbackFetcher();
    const first = await fetcher.fetchConditional(`${site.origin}/news/most`, {});
    if (first.notModified) throw new Error("the first fetch has no validators to match");
    expect(first.validators).toEqual({ etag: ETAG, lastModified: LAST_MODIFIED });
    expect(utf8(first.resource.body)).toBe(ARTICLE_HTML);

    const byEtag = await fetcher.fetchConditional(`${site.origin}/news/most`, { etag: ETAG });
    expect(byEtag).toEqual({ notModified: true });
    expect(site.requests[1]?.headers["if-none-match"]).toBe(ETAG);

    const byDate = await fetcher.fetchConditional(`${site.origin}/news/most`, { lastModified: LAST_MODIFIED });
    expect(byDate).toEqual({ notModified: true });
    expect(site.requests[2]?.headers["if-modified-since"]).toBe(LAST_MODIFIED);
  });

  it("returns the new version when the validators are stale", async () => {
    const site = await versionedSite();
    const result = await loopbackFetcher().fetchConditional(`${site.origin}/news/most`, { etag: "\"most-v0\"" });
    expect(result.notModified).toBe(false);
    if (!result.notModified) expect(result.validators.etag).toBe(ETAG);
  });

  it("treats a 304 to an unconditional request as an error", async () => {
    const site = await versionedSite();
    const fetcher = loopbackFetcher();
    const stray = await server({ "/": (_request, response) => response.writeHead(304).end() });
    expect(utf8((await fetcher(`${site.origin}/news/most`)).body)).toBe(ARTICLE_HTML);
    const error = await fetchFailure(fetcher(`${stray.origin}/`));
    expect(error.reason).toBe("http_status");
    expect(error.status).toBe(304);
  });
});

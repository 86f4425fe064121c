import { afterEach, describe, expect, it } from "vitest";
import { createFetcher } from "../../src/io/fetch/http-fetcher.ts";
import type { HttpFetcher } from "../../src/io/fetch/http-fetcher.ts";
import type { FetcherOptions } from "../../src/io/fetch/options.ts";
import { fetchFailure } from "./fetch-failure.ts";
import { ARTICLE_HTML, page, redirect, startServer } from "./local-server.ts";
import type { LocalServer, Route } from "./local-server.ts";

const open: { fetchers: HttpFetcher[]; servers: LocalServer[] } = { fetchers: [], servers: [] };

afterEach(async () => {
  await Promise.all(open.fetchers.splice(0).map((fetcher) => fetcher.close()));
  await Promise.all(open.servers.splice(0).map((server) => server.close()));
});

function fetcherWith(options: FetcherOptions): HttpFetcher {
  const fetcher = createFetcher({ perHostDelayMs: 0, obeyRobots: false, retries: 0, ...options });
  open.fetchers.push(fetcher);
  return fetcher;
}

async function server(routes: Record<string, Route>): Promise<LocalServer> {
  const started = await startServer(routes);
  open.servers.push(started);
  return started;
}

/** Routes `/hop/0` → `/hop/1` → … → `/hop/<count>`, which is the article. */
function chain(count: number): Record<string, Route> {
  const routes: Record<string, Route> = { [`/hop/${count}`]: page(ARTICLE_HTML) };
  for (let hop = 0; hop < count; hop++) routes[`/hop/${hop}`] = redirect(`/hop/${hop + 1}`, [301, 302, 303, 307, 308][hop % 5]);
  return routes;
}

describe("redirects", () => {
  it("follows relative and absolute redirects, reporting the final URL", async () => {
    const target = await server({ "/article": page(ARTICLE_HTML) });
    const site = await server({ "/short": redirect("/moved"), "/moved": redirect(`${target.origin}/article`, 301) });
    const resource = await fetcherWith({ allowPrivate: true })(`${site.origin}/short`);
    expect(resource.requestedUrl).toBe(`${site.origin}/short`);
    expect(resource.url).toBe(`${target.origin}/article`);
    expect(new TextDecoder().decode(resource.body)).toBe(ARTICLE_HTML);
  });

  it("follows exactly maxRedirects (5) redirects", async () => {
    const site = await server(chain(5));
    const resource = await fetcherWith({ allowPrivate: true })(`${site.origin}/hop/0`);
    expect(resource.url).toBe(`${site.origin}/hop/5`);
  });

  it("refuses a sixth redirect, naming the chain", async () => {
    const site = await server(chain(6));
    const error = await fetchFailure(fetcherWith({ allowPrivate: true })(`${site.origin}/hop/0`));
    expect(error.reason).toBe("too_many_redirects");
    expect(error.url).toBe(`${site.origin}/hop/0`);
    expect(error.message).toContain(`${site.origin}/hop/6`);
    expect(site.hits("/hop/5")).toBe(1);
    expect(site.hits("/hop/6")).toBe(0);
  });

  it("honours a smaller maxRedirects", async () => {
    const site = await server(chain(1));
    const error = await fetchFailure(fetcherWith({ allowPrivate: true, maxRedirects: 0 })(`${site.origin}/hop/0`));
    expect(error.reason).toBe("too_many_redirects");
  });

  it("detects a redirect loop before running out of redirects", async () => {
    const site = await server({ "/a": redirect("/b"), "/b": redirect("/a") });
    const error = await fetchFailure(fetcherWith({ allowPrivate: true })(`${site.origin}/a`));
    expect(error.reason).toBe("redirect_loop");
    expect(error.message).toContain(`${site.origin}/a → ${site.origin}/b → ${site.origin}/a`);
    expect(site.requests).toHaveLength(2);
  });

  it("refuses a redirect to another scheme", async () => {
    const site = await server({ "/": redirect("file:///etc/passwd") });
    const error = await fetchFailure(fetcherWith({ allowPrivate: true })(`${site.origin}/`));
    expect(error.reason).toBe("unsupported_scheme");
    expect(error.message).toContain("file:///etc/passwd");
  });

  it("treats a 3xx without Location as an error status", async () => {
    const site = await server({ "/": (_request, response) => response.writeHead(302).end() });
    const error = await fetchFailure(fetcherWith({ allowPrivate: true })(`${site.origin}/`));
    expect(error.reason).toBe("http_status");
    expect(error.status).toBe(302);
  });
});

describe("redirects into private networks", () => {
  // The test server is on loopback, so only its exact address is exempted; everything else private stays refused.
  const guarded: FetcherOptions = { privateAddressAllowList: ["127.0.0.1"], connectTimeoutMs: 10_000 };

  it.each([
    ["http://10.0.0.1/admin", "10.0.0.0/8"],
    ["http://169.254.169.254/latest/meta-data/", "169.254.0.0/16"],
    ["http://[::1]/", "::1/128"],
    ["http://[::ffff:192.168.0.1]/", "::ffff:0:0/96"],
  ])("refuses a redirect to %s before connecting", async (location, cidr) => {
    const site = await server({ "/": redirect(location) });
    const start = performance.now();
    const error = await fetchFailure(fetcherWith(guarded)(`${site.origin}/`));
    expect(error.reason).toBe("private_address");
    expect(error.url).toBe(`${site.origin}/`);
    expect(error.message).toContain(cidr);
    expect(error.message).toContain("reached by redirect");
    expect(performance.now() - start).toBeLessThan(3_000);
  });
});

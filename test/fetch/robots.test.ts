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

/** A fetcher that obeys robots.txt (the default) and may reach loopback. */
function robotsFetcher(options: FetcherOptions = {}): HttpFetcher {
  const fetcher = createFetcher({ allowPrivate: true, perHostDelayMs: 0, retries: 0, ...options });
  open.fetchers.push(fetcher);
  return fetcher;
}

async function site(robots: Route | null, extra: Record<string, Route> = {}): Promise<LocalServer> {
  const routes: Record<string, Route> = { "/news/most": page(ARTICLE_HTML), "/private/draft": page(ARTICLE_HTML), ...extra };
  if (robots) routes["/robots.txt"] = robots;
  const started = await startServer(routes);
  open.servers.push(started);
  return started;
}

const ROBOTS = ["User-agent: SomeOtherBot", "Disallow: /", "", "User-agent: CopyQuotaBot", "Disallow: /private/", "", "User-agent: *", "Disallow: /news/"].join("\n");

describe("robots.txt", () => {
  it("refuses a URL disallowed for our product token, naming the URL and the rule", async () => {
    const server = await site(page(ROBOTS, "text/plain"));
    const error = await fetchFailure(robotsFetcher()(`${server.origin}/private/draft`));
    expect(error.reason).toBe("robots_disallowed");
    expect(error.url).toBe(`${server.origin}/private/draft`);
    expect(error.message).toContain(`${server.origin}/robots.txt disallows it for CopyQuotaBot (line 5)`);
    expect(server.hits("/private/draft")).toBe(0);
  });

  it("fetches what our group allows even when the * group forbids it", async () => {
    const server = await site(page(ROBOTS, "text/plain"));
    const resource = await robotsFetcher()(`${server.origin}/news/most`);
    expect(resource.status).toBe(200);
  });

  it("matches robots.txt against the product token of a custom user agent", async () => {
    const server = await site(page(ROBOTS, "text/plain"));
    const fetcher = robotsFetcher({ userAgent: "SomeOtherBot/2.0 (+https://other.example)" });
    expect((await fetchFailure(fetcher(`${server.origin}/news/most`))).reason).toBe("robots_disallowed");
  });

  it("reads robots.txt once per origin", async () => {
    const server = await site(page(ROBOTS, "text/plain"));
    const fetcher = robotsFetcher();
    await Promise.all([fetcher(`${server.origin}/news/most`), fetcher(`${server.origin}/news/most?page=2`)]);
    await fetchFailure(fetcher(`${server.origin}/private/draft`));
    expect(server.hits("/robots.txt")).toBe(1);
    expect(server.requests[0]?.path).toBe("/robots.txt");
  });

  it("allows everything when robots.txt is missing (4xx)", async () => {
    const server = await site(null);
    expect((await robotsFetcher()(`${server.origin}/private/draft`)).status).toBe(200);
    expect(server.hits("/robots.txt")).toBe(1);
  });

  it.each([
    ["a server error", (_request, response) => response.writeHead(503).end()],
    ["429 Too Many Requests", (_request, response) => response.writeHead(429).end()],
  ] satisfies [string, Route][])("disallows everything when robots.txt answers with %s", async (_name, robots) => {
    const server = await site(robots);
    const fetcher = robotsFetcher();
    const error = await fetchFailure(fetcher(`${server.origin}/news/most`));
    expect(error.reason).toBe("robots_disallowed");
    expect(error.message).toContain(`${server.origin}/robots.txt could not be read (http_status)`);
    // The verdict is kept for the pass: the failing robots.txt is not asked again for every URL.
    await fetchFailure(fetcher(`${server.origin}/private/draft`));
    expect(server.hits("/robots.txt")).toBe(1);
    expect(server.hits("/news/most")).toBe(0);
  });

  it("disallows everything when robots.txt does not answer in time", async () => {
    const server = await site((_request, response) => setTimeout(() => response.end(), 5_000).unref());
    const error = await fetchFailure(robotsFetcher({ headersTimeoutMs: 150 })(`${server.origin}/news/most`));
    expect(error.reason).toBe("robots_disallowed");
    expect(error.message).toContain("could not be read (timeout)");
  });

  it("follows a redirected robots.txt and applies it to the original origin", async () => {
    const server = await site(redirect("/meta/robots.txt"), { "/meta/robots.txt": page(ROBOTS, "text/plain") });
    const error = await fetchFailure(robotsFetcher()(`${server.origin}/private/draft`));
    expect(error.reason).toBe("robots_disallowed");
  });

  it("checks robots.txt again on every redirect hop", async () => {
    const server = await site(page(ROBOTS, "text/plain"), { "/go": redirect("/private/draft") });
    const error = await fetchFailure(robotsFetcher()(`${server.origin}/go`));
    expect(error.reason).toBe("robots_disallowed");
    expect(error.message).toContain("reached by redirect");
    expect(server.hits("/private/draft")).toBe(0);
  });

  it("is not consulted when obeyRobots is false", async () => {
    const server = await site(page(ROBOTS, "text/plain"));
    expect((await robotsFetcher({ obeyRobots: false })(`${server.origin}/private/draft`)).status).toBe(200);
    expect(server.hits("/robots.txt")).toBe(0);
  });
});

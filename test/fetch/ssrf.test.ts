import type { LookupAddress } from "node:dns";
import { afterEach, describe, expect, it } from "vitest";
import { createFetcher } from "../../src/io/fetch/http-fetcher.ts";
import type { HttpFetcher } from "../../src/io/fetch/http-fetcher.ts";
import type { FetcherOptions } from "../../src/io/fetch/options.ts";
import { AddressGuard, PrivateAddressError } from "../../src/io/fetch/ssrf-guard.ts";
import { fetchFailure } from "./fetch-failure.ts";
import { ARTICLE_HTML, page, startServer } from "./local-server.ts";
import type { LocalServer } from "./local-server.ts";

const open: { fetchers: HttpFetcher[]; servers: LocalServer[] } = { fetchers: [], servers: [] };

afterEach(async () => {
  await Promise.all(open.fetchers.splice(0).map((fetcher) => fetcher.close()));
  await Promise.all(open.servers.splice(0).map((server) => server.close()));
});

/** A fetcher with the production defaults (guard on, robots on), plus `options`. */
function fetcherWith(options: FetcherOptions = {}): HttpFetcher {
  const fetcher = createFetcher(options);
  open.fetchers.push(fetcher);
  return fetcher;
}

async function articleServer(): Promise<LocalServer> {
  const started = await startServer({ "/news": page(ARTICLE_HTML) });
  open.servers.push(started);
  return started;
}

describe("the SSRF guard", () => {
  it.each([
    ["127.0.0.1", "127.0.0.0/8"],
    ["[::ffff:127.0.0.1]", "::ffff:0:0/96"],
    ["[::ffff:0:127.0.0.1]", "::ffff:0:0:0/96"],
    ["[64:ff9b::127.0.0.1]", "64:ff9b::/96"],
    ["[2002:7f00:1::1]", "2002::/16"],
    ["[2001:0:4136:e378:8000:63bf:80ff:fffe]", "2001::/32"],
    ["0.0.0.0", "0.0.0.0/8"],
    // The URL parser reads 2130706433 as 127.0.0.1, so the check sees the real address.
    ["2130706433", "127.0.0.0/8"],
  ])("refuses http://%s with default options, and nothing reaches the server", async (host, cidr) => {
    const site = await articleServer();
    const error = await fetchFailure(fetcherWith()(`http://${host}:${site.port}/news`));
    expect(error.reason).toBe("private_address");
    expect(error.message).toContain(cidr);
    expect(error.message).toContain("--allow-private");
    expect(site.connections).toBe(0);
  });

  it("refuses 10.0.0.1 at once, without trying to connect or retrying", async () => {
    const fetcher = fetcherWith({ connectTimeoutMs: 30_000, retries: 2 });
    const start = performance.now();
    const error = await fetchFailure(fetcher("http://10.0.0.1/internal"));
    expect(performance.now() - start).toBeLessThan(1_000);
    expect(error.reason).toBe("private_address");
    expect(error.message).toBe(
      "Fetching http://10.0.0.1/internal failed: 10.0.0.1 is not public: it lies in 10.0.0.0/8, private (RFC 1918); private addresses are refused without --allow-private",
    );
  });

  it("refuses a name that resolves to loopback, checking the address the socket would connect to", async () => {
    const site = await articleServer();
    const error = await fetchFailure(fetcherWith()(`http://localhost:${site.port}/news`));
    expect(error.reason).toBe("private_address");
    expect(error.url).toBe(`http://localhost:${site.port}/news`);
    expect(error.message).toMatch(/localhost resolves to (127\.0\.0\.1|::1), which is not public: it lies in (127\.0\.0\.0\/8|::1\/128), loopback/);
    expect(site.connections).toBe(0);
  });

  it("lets everything through with allowPrivate", async () => {
    const site = await articleServer();
    const fetcher = fetcherWith({ allowPrivate: true, perHostDelayMs: 0 });
    expect((await fetcher(`http://localhost:${site.port}/news`)).status).toBe(200);
    expect((await fetcher(`${site.origin}/news`)).status).toBe(200);
  });

  it("exempts exactly the allow-listed addresses", async () => {
    const site = await articleServer();
    const fetcher = fetcherWith({ privateAddressAllowList: ["127.0.0.1"], perHostDelayMs: 0 });
    expect((await fetcher(`${site.origin}/news`)).status).toBe(200);
    const error = await fetchFailure(fetcher(`http://127.0.0.2:${site.port}/news`));
    expect(error.reason).toBe("private_address");
  });
});

describe("AddressGuard.lookup", () => {
  const guard = new AddressGuard([]);

  function lookup(hostname: string, all: boolean): Promise<{ error: Error | null; address: string | LookupAddress[]; family?: number }> {
    return new Promise((resolve) => guard.lookup(hostname, { all }, (error, address, family) => resolve({ error, address, family })));
  }

  it("answers like dns.lookup for public addresses, in both calling conventions", async () => {
    expect(await lookup("93.184.216.34", false)).toEqual({ error: null, address: "93.184.216.34", family: 4 });
    expect(await lookup("2606:4700::1111", true)).toEqual({ error: null, address: [{ address: "2606:4700::1111", family: 6 }], family: undefined });
  });

  it("fails the connection for a private result", async () => {
    const { error } = await lookup("localhost", true);
    expect(error).toBeInstanceOf(PrivateAddressError);
    expect((error as PrivateAddressError).hostname).toBe("localhost");
    const single = await lookup("10.1.2.3", false);
    expect(single.error).toBeInstanceOf(PrivateAddressError);
  });
});

import { afterEach, describe, expect, it } from "vitest";
import { createFetcher } from "../../src/io/fetch/http-fetcher.ts";
import type { HttpFetcher } from "../../src/io/fetch/http-fetcher.ts";
import { HostQueue } from "../../src/io/fetch/politeness.ts";
import { ARTICLE_HTML, startServer } from "./local-server.ts";
import type { LocalServer, Route } from "./local-server.ts";

const open: { fetchers: HttpFetcher[]; servers: LocalServer[] } = { fetchers: [], servers: [] };

afterEach(async () => {
  await Promise.all(open.fetchers.splice(0).map((fetcher) => fetcher.close()));
  await Promise.all(open.servers.splice(0).map((server) => server.close()));
});

/** A page that takes `ms` to render, so overlapping requests would show. */
function slowPage(ms: number): Route {
  return (_request, response) => {
    setTimeout(() => response.writeHead(200, { "content-type": "text/html" }).end(ARTICLE_HTML), ms);
  };
}

async function slowSite(): Promise<LocalServer> {
  const server = await startServer({ "/a": slowPage(250), "/b": slowPage(250) });
  open.servers.push(server);
  return server;
}

function fetcherWithDelay(perHostDelayMs: number): HttpFetcher {
  const fetcher = createFetcher({ allowPrivate: true, obeyRobots: false, retries: 0, perHostDelayMs });
  open.fetchers.push(fetcher);
  return fetcher;
}

/** Timer slack: a timer may fire a millisecond or two early relative to `performance.now()` on another clock path. */
const SLACK_MS = 5;

describe("per-host politeness", () => {
  it("sends one request at a time to a host, pausing perHostDelayMs between them", async () => {
    const server = await slowSite();
    const fetcher = fetcherWithDelay(150);
    await Promise.all([fetcher(`${server.origin}/a`), fetcher(`${server.origin}/b`)]);
    const [first, second] = [...server.requests].sort((x, y) => x.startedAt - y.startedAt);
    if (!first?.endedAt || !second) throw new Error("both requests should have reached the server");
    expect(second.startedAt - first.endedAt).toBeGreaterThanOrEqual(150 - SLACK_MS);
  });

  it("lets requests to one host overlap when perHostDelayMs is 0", async () => {
    const server = await slowSite();
    const fetcher = fetcherWithDelay(0);
    await Promise.all([fetcher(`${server.origin}/a`), fetcher(`${server.origin}/b`)]);
    const [first, second] = [...server.requests].sort((x, y) => x.startedAt - y.startedAt);
    if (!first?.endedAt || !second) throw new Error("both requests should have reached the server");
    expect(second.startedAt).toBeLessThan(first.endedAt);
  });
});

describe("HostQueue", () => {
  it("does not hold one host's queue up for another host", async () => {
    const queue = new HostQueue(200);
    const log: string[] = [];
    const task = (name: string, ms: number) => () =>
      new Promise<void>((resolve) => {
        log.push(`start ${name}`);
        setTimeout(() => {
          log.push(`end ${name}`);
          resolve();
        }, ms);
      });
    await Promise.all([queue.run("a.example", task("a1", 50)), queue.run("a.example", task("a2", 10)), queue.run("b.example", task("b1", 10))]);
    expect(log).toEqual(["start a1", "start b1", "end b1", "end a1", "start a2", "end a2"]);
  });

  it("passes a failure through and still frees the host", async () => {
    const queue = new HostQueue(10);
    await expect(queue.run("a.example", () => Promise.reject(new Error("сбой")))).rejects.toThrow("сбой");
    await expect(queue.run("a.example", () => Promise.resolve(7))).resolves.toBe(7);
  });
});

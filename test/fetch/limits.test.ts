import { brotliCompressSync, constants, deflateSync, gzipSync } from "node:zlib";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createFetcher } from "../../src/io/fetch/http-fetcher.ts";
import type { HttpFetcher } from "../../src/io/fetch/http-fetcher.ts";
import type { FetcherOptions } from "../../src/io/fetch/options.ts";
import { fetchFailure } from "./fetch-failure.ts";
import { startServer, stream } from "./local-server.ts";
import type { LocalServer, Route, StreamProgress } from "./local-server.ts";

const MiB = 1024 * 1024;

const open: { fetchers: HttpFetcher[]; servers: LocalServer[] } = { fetchers: [], servers: [] };

afterEach(async () => {
  await Promise.all(open.fetchers.splice(0).map((fetcher) => fetcher.close()));
  await Promise.all(open.servers.splice(0).map((server) => server.close()));
});

function loopbackFetcher(options: FetcherOptions = {}): HttpFetcher {
  const fetcher = createFetcher({ allowPrivate: true, perHostDelayMs: 0, obeyRobots: false, retries: 0, ...options });
  open.fetchers.push(fetcher);
  return fetcher;
}

async function server(routes: Record<string, Route>): Promise<LocalServer> {
  const started = await startServer(routes);
  open.servers.push(started);
  return started;
}

/** Sends `body` with `content-encoding: coding`. */
function encoded(coding: string, body: Buffer): Route {
  return (_request, response) => {
    response.writeHead(200, { "content-type": "text/html", "content-encoding": coding, "content-length": body.length }).end(body);
  };
}

/** How long `promise` takes to settle, in ms, and its failure. */
async function timedFailure(promise: Promise<unknown>): Promise<{ ms: number; error: Awaited<ReturnType<typeof fetchFailure>> }> {
  const start = performance.now();
  const error = await fetchFailure(promise);
  return { ms: performance.now() - start, error };
}

describe("timeouts", () => {
  it("gives up on headers that do not come within headersTimeoutMs", async () => {
    const site = await server({ "/": (_request, response) => setTimeout(() => response.end("late"), 5_000).unref() });
    const { ms, error } = await timedFailure(loopbackFetcher({ headersTimeoutMs: 200 })(`${site.origin}/`));
    expect(error.reason).toBe("timeout");
    expect(error.message).toContain("headersTimeoutMs (200 ms)");
    expect(ms).toBeGreaterThanOrEqual(190);
    expect(ms).toBeLessThan(4_000);
  });

  it("gives up on a body that trickles in for longer than bodyTimeoutMs in total", async () => {
    const site = await server({
      "/": (_request, response) => {
        response.writeHead(200, { "content-type": "text/html" });
        response.write("<html>");
        // One byte every 50 ms: never silent long enough for an idle timeout, yet never done.
        const drip = setInterval(() => response.write("."), 50);
        response.on("close", () => clearInterval(drip));
      },
    });
    const { ms, error } = await timedFailure(loopbackFetcher({ bodyTimeoutMs: 400 })(`${site.origin}/`));
    expect(error.reason).toBe("timeout");
    expect(error.message).toContain("bodyTimeoutMs (400 ms)");
    expect(ms).toBeGreaterThanOrEqual(390);
    expect(ms).toBeLessThan(4_000);
  });

  it("gives up on a body that stalls", async () => {
    const site = await server({
      "/": (_request, response) => {
        response.writeHead(200, { "content-type": "text/html" });
        response.write("<html>");
      },
    });
    const { error } = await timedFailure(loopbackFetcher({ bodyTimeoutMs: 300 })(`${site.origin}/`));
    expect(error.reason).toBe("timeout");
  });
});

describe("size caps", () => {
  it("stops a huge body as soon as it passes maxBodyBytes, holding little of it", async () => {
    const progress: StreamProgress = { sent: 0, closed: false };
    const site = await server({ "/huge": stream({ "content-type": "text/html" }, 1024 * MiB, progress) });
    const heapBefore = process.memoryUsage().arrayBuffers;
    const { ms, error } = await timedFailure(loopbackFetcher({ maxBodyBytes: 2 * MiB })(`${site.origin}/huge`));
    expect(error.reason).toBe("too_large");
    expect(error.message).toContain(`${site.origin}/huge`);
    expect(error.message).toContain("maxBodyBytes (2097152 bytes)");
    await expect.poll(() => progress.closed).toBe(true);
    // The server could only push the cap plus what the loopback socket buffers hold, not the 1 GiB offered.
    expect(progress.sent).toBeLessThan(16 * MiB);
    expect(process.memoryUsage().arrayBuffers - heapBefore).toBeLessThan(64 * MiB);
    expect(ms).toBeLessThan(10_000);
  });

  it("accepts a body right at the cap", async () => {
    const body = Buffer.alloc(64 * 1024, "a");
    const site = await server({ "/": (_request, response) => response.writeHead(200, { "content-type": "text/plain" }).end(body) });
    const resource = await loopbackFetcher({ maxBodyBytes: body.length, maxDecodedBytes: body.length })(`${site.origin}/`);
    expect(resource.body.length).toBe(body.length);
  });
});

describe("decompression bombs", () => {
  /** 1 GiB of zeros as gzip: 1024 gzip members of 1 MiB each (a valid multi-member gzip stream), ~1 MiB on the wire. */
  let gzipBomb: Buffer;
  /** 16 MiB of zeros as brotli and as zlib deflate (a few KB each). */
  let brotliBomb: Buffer;
  let deflateBomb: Buffer;

  beforeAll(() => {
    const member = gzipSync(Buffer.alloc(MiB), { level: 9 });
    gzipBomb = Buffer.concat(Array<Buffer>(1024).fill(member));
    const zeros = Buffer.alloc(16 * MiB);
    brotliBomb = brotliCompressSync(zeros, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } });
    deflateBomb = deflateSync(zeros, { level: 9 });
  });

  it("stops a 1 GiB gzip bomb at maxDecodedBytes although its wire size is within maxBodyBytes", async () => {
    expect(gzipBomb.length).toBeLessThan(2 * MiB);
    const site = await server({ "/bomb": encoded("gzip", gzipBomb) });
    const heapBefore = process.memoryUsage().arrayBuffers;
    const { ms, error } = await timedFailure(loopbackFetcher({ maxBodyBytes: 4 * MiB, maxDecodedBytes: 8 * MiB })(`${site.origin}/bomb`));
    expect(error.reason).toBe("decompression_bomb");
    expect(error.message).toContain("maxDecodedBytes (8388608 bytes)");
    // Stopped while the compressed stream was still arriving, not after taking it all in.
    const received = Number(/from (\d+) bytes received/.exec(error.message)?.[1]);
    expect(received).toBeLessThan(gzipBomb.length / 2);
    expect(process.memoryUsage().arrayBuffers - heapBefore).toBeLessThan(64 * MiB);
    expect(ms).toBeLessThan(10_000);
  });

  it.each([
    ["br", () => brotliBomb],
    ["deflate", () => deflateBomb],
  ])("stops a %s bomb at maxDecodedBytes", async (coding, bomb) => {
    const site = await server({ "/bomb": encoded(coding, bomb()) });
    const error = await fetchFailure(loopbackFetcher({ maxBodyBytes: 4 * MiB, maxDecodedBytes: 8 * MiB })(`${site.origin}/bomb`));
    expect(error.reason).toBe("decompression_bomb");
  });

  it("lets the same compressed data through when the decoded cap allows it", async () => {
    const site = await server({ "/bomb": encoded("br", brotliBomb) });
    const resource = await loopbackFetcher({ maxBodyBytes: 4 * MiB, maxDecodedBytes: 16 * MiB })(`${site.origin}/bomb`);
    expect(resource.body.length).toBe(16 * MiB);
  });
});

import { createHash } from "node:crypto";
import { createServer } from "node:http";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** A request as a fixture site saw it, and what it answered. */
export interface SeenRequest {
  path: string;
  status: number;
}

export type Handler = (request: IncomingMessage, response: ServerResponse) => void;

/** A fixture site: a real HTTP server on 127.0.0.1 with a random port, logging what it answered. */
export interface Site {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  url(path: string): string;
  requests: SeenRequest[];
  /** Requests for `path` (query included) so far. */
  hits(path: string): number;
  /** Replaces or adds a route while the site runs (a page changed, a server recovered). */
  route(path: string, handler: Handler): void;
  close(): Promise<void>;
}

/**
 * Starts a site answering each path (query included when a route has it, else the path alone) from `routes`;
 * anything else is 404, which for `/robots.txt` means "everything allowed".
 */
export async function startSite(routes: Record<string, Handler>): Promise<Site> {
  const table = new Map(Object.entries(routes));
  const requests: SeenRequest[] = [];
  const server = createServer((request, response) => {
    const path = request.url ?? "/";
    const seen: SeenRequest = { path, status: 0 };
    requests.push(seen);
    response.on("finish", () => (seen.status = response.statusCode));
    response.on("close", () => (seen.status ||= response.statusCode));
    const handler = table.get(path) ?? table.get(path.split("?")[0]!);
    if (handler) handler(request, response);
    else response.writeHead(404, { "content-type": "text/plain" }).end("not found");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: (path) => `${origin}${path}`,
    requests,
    hits: (path) => requests.filter((r) => r.path === path).length,
    route: (path, handler) => void table.set(path, handler),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Answers 200 with `body` and a strong ETag, or 304 when the request's `If-None-Match` names that ETag — as a
 * well-behaved server does, so conditional GETs can be seen working.
 */
export function serve(body: string | Uint8Array, contentType: string, extraHeaders: Record<string, string> = {}): Handler {
  const bytes = typeof body === "string" ? Buffer.from(body, "utf8") : Buffer.from(body);
  const etag = `"${createHash("sha1").update(bytes).digest("hex").slice(0, 16)}"`;
  return (request, response) => {
    if (request.headers["if-none-match"] === etag) {
      response.writeHead(304, { etag }).end();
      return;
    }
    response.writeHead(200, { "content-type": contentType, etag, "content-length": String(bytes.length), ...extraHeaders }).end(bytes);
  };
}

export const HTML = "text/html; charset=utf-8";
export const RSS = "application/rss+xml; charset=utf-8";
export const XML = "application/xml; charset=utf-8";

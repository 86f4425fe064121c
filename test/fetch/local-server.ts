import { createServer } from "node:http";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** A request as the server saw it. */
export interface SeenRequest {
  path: string;
  headers: IncomingMessage["headers"];
  /** `performance.now()` when the request arrived and when its response was finished. */
  startedAt: number;
  endedAt: number | null;
}

export type Route = (request: IncomingMessage, response: ServerResponse) => void;

/** A real HTTP server on 127.0.0.1 with a random port, recording what reached it. */
export interface LocalServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  port: number;
  requests: SeenRequest[];
  /** TCP connections accepted so far. */
  connections: number;
  /** Requests for `path` (query included) seen so far. */
  hits(path: string): number;
  close(): Promise<void>;
}

/**
 * Starts a server answering each path from `routes` (query included in the key when present, else
 * the path alone); unknown paths get 404, which for `/robots.txt` means "everything allowed".
 */
export async function startServer(routes: Record<string, Route>): Promise<LocalServer> {
  const requests: SeenRequest[] = [];
  const server = createServer((request, response) => {
    const seen: SeenRequest = { path: request.url ?? "/", headers: request.headers, startedAt: performance.now(), endedAt: null };
    requests.push(seen);
    response.on("finish", () => (seen.endedAt = performance.now()));
    const pathOnly = seen.path.split("?")[0] ?? seen.path;
    const route = routes[seen.path] ?? routes[pathOnly];
    if (route) route(request, response);
    else response.writeHead(404, { "content-type": "text/plain" }).end("not found");
  });
  const state = { connections: 0 };
  server.on("connection", () => state.connections++);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    requests,
    get connections() {
      return state.connections;
    },
    hits: (path) => requests.filter((request) => request.path === path).length,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A route answering 200 with `body` as `type`. */
export function page(body: string, type = "text/html; charset=utf-8"): Route {
  return (_request, response) => {
    response.writeHead(200, { "content-type": type }).end(body);
  };
}

/** A route redirecting to `location` with `status`. */
export function redirect(location: string, status = 302): Route {
  return (_request, response) => {
    response.writeHead(status, { location }).end();
  };
}

/** A short page in the style of our fixtures: a fictional Russian news item. */
export const ARTICLE_HTML =
  "<!doctype html><html><head><meta charset=\"utf-8\"><title>В Заречье открыли новый мост</title></head>" +
  "<body><article><h1>В Заречье открыли новый мост</h1>" +
  "<p>Во вторник в Заречье после двух лет ремонта открыли движение по мосту через реку Тихую, сообщили в администрации района.</p>" +
  "</article></body></html>";

/** How much of a streamed body a route has handed to the socket, and whether the client went away. */
export interface StreamProgress {
  sent: number;
  closed: boolean;
}

/**
 * A route streaming `totalBytes` bytes in 64 KiB chunks, only as fast as the client reads them
 * (it waits for "drain"), so `progress.sent` shows how much the client actually pulled.
 */
export function stream(headers: Record<string, string>, totalBytes: number, progress: StreamProgress): Route {
  const chunk = Buffer.alloc(64 * 1024, "а");
  return (_request, response) => {
    response.writeHead(200, headers);
    response.on("close", () => (progress.closed = true));
    const pump = (): void => {
      while (!response.destroyed && progress.sent < totalBytes) {
        progress.sent += chunk.length;
        if (!response.write(chunk)) {
          response.once("drain", pump);
          return;
        }
      }
      if (!response.destroyed) response.end();
    };
    pump();
  };
}

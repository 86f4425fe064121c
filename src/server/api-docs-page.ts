import { readFile } from "node:fs/promises";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { bundleWebScript, WEB_DIR, WEB_UI_HEADERS } from "./web-ui.ts";

/** Where the reference page's own files live, beside the UI's. */
const DOCS_DIR = path.join(WEB_DIR, "api-docs");

/**
 * The API reference at `/api/docs`: a page of our own that draws `/api/openapi.json` (src/web/api-docs/), a
 * few kilobytes of script on the UI's stylesheet instead of swagger-ui's 1.7 MB bundle, which Chromium had to
 * parse before the first operation showed (issue 14, item 8; `npm run bench` times this page's first load).
 * Like the document it draws, it is public (route-access.ts lets `/api/docs` and what is under it through), and
 * it is served whether or not the web UI is.
 */
export async function registerApiDocsPage(app: FastifyInstance): Promise<void> {
  const [html, uiCss, docsCss, js] = await Promise.all([
    readFile(path.join(DOCS_DIR, "index.html"), "utf8"),
    readFile(path.join(WEB_DIR, "styles.css"), "utf8"),
    readFile(path.join(DOCS_DIR, "api-docs.css"), "utf8"),
    bundleWebScript("api-docs/main.ts"),
  ]);
  const css = `${uiCss}\n${docsCss}`;
  const routeOptions = { schema: { hide: true } };
  app.get("/api/docs", routeOptions, async (_request, reply) => reply.headers(WEB_UI_HEADERS).type("text/html; charset=utf-8").send(html));
  app.get("/api/docs/api-docs.js", routeOptions, async (_request, reply) => reply.headers(WEB_UI_HEADERS).type("text/javascript; charset=utf-8").send(js));
  app.get("/api/docs/api-docs.css", routeOptions, async (_request, reply) => reply.headers(WEB_UI_HEADERS).type("text/css; charset=utf-8").send(css));
}

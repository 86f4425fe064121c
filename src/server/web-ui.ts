import { readFile } from "node:fs/promises";
import path from "node:path";
import { build } from "esbuild";
import type { FastifyInstance } from "fastify";
import { PACKAGE_ROOT } from "../io/package-root.ts";

/** Where the UI's sources live; they are bundled at start, also when the server itself runs from dist/. */
export const WEB_DIR = path.join(PACKAGE_ROOT, "src/web");

/**
 * What the UI's pages may load and run: only our own scripts, styles and API. No inline script and no
 * `eval`, so text from a checked page, were it ever inserted as markup by mistake, still could not run.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/** The UI's files, built once when the server starts. */
interface Assets {
  html: string;
  css: string;
  js: string;
}

/**
 * Bundles one of the UI's scripts (under src/web/) and its imports into one ES module with esbuild, in memory:
 * no build step before `npm start`, and no file written into the working tree.
 */
export async function bundleWebScript(entry: string): Promise<string> {
  const bundle = await build({
    entryPoints: [path.join(WEB_DIR, entry)],
    bundle: true,
    format: "esm",
    target: "es2022",
    minify: true,
    write: false,
    legalComments: "none",
    logLevel: "silent",
  });
  return bundle.outputFiles[0]!.text;
}

/** The UI's page, stylesheet and script (src/web/main.ts and its imports). */
export async function buildWebAssets(): Promise<Assets> {
  const [html, css, js] = await Promise.all([
    readFile(path.join(WEB_DIR, "index.html"), "utf8"),
    readFile(path.join(WEB_DIR, "styles.css"), "utf8"),
    bundleWebScript("main.ts"),
  ]);
  return { html, css, js };
}

/** The headers of every file the UI serves. */
export const WEB_UI_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  "content-security-policy": CONTENT_SECURITY_POLICY,
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "x-frame-options": "DENY",
  // The assets are built at start, so a restarted server may serve new ones: browsers revalidate.
  "cache-control": "no-cache",
});

/** Serves the web UI: one page at `/` whose script routes by the URL's hash, and its two assets. */
export async function registerWebUi(app: FastifyInstance): Promise<void> {
  const assets = await buildWebAssets();
  const headers = WEB_UI_HEADERS;
  const routeOptions = { schema: { hide: true }, config: { public: true } };
  app.get("/", routeOptions, async (_request, reply) => reply.headers(headers).type("text/html; charset=utf-8").send(assets.html));
  app.get("/assets/app.js", routeOptions, async (_request, reply) => reply.headers(headers).type("text/javascript; charset=utf-8").send(assets.js));
  app.get("/assets/app.css", routeOptions, async (_request, reply) => reply.headers(headers).type("text/css; charset=utf-8").send(assets.css));
}

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
 * Bundles the UI's TypeScript (src/web/main.ts and its imports) into one ES module with esbuild, in memory:
 * no build step before `npm start`, and no file written into the working tree.
 */
export async function buildWebAssets(): Promise<Assets> {
  const [html, css, bundle] = await Promise.all([
    readFile(path.join(WEB_DIR, "index.html"), "utf8"),
    readFile(path.join(WEB_DIR, "styles.css"), "utf8"),
    build({
      entryPoints: [path.join(WEB_DIR, "main.ts")],
      bundle: true,
      format: "esm",
      target: "es2022",
      minify: true,
      write: false,
      legalComments: "none",
      logLevel: "silent",
    }),
  ]);
  return { html, css, js: bundle.outputFiles[0]!.text };
}

/** Serves the web UI: one page at `/` whose script routes by the URL's hash, and its two assets. */
export async function registerWebUi(app: FastifyInstance): Promise<void> {
  const assets = await buildWebAssets();
  const headers = {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    // The assets are built at start, so a restarted server may serve new ones: browsers revalidate.
    "cache-control": "no-cache",
  };
  const routeOptions = { schema: { hide: true }, config: { public: true } };
  app.get("/", routeOptions, async (_request, reply) => reply.headers(headers).type("text/html; charset=utf-8").send(assets.html));
  app.get("/assets/app.js", routeOptions, async (_request, reply) => reply.headers(headers).type("text/javascript; charset=utf-8").send(assets.js));
  app.get("/assets/app.css", routeOptions, async (_request, reply) => reply.headers(headers).type("text/css; charset=utf-8").send(assets.css));
}

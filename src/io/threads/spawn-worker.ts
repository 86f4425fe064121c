import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker, type WorkerOptions } from "node:worker_threads";

/**
 * A worker thread running the module `name` beside the calling module `from` (its `import.meta.url`).
 * Run from the build in dist/ (the caller is then JavaScript), the thread runs the build's `name.js`, an
 * entry point that scripts/build.mjs writes beside every chunk. Run from the TypeScript sources (tsx,
 * vitest), it needs tsx's loader, which a worker thread does not inherit from its parent: a one-line ES
 * module registers it first, then imports the worker's code.
 */
export function spawnWorker(from: string, name: string, options: WorkerOptions): Worker {
  if (!from.endsWith(".ts")) return new Worker(new URL(`./${name}.js`, from), options);
  const entry = new URL(`./${name}.ts`, from).href;
  const boot = `import { register } from ${JSON.stringify(tsxEsmApi())}; register(); await import(${JSON.stringify(entry)});`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(boot)}`), options);
}

/**
 * The URL of tsx's ES-module API, found through its package.json: `import.meta.resolve` is missing where this
 * module is itself transformed (vitest), and `require.resolve` names the CommonJS build, which cannot register
 * the loader from an ES module.
 */
function tsxEsmApi(): string {
  const manifest = createRequire(import.meta.url).resolve("tsx/package.json");
  const { exports } = JSON.parse(readFileSync(manifest, "utf8")) as { exports: Record<string, { import: { default: string } }> };
  return pathToFileURL(path.join(path.dirname(manifest), exports["./esm/api"]!.import.default)).href;
}

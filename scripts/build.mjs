// Builds the CLI into dist/, so that `copyquota` starts without transpiling TypeScript on every run, and tells
// bin/copyquota.js whether that build is still the code in src/.
//
//   node scripts/build.mjs              build; exit 1 if the build fails
//   node scripts/build.mjs --optional   the same, but a failed build only warns (npm's `prepare`: `npm install`
//                                       must not fail over it, and the CLI then runs from src/ through tsx)
//
// The build is one esbuild bundle per entry point (the CLI, and the monitor's and the indexer's threads), split into
// shared chunks so that a command's dynamic imports still load only what it runs. The npm packages named in
// BUNDLED go into the bundle with everything they import; every other package is loaded from node_modules, as
// when running from src/. Every output is written flat in dist/: src/io/threads/spawn-worker.ts finds a
// thread's entry point (`analyzer-worker.js`, `block-analyzer-worker.js`) beside the chunk it was bundled into.
//
// dist/build-stamp.json records what the build was made from: the path, size and modification time of every
// file under src/, of package-lock.json (the bundled packages are copies of what it installed) and of this
// script, read before esbuild reads them. The build is fresh while that list is unchanged; an edit, a new file,
// a removed file, a checkout or an `npm install` of another version all change it, even during the build.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import process from "node:process";
import { fileURLToPath, pathToFileURL } from "node:url";

const SELF = fileURLToPath(import.meta.url);
const ROOT = path.resolve(path.dirname(SELF), "..");
const DIST = path.join(ROOT, "dist");
const STAMP = path.join(DIST, "build-stamp.json");
const LOCKFILE = path.join(ROOT, "package-lock.json");
const ENTRY_POINTS = {
  main: "src/cli/main.ts",
  "analyzer-worker": "src/monitor/analyzer-worker.ts",
  "block-analyzer-worker": "src/engine/block-analyzer-worker.ts",
  "extract-worker": "src/io/threads/extract-worker.ts",
  "wal-checkpointer-worker": "src/io/store/wal-checkpointer-worker.ts",
};

/**
 * npm packages bundled into dist/: plain JavaScript that reads no files of its own at run time, loaded by the
 * short commands. Node 20 loads a package of many small ES modules slowly (linkedom, zod and undici are a few
 * hundred files between them): bundled, `check` used about 0.5 s less CPU (docs/ARCHITECTURE.md, Start-up).
 * Any other package, including one added later, stays external until it is checked and listed here:
 * better-sqlite3 is native, esbuild runs its own binary, fastify's plugins serve files from their directories.
 * fastify-type-provider-zod is bundled so that it and our schemas share one copy of zod.
 */
const BUNDLED = new Set([
  "@mozilla/readability",
  "@orama/stemmers",
  "chardet",
  "commander",
  "fast-xml-parser",
  "fastify-type-provider-zod",
  "iconv-lite",
  "linkedom",
  "rss-parser",
  "tldts",
  "undici",
  "zod",
]);

/**
 * Bundled CommonJS code calls `require` (for Node's built-in modules, and in try/catch for optional packages
 * such as linkedom's `canvas`), which an ES module lacks: each output file defines it.
 */
const REQUIRE_BANNER = 'import { createRequire as __createRequire } from "node:module";\nconst require = __createRequire(import.meta.url);';

/** Marks the packages our code imports external unless BUNDLED; what a bundled package imports is bundled with it. */
const externalPackages = {
  name: "external-packages",
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.importer.split(path.sep).includes("node_modules")) return undefined;
      const name = args.path.split("/", args.path.startsWith("@") ? 2 : 1).join("/");
      return BUNDLED.has(name) ? undefined : { path: args.path, external: true };
    });
  },
};

/** dist/main.js as a file URL when the build in dist/ is the code in src/ as it is now; null otherwise. */
export function freshBuild() {
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(STAMP, "utf8"));
  } catch {
    return null;
  }
  return stamp.inputs === sourceState() ? pathToFileURL(path.join(DIST, "main.js")).href : null;
}

/** The files a build is made from, as one string: each file's path, size and modification time, sorted. */
function sourceState() {
  const files = [SELF, ...(existsSync(LOCKFILE) ? [LOCKFILE] : [])];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else files.push(file);
    }
  };
  walk(path.join(ROOT, "src"));
  return files
    .sort()
    .map((file) => {
      const stat = statSync(file);
      return `${path.relative(ROOT, file)} ${stat.size} ${stat.mtimeMs}`;
    })
    .join("\n");
}

/**
 * Builds dist/. Each file is written under a temporary name and renamed, chunks before the entry points that
 * import them and the stamp last, so a CLI starting meanwhile sees either the old build or the new one, never
 * half of one. Outputs of builds before the previous one are then removed, keeping the previous build's (a
 * process that started from it may still be importing its chunks) and any written since this build began (a
 * build running at the same time, whose stamp may not name them yet).
 */
export async function build() {
  const startedAt = Date.now();
  const inputs = sourceState();
  const { build: esbuild } = await import("esbuild");
  const result = await esbuild({
    absWorkingDir: ROOT,
    entryPoints: ENTRY_POINTS,
    outdir: DIST,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    plugins: [externalPackages],
    banner: { js: REQUIRE_BANNER },
    write: false,
    logLevel: "warning",
  });
  mkdirSync(DIST, { recursive: true });
  const entries = new Set(Object.keys(ENTRY_POINTS).map((name) => path.join(DIST, `${name}.js`)));
  const outputs = [...result.outputFiles].sort((a, b) => Number(entries.has(a.path)) - Number(entries.has(b.path)));
  for (const file of outputs) writeAtomically(file.path, file.contents);
  const previous = previousOutputs();
  const names = outputs.map((file) => path.basename(file.path));
  writeAtomically(STAMP, `${JSON.stringify({ builtAt: new Date().toISOString(), outputs: names, inputs })}\n`);
  const keep = new Set([...names, ...previous, path.basename(STAMP)]);
  for (const name of readdirSync(DIST)) {
    const file = path.join(DIST, name);
    if (!keep.has(name) && name.endsWith(".js") && statSync(file).mtimeMs < startedAt) unlinkSync(file);
  }
  return names;
}

function previousOutputs() {
  try {
    return JSON.parse(readFileSync(STAMP, "utf8")).outputs ?? [];
  } catch {
    return [];
  }
}

function writeAtomically(file, contents) {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, contents);
  renameSync(temporary, file);
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === SELF) {
  const optional = process.argv.includes("--optional");
  try {
    const names = await build();
    process.stdout.write(`build: ${names.length} files in dist/\n`);
  } catch (error) {
    process.stderr.write(`build: ${error instanceof Error ? error.message : String(error)}\n`);
    if (optional) process.stderr.write("build: the CLI will run from src/ through tsx (slower start-up); `npm run build` retries\n");
    process.exitCode = optional ? 0 : 1;
  }
}

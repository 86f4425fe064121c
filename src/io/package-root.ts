import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The directory holding the package's package.json, for files the code reads from the checkout (the web UI's
 * sources, the demo's fixtures). Found by walking up from this module rather than by a fixed `../..`, because
 * the module sits at different depths when run from src/ (tsx, vitest) and from the bundle in dist/.
 */
export const PACKAGE_ROOT: string = findPackageRoot(path.dirname(fileURLToPath(import.meta.url)));

function findPackageRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "package.json"))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`${start}: no package.json in this directory or above it, so the package root is unknown`);
  }
}

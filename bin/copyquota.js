#!/usr/bin/env node
// Runs the CLI from the build in dist/ when it was made from src/ as it is now, so start-up skips transpiling;
// otherwise (no build yet, or sources edited since) from the TypeScript in src/ through tsx's loader, so a
// fresh clone needs no build step and an edited checkout never runs stale code. See scripts/build.mjs.
import { freshBuild } from "../scripts/build.mjs";

const built = freshBuild();
if (built !== null) {
  await import(built);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("../src/cli/main.ts");
}

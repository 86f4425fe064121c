import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";

/**
 * The peer the benchmark compares against, installed only for `npm run bench -- --peer`: its tree-sitter
 * grammars compile for minutes, which every `npm install` would otherwise pay for a phase most runs skip.
 * Pinned, so runs compare against the same peer.
 */
const PEER = "@dodona/dolos-lib";
const PEER_VERSION = "3.5.1";

/** The peer's own folder, outside the project's node_modules (ignored by git). */
export function peerDir(repoRoot: string): string {
  return path.join(repoRoot, ".bench", "peer");
}

/** What the benchmark uses of the peer's API. */
export interface PeerFile {
  readonly path: string;
}
export interface PeerModule {
  File: new (path: string, content: string) => PeerFile;
  Dolos: new (options: { language: string }) => {
    analyze(files: PeerFile[], name: string, template: PeerFile): Promise<{ allPairs(): Array<{ longest: number; leftFile: PeerFile; rightFile: PeerFile }> }>;
  };
}

/** Installs the peer from the npm registry into `peerDir` unless it is there. */
export function ensurePeer(repoRoot: string, log: (line: string) => void): void {
  const dir = peerDir(repoRoot);
  if (existsSync(path.join(dir, "node_modules", ...PEER.split("/"), "package.json"))) return;
  log(`peer: installing ${PEER}@${PEER_VERSION} into ${path.relative(repoRoot, dir)} (once; it compiles tree-sitter grammars)`);
  execFileSync("npm", ["install", "--prefix", dir, "--no-save", "--no-package-lock", "--no-audit", "--no-fund", `${PEER}@${PEER_VERSION}`], { stdio: "inherit" });
}

export async function loadPeer(repoRoot: string): Promise<PeerModule> {
  const resolve = createRequire(path.join(peerDir(repoRoot), "package.json")).resolve;
  return (await import(pathToFileURL(resolve(PEER)).href)) as PeerModule;
}

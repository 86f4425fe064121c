import { execFile, spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { candidatePage, SOURCE, sourceText } from "./support.ts";

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../bin/copyquota.js");

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "copyquota-serve-"));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** `copyquota serve` in a child process, as `npm start` runs it; resolves once it prints its address. */
function serve(args: string[], env: Record<string, string> = {}): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(process.execPath, [BIN, ...args, "serve", "--port", "0", "--host", "127.0.0.1", "--no-demo"], {
    env: { ...process.env, COPYQUOTA_API_KEY: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /serving on (http:\/\/\S+)/.exec(output);
      if (match) resolve({ child, url: match[1]!, output: () => output });
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.on("exit", (code) => reject(new Error(`serve exited with ${code} before listening:\n${output}`)));
  });
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.removeAllListeners("exit");
    child.on("exit", (code) => resolve(code));
    child.kill("SIGTERM");
  });
}

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 99) : 0, stdout, stderr }));
  });
}

/**
 * Each test spawns the CLI a few times; a spawn compiles the TypeScript through tsx, which takes seconds on a
 * loaded two-core machine, hence the generous per-test budget.
 */
const SPAWNING = { timeout: 180_000 };

describe("copyquota serve and copyquota cases list", () => {
  let db: string;

  it("generates an admin key on first start and prints it once, and serves checks", SPAWNING, async () => {
    db = path.join(dir, "served.db");
    const first = await serve(["--db", db]);
    const key = /^\s+(cq_[A-Za-z0-9_-]{11}\.[A-Za-z0-9_-]{43})$/m.exec(first.output())?.[1];
    expect(key).toBeDefined();
    const auth = { authorization: `Bearer ${key}`, "content-type": "application/json" };
    expect((await fetch(`${first.url}/api/health`)).status).toBe(200);
    expect((await fetch(`${first.url}/`)).headers.get("content-security-policy")).toContain("script-src 'self'");
    await fetch(`${first.url}/api/sources`, { method: "POST", headers: auth, body: JSON.stringify({ url: SOURCE.url, title: SOURCE.title, text: sourceText() }) });
    const check = await fetch(`${first.url}/api/check`, { method: "POST", headers: auth, body: JSON.stringify({ url: "https://novosti-dnya.example/x", html: candidatePage(SOURCE.paragraphs) }) });
    expect(check.status).toBe(200);
    expect(await stop(first.child)).toBe(0);

    const second = await serve(["--db", db]);
    expect(second.output()).not.toMatch(/cq_/);
    expect((await fetch(`${second.url}/api/cases`, { headers: auth })).status).toBe(200);
    await stop(second.child);
  });

  it("lists the cases the server opened, as JSONL and as a table", SPAWNING, async () => {
    const listed = await cli(["--db", db, "cases", "list", "--json"]);
    expect(listed.code).toBe(0);
    const lines = listed.stdout.trim().split("\n").map((l) => JSON.parse(l) as { candidate: { url: string }; source: { url: string }; share: number; violations: string[]; status: string });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ candidate: { url: "https://novosti-dnya.example/x" }, source: { url: SOURCE.url }, status: "new", violations: ["over_quota", "missing_link"] });
    expect(lines[0]!.share).toBeGreaterThan(0.9);

    const table = await cli(["--db", db, "cases", "list", "--status", "open"]);
    expect(table.stdout.split("\n")[0]).toMatch(/^ID\s+STATUS\s+SHARE\/CAP\s+VIOLATIONS/);
    expect(table.stdout).toContain("over_quota,missing_link");
  });

  it("names a bad status or a missing database", SPAWNING, async () => {
    expect((await cli(["--db", db, "cases", "list", "--status", "closed"])).stderr).toMatch(/"closed" is not a status/);
    const missing = await cli(["--db", path.join(dir, "nope.db"), "cases", "list"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`no database at ${path.join(dir, "nope.db")}`);
  });

  it("takes the admin key from COPYQUOTA_API_KEY and refuses one shorter than 32 characters", SPAWNING, async () => {
    const db = path.join(dir, "env.db");
    const server = await serve(["--db", db], { COPYQUOTA_API_KEY: "a-long-enough-env-key-of-32-chars-or-more" });
    expect(server.output()).not.toMatch(/cq_/);
    expect((await fetch(`${server.url}/api/cases`, { headers: { authorization: "Bearer a-long-enough-env-key-of-32-chars-or-more" } })).status).toBe(200);
    await stop(server.child);
    await expect(serve(["--db", db], { COPYQUOTA_API_KEY: "short" })).rejects.toThrow(/COPYQUOTA_API_KEY is too short/);
  });
});

/**
 * Issue 13, items 2 and 4, measured against the real server, run with
 * `npx tsx bench/hostile-pages.ts [--rounds N]`. Starts `copyquota serve` (as `npm start` does, without demo
 * content) on a free loopback port over a temporary database, sends each hostile page of the issue, and
 * while it is in flight asks `/api/health` again and again, one request after the other. Prints, per page,
 * the answer, how long the page took to be refused (or checked), and the latency of the health answers
 * meanwhile (median, 95th percentile, slowest), as a Markdown table. Not a test: figures depend on the
 * machine and its load.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const KEY = "bench-hostile-pages-key-0123456789abcdef";
const rounds = Number(process.argv[process.argv.indexOf("--rounds") + 1] ?? "3") || 3;

interface Hostile {
  name: string;
  route: string;
  contentType: string;
  body: () => Buffer;
  /** Sent this many at once (the issue's four gzip uploads). */
  copies?: number;
}

const PARAGRAPH = "<p>Мукомольные предприятия Казахстана в первом квартале отгрузили на экспорт 610 тыс. тонн муки.</p>";
const nested = (divs: number) => `<!doctype html><html><body>${"<div>".repeat(divs)}${PARAGRAPH}${"</div>".repeat(divs)}</body></html>`;
const check = (html: string) => Buffer.from(JSON.stringify({ url: "https://reposter.example/news/1", html }));

const HOSTILE: Hostile[] = [
  { name: "2,000 nested <div>s (22 KB)", route: "/api/check", contentType: "application/json", body: () => check(nested(2_000)) },
  { name: "10,000 nested <div>s", route: "/api/check", contentType: "application/json", body: () => check(nested(10_000)) },
  { name: "100,000 nested <div>s", route: "/api/check", contentType: "application/json", body: () => check(nested(100_000)) },
  { name: "1,000,000 elements (7 MB)", route: "/api/check", contentType: "application/json", body: () => check(`<html><body>${"<i></i>".repeat(1_000_000)}</body></html>`) },
  {
    name: "within the caps, slow: 40 chains of 250 <div>s",
    route: "/api/check",
    contentType: "application/json",
    body: () => check(`<html><body>${`${"<div>".repeat(250)}${PARAGRAPH}${"</div>".repeat(250)}`.repeat(40)}</body></html>`),
  },
  {
    name: "gzip upload, 68 KB unpacking to 45 MB",
    route: "/api/sources/upload?filename=bomb.html.gz",
    contentType: "application/gzip",
    body: () => gzipSync(Buffer.alloc(45 * 1024 * 1024, "<p>a</p>")),
  },
  {
    name: "four such gzip uploads at once",
    route: "/api/sources/upload?filename=bomb.html.gz",
    contentType: "application/gzip",
    body: () => gzipSync(Buffer.alloc(45 * 1024 * 1024, "<p>a</p>")),
    copies: 4,
  },
];

async function startServer(dir: string): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, [path.join(REPO_ROOT, "bin/copyquota.js"), "serve", "--port", "0", "--host", "127.0.0.1", "--data-dir", dir, "--no-demo"], {
    env: { ...process.env, COPYQUOTA_API_KEY: KEY },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const found = /http:\/\/127\.0\.0\.1:\d+/.exec(out);
      if (found) resolve(found[0]);
    });
    child.on("exit", (code) => reject(new Error(`the server exited (code ${code}) before listening:\n${out}`)));
  });
  return { url, stop: () => child.kill() };
}

async function healthLatency(url: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${url}/api/health`);
  await response.arrayBuffer();
  return performance.now() - started;
}

/** Health latencies, one request after another, until `done` settles. */
async function healthUntil(url: string, done: Promise<unknown>): Promise<number[]> {
  let finished = false;
  void done.finally(() => (finished = true));
  const latencies: number[] = [];
  while (!finished) latencies.push(await healthLatency(url));
  return latencies;
}

async function send(url: string, page: Hostile, body: Buffer): Promise<{ status: number; answer: string; ms: number }> {
  const started = performance.now();
  const response = await fetch(`${url}${page.route}`, { method: "POST", headers: { authorization: `Bearer ${KEY}`, "content-type": page.contentType }, body: new Uint8Array(body) });
  const answer = await response.text();
  return { status: response.status, answer, ms: performance.now() - started };
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
}

const ms = (value: number) => (value >= 1000 ? `${(value / 1000).toFixed(1)} s` : `${value.toFixed(1)} ms`);

const dir = mkdtempSync(path.join(tmpdir(), "copyquota-hostile-bench-"));
const server = await startServer(dir);
try {
  const idle: number[] = [];
  for (let i = 0; i < 50; i++) idle.push(await healthLatency(server.url));
  console.log(`idle /api/health: median ${ms(percentile(idle, 0.5))}, p95 ${ms(percentile(idle, 0.95))} (50 requests)\n`);
  console.log("| page | answer | time to answer (median of rounds) | /api/health meanwhile: median / p95 / slowest (requests) |");
  console.log("|---|---|---|---|");
  for (const page of HOSTILE) {
    const body = page.body();
    const times: number[] = [];
    const health: number[] = [];
    let answer = "";
    for (let round = 0; round < rounds; round++) {
      const sent = Promise.all(Array.from({ length: page.copies ?? 1 }, () => send(server.url, page, body)));
      const [results, latencies] = await Promise.all([sent, healthUntil(server.url, sent)]);
      times.push(Math.max(...results.map((r) => r.ms)));
      health.push(...latencies);
      const first = results[0]!;
      answer = `${first.status} ${first.status === 200 ? "checked" : (JSON.parse(first.answer) as { error: string }).error}`;
    }
    console.log(`| ${page.name} | ${answer} | ${ms(percentile(times, 0.5))} | ${ms(percentile(health, 0.5))} / ${ms(percentile(health, 0.95))} / ${ms(Math.max(...health))} (${health.length}) |`);
  }
} finally {
  server.stop();
  rmSync(dir, { recursive: true, force: true });
}

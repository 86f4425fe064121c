import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openMonitorAt } from "../../src/monitor/open-monitor.ts";
import { addWatch } from "../../src/monitor/manage-watchlist.ts";
import { indexVestnik, ownText, republishedPage, rssFeed, vestnikArticles } from "../monitor/articles.ts";
import { BIN } from "../monitor/cli.ts";
import type { Site } from "../monitor/site-server.ts";
import { HTML, RSS, serve, startSite } from "../monitor/site-server.ts";
import { findPostgresBin, POSTGRES_MISSING, startPostgres, type PostgresServer } from "../support/postgres-server.ts";

const pgBin = findPostgresBin();
if (!pgBin) console.warn(`postgres-cluster.test: ${POSTGRES_MISSING}`);

/** Reprints on the fixture site: enough that a kill lands mid-pass, few enough to stay quick. */
const REPRINTS = 30;
/** Each page answers after this long, so the pass lasts seconds and a worker can be killed in the middle. */
const PAGE_DELAY_MS = 80;
/** Page responses before one worker is killed. */
const KILL_AFTER = 8;
const KEY = "cluster-test-admin-key-0123456789abcdef";
const UNRELATED_PATH = "/news/2024/03/housing";

/** A process of ours and its output so far. */
interface Running {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function run(args: readonly string[]): Running {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, COPYQUOTA_API_KEY: KEY } });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output, exited: new Promise((resolve) => child.on("exit", (code) => resolve(code))) };
}

/** Starts `copyquota serve` on a free port and resolves with its address once it listens. */
async function startServe(database: string, ...extra: string[]): Promise<Running & { url: string }> {
  const server = run(["--allow-private", "--db", database, "serve", "--port", "0", ...extra]);
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: server.child.stdout! });
    lines.on("line", (line) => {
      const found = /serving on (http:\/\/\S+)/.exec(line);
      if (found) resolve(found[1]!);
    });
    void server.exited.then((code) => reject(new Error(`serve exited (${code}) before listening:\n${server.output()}`)));
  });
  return { ...server, url };
}

async function until(condition: () => Promise<boolean>, what: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function api<T>(base: string, path: string): Promise<T> {
  const response = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${KEY}` } });
  expect(response.status, `${base}${path}`).toBe(200);
  return (await response.json()) as T;
}

describe.skipIf(!pgBin)("several servers and monitor workers on one PostgreSQL database", () => {
  let server: PostgresServer;
  let site: Site;
  const processes: Running[] = [];
  const pagePath = (n: number) => `/news/2024/03/${String(n).padStart(2, "0")}/perepechatka`;
  const pageRequests = () => site.requests.filter((r) => r.path.startsWith("/news/") && r.status === 200);

  beforeAll(async () => {
    server = await startPostgres(pgBin!);
    const { archive } = vestnikArticles();
    site = await startSite({});
    const slow = (html: string) => {
      const answer = serve(html, HTML);
      return (request: Parameters<typeof answer>[0], response: Parameters<typeof answer>[1]) => void setTimeout(() => answer(request, response), PAGE_DELAY_MS);
    };
    for (let n = 1; n <= REPRINTS; n++) {
      const source = archive[n % archive.length]!;
      site.route(pagePath(n), slow(republishedPage({ title: `${source.title} (${n})`, published: "2024-03-20T10:00:00+05:00", paragraphs: source.paragraphs })));
    }
    site.route(UNRELATED_PATH, slow(republishedPage({ title: "Жильё дорожает", published: "2024-03-20T10:00:00+05:00", paragraphs: ownText() })));
    const items = [...Array.from({ length: REPRINTS }, (_, i) => ({ url: site.url(pagePath(i + 1)) })), { url: site.url(UNRELATED_PATH) }];
    site.route("/rss.xml", serve(rssFeed(site.url("/"), items), RSS));
  }, 60_000);

  afterAll(async () => {
    for (const p of processes) p.child.kill("SIGKILL");
    await Promise.all(processes.map((p) => p.exited));
    await site?.close();
    await server?.stop();
  });

  it("opens exactly one case per violating page, none for the unrelated one, seen alike through both servers, after a worker is killed mid-pass", async () => {
    const database = await server.createDatabase("cluster");
    const setup = await openMonitorAt(database, { fetcher: { allowPrivate: true } });
    await indexVestnik(setup.engine);
    await addWatch(setup, site.url("/rss.xml"));
    await setup.close();

    const [first, second] = await Promise.all([startServe(database, "--no-demo"), startServe(database, "--no-demo")]);
    processes.push(first, second);
    const worker = () => run(["--db", database, "monitor", "--allow-private", "--delay", "0", "--concurrency", "2", "--workers", "0"]);
    const [victim, survivor] = [worker(), worker()];
    processes.push(victim, survivor);

    await until(async () => pageRequests().length >= KILL_AFTER, "the first pages to be read");
    victim.child.kill("SIGKILL");
    expect(await victim.exited).toBeNull();

    const db = new pg.Client({ connectionString: database });
    await db.connect();
    try {
      const count = async (sql: string) => Number((await db.query<{ n: string }>(sql)).rows[0]!.n);
      // Every page listed is checked, and no job is left anywhere in the queue.
      await until(
        async () => (await count("SELECT count(*) AS n FROM monitor_urls WHERE status = 'checked'")) === REPRINTS + 1 && (await count("SELECT count(*) AS n FROM monitor_jobs WHERE state IN ('ready', 'leased')")) === 0,
        "every page to be checked",
      );
      // Nothing doubled: one check per page (what a killed worker had not committed was rolled back and
      // redone once), one case per page, one observation per case.
      expect(await count("SELECT count(*) AS n FROM (SELECT candidate_key FROM checks GROUP BY candidate_key HAVING count(*) > 1) AS twice")).toBe(0);
      expect(await count("SELECT count(*) AS n FROM case_observations")).toBe(REPRINTS);
      expect(await count("SELECT count(*) AS n FROM monitor_jobs WHERE state = 'failed'")).toBe(0);
    } finally {
      await db.end();
    }

    type CaseList = { total: number; items: { id: number; candidate: { url: string } }[] };
    const [throughFirst, throughSecond] = await Promise.all([api<CaseList>(first.url, "/api/cases?limit=100"), api<CaseList>(second.url, "/api/cases?limit=100")]);
    expect(throughFirst.total).toBe(REPRINTS);
    expect(new Set(throughFirst.items.map((c) => c.candidate.url))).toEqual(new Set(Array.from({ length: REPRINTS }, (_, i) => site.url(pagePath(i + 1)))));
    expect(throughSecond.items.map((c) => c.id).sort()).toEqual(throughFirst.items.map((c) => c.id).sort());
  }, 180_000);

  it("loads the demo content once when two servers start together on an empty database", async () => {
    const database = await server.createDatabase("demo_once");
    const [first, second] = await Promise.all([startServe(database), startServe(database)]);
    processes.push(first, second);
    const loaders = [first, second].filter((s) => s.output().includes("Empty database: loading the demo content"));
    expect(loaders).toHaveLength(1);
    type CaseList = { total: number; items: { id: number }[] };
    const [a, b] = await Promise.all([api<CaseList>(first.url, "/api/cases?limit=200"), api<CaseList>(second.url, "/api/cases?limit=200")]);
    expect(a.total).toBeGreaterThan(0);
    expect(b.items.map((c) => c.id).sort()).toEqual(a.items.map((c) => c.id).sort());
    const db = new pg.Client({ connectionString: database });
    await db.connect();
    try {
      // Loaded twice, the demo's checks would be there twice (sources would only be replaced).
      const { rows } = await db.query<{ n: string }>("SELECT count(*) AS n FROM (SELECT candidate_key FROM checks GROUP BY candidate_key, result HAVING count(*) > 1) AS twice");
      expect(Number(rows[0]!.n)).toBe(0);
    } finally {
      await db.end();
    }
  }, 180_000);

  it("stops a pass whose database goes away with one line naming it, and a rerun finishes it with nothing half-written", async () => {
    const name = "goes_away";
    const database = await server.createDatabase(name);
    const setup = await openMonitorAt(database, { fetcher: { allowPrivate: true } });
    await indexVestnik(setup.engine);
    await addWatch(setup, site.url("/rss.xml"));
    await setup.close();
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    try {
      const served = pageRequests().length;
      const pass = run(["--db", database, "monitor", "--once", "--allow-private", "--delay", "0", "--concurrency", "2", "--workers", "0"]);
      processes.push(pass);
      await until(async () => pageRequests().length >= served + KILL_AFTER, "the first pages to be read");
      // The database goes away: no new connection is let in, every open one is cut.
      await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
      await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1", [name]);
      expect(await pass.exited, pass.output()).toBe(2);
      const said = pass.output().trim().split("\n").filter((line) => line.startsWith("copyquota:"));
      expect(said).toHaveLength(1);
      expect(said[0]).toMatch(new RegExp(`^copyquota: postgres://copyquota@127\\.0\\.0\\.1:\\d+/${name}: the pass stopped: .+; run it again when the database is back$`));
      await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
    } finally {
      await admin.end();
    }
    const rerun = run(["--db", database, "monitor", "--once", "--allow-private", "--delay", "0", "--concurrency", "2", "--workers", "0"]);
    processes.push(rerun);
    expect(await rerun.exited, rerun.output()).toBe(0);
    const db = new pg.Client({ connectionString: database });
    await db.connect();
    try {
      const count = async (sql: string) => Number((await db.query<{ n: string }>(sql)).rows[0]!.n);
      expect(await count("SELECT count(*) AS n FROM monitor_urls WHERE status = 'checked'")).toBe(REPRINTS + 1);
      // Whatever the cut connections were writing was rolled back whole: one check, one case, one observation per reprint.
      expect(await count("SELECT count(*) AS n FROM checks")).toBe(REPRINTS);
      expect(await count("SELECT count(*) AS n FROM cases")).toBe(REPRINTS);
      expect(await count("SELECT count(*) AS n FROM case_observations")).toBe(REPRINTS);
      expect(await count("SELECT count(*) AS n FROM evidence_captures")).toBe(REPRINTS);
    } finally {
      await db.end();
    }
  }, 180_000);
});

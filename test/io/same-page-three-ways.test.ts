import { rmSync } from "node:fs";
import path from "node:path";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CheckResult } from "../../src/core/types.ts";
import { addWatch } from "../../src/monitor/manage-watchlist.ts";
import type { OpenMonitor } from "../../src/monitor/open-monitor.ts";
import { openMonitor } from "../../src/monitor/open-monitor.ts";
import { runPass } from "../../src/monitor/run-pass.ts";
import { cli, jsonl, tempDir, write } from "../e2e/support.ts";
import { rssFeed } from "../monitor/articles.ts";
import { RSS, serve, startSite } from "../monitor/site-server.ts";
import type { Site } from "../monitor/site-server.ts";
import { addSourceArticle, candidatePage, SOURCE, sourceText, startTestServer } from "../server/support.ts";
import type { TestServer } from "../server/support.ts";

/**
 * The page, a reprint saved by an old CMS in windows-1251 while it and its server say UTF-8, and the
 * converse, a site moved to UTF-8 whose server and template still say windows-1251. The command line (the saved
 * file, with --url), the API (`POST /api/check` with the URL, fetched) and the monitor (the pages listed in a
 * feed, fetched by a pass) must read the same document from the same bytes.
 */
const PAGES = {
  "/news/copy-1251": { bytes: iconv.encode(candidatePage(SOURCE.paragraphs), "windows-1251"), label: "text/html; charset=utf-8" },
  "/news/copy-utf8": { bytes: Buffer.from(candidatePage(SOURCE.paragraphs).replace('charset="utf-8"', 'charset="windows-1251"')), label: "text/html; charset=windows-1251" },
};
type PagePath = keyof typeof PAGES;
const PATHS = Object.keys(PAGES) as PagePath[];

/** How a surface saw a page: its check's result, and the candidate's text where the surface shows it. */
interface Reading {
  result: CheckResult;
  text?: string;
}
type Readings = Record<PagePath, Reading>;

let site: Site;
const dir = tempDir("same-page");
const readings = {} as Record<"cli" | "api" | "monitor", Readings>;

beforeAll(async () => {
  site = await startSite(Object.fromEntries(PATHS.map((pathname) => [pathname, serve(PAGES[pathname].bytes, PAGES[pathname].label)])));
  site.route("/rss.xml", serve(rssFeed(site.origin, PATHS.map((pathname) => ({ url: site.url(pathname) }))), RSS));
  [readings.cli, readings.api, readings.monitor] = await Promise.all([throughCli(), throughApi(), throughMonitor()]);
}, 180_000);

afterAll(async () => {
  await site?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** One reading per page, in `PATHS` order. */
async function eachPage(read: (pathname: PagePath) => Promise<Reading>): Promise<Readings> {
  const entries: Array<[PagePath, Reading]> = [];
  for (const pathname of PATHS) entries.push([pathname, await read(pathname)]);
  return Object.fromEntries(entries) as Readings;
}

async function throughCli(): Promise<Readings> {
  const db = path.join(dir, "cli.db");
  const source = write(dir, "source.txt", sourceText());
  const added = await cli(["--db", db, "sources", "add", "--url", SOURCE.url, "--title", SOURCE.title, "--published", SOURCE.published, source]);
  if (added.code !== 0) throw new Error(`sources add failed: ${added.stderr}`);
  return eachPage(async (pathname) => {
    const file = write(dir, `${path.basename(pathname)}.html`, PAGES[pathname].bytes);
    const checked = await cli(["--db", db, "check", "--json", "--url", site.url(pathname), file]);
    if (checked.stderr !== "") throw new Error(`check failed: ${checked.stderr}`);
    return { result: jsonl<CheckResult>(checked.stdout)[0]! };
  });
}

async function throughApi(): Promise<Readings> {
  const server: TestServer = await startTestServer();
  try {
    await addSourceArticle(server);
    return await eachPage(async (pathname) => {
      const checked = await server.call<CheckResult>("POST", "/api/check", { url: site.url(pathname) });
      if (checked.status !== 200) throw new Error(`POST /api/check answered ${checked.status}: ${checked.text}`);
      const opened = checked.headers.get("x-cases-opened");
      if (!opened) throw new Error(`POST /api/check opened no case for ${pathname}: ${checked.body.verdict}`);
      const detail = await server.call<{ candidate: { text: string } }>("GET", `/api/cases/${opened}`);
      return { result: checked.body, text: detail.body.candidate.text };
    });
  } finally {
    await server.close();
  }
}

async function throughMonitor(): Promise<Readings> {
  const monitor: OpenMonitor = openMonitor(path.join(dir, "monitor.db"), { fetcher: { privateAddressAllowList: ["127.0.0.1"], perHostDelayMs: 0, retries: 0 }, workers: 1 });
  try {
    await monitor.engine.addSource({ url: SOURCE.url, title: SOURCE.title, published: SOURCE.published, text: sourceText(), links: [] }, { reference: false });
    await addWatch(monitor, site.url("/rss.xml"));
    await runPass(monitor, { concurrency: 1, leaseMs: 30_000, recheckAfterMs: 86_400_000 });
    const opened = (await monitor.cases.listCases({}, { limit: 10, offset: 0 })).items;
    return await eachPage(async (pathname) => {
      const found = opened.find((c) => c.candidate.url === site.url(pathname));
      if (found === undefined) throw new Error(`the monitor's pass opened no case for ${pathname}`);
      const check = (await monitor.cases.getCheck(found.lastCheckId))!;
      return { result: check.result, text: check.candidateText };
    });
  } finally {
    await monitor.close();
  }
}

describe.each(PATHS)("the same page %s, through the CLI, the API and the monitor", (pathname) => {
  it("is decoded by its bytes: the source's paragraphs are found verbatim in the candidate's text", () => {
    for (const { text } of [readings.api[pathname], readings.monitor[pathname]]) {
      for (const paragraph of SOURCE.paragraphs) expect(text).toContain(paragraph);
      expect(text).not.toContain("\ufffd");
    }
    expect(readings.monitor[pathname].text).toBe(readings.api[pathname].text);
  });

  it("gives one document: the same URL, title, length and reused passages, so the same verdict", () => {
    // The source's date is left out: the API keeps a source's date as written, the command line in UTC.
    const seen = ({ result }: Reading) => ({
      candidate: result.candidate,
      verdict: result.verdict,
      matches: result.matches.map(({ source: { published: _published, ...source }, ...match }) => ({ ...match, source })),
    });
    const cli = seen(readings.cli[pathname]);
    expect(cli.candidate).toEqual({ url: site.url(pathname), title: "Новости", chars: readings.api[pathname].text!.length, published: null });
    expect(cli.matches[0]!.share).toBeGreaterThan(0.9);
    expect(seen(readings.api[pathname])).toEqual(cli);
    expect(seen(readings.monitor[pathname])).toEqual(cli);
  });
});

import { describe, expect, it } from "vitest";
import type { UrlState, UrlStateStore } from "../../src/monitor/url-states.ts";
import { URL_STATUSES } from "../../src/monitor/url-states.ts";
import { URL_STATE_TABLES } from "../../src/io/storage/postgres-tables/url-states.ts";
import { storableText } from "../../src/io/storage/postgres-text.ts";
import { SqliteUrlStateStore } from "../../src/monitor/sqlite-url-states.ts";
import { PostgresUrlStateStore } from "../../src/monitor/postgres-url-states.ts";
import { storeBackends } from "./store-backends.ts";

const backends = storeBackends<UrlStateStore>("url_states", {
  sqlite: (db) => new SqliteUrlStateStore(db),
  postgres: (db) => new PostgresUrlStateStore(db),
  tables: URL_STATE_TABLES,
});

/** A page checked on site 1, every field set. */
const checked = (path: string, overrides: Partial<UrlState> = {}): UrlState => ({
  key: `https://gorportal.example${path}`,
  url: `http://www.gorportal.example${path}?utm_source=rss`,
  role: "page",
  siteId: 1,
  status: "checked",
  reason: null,
  httpStatus: 200,
  validators: { etag: 'W/"5f3a"', lastModified: "Sat, 10 Jan 2026 07:55:00 GMT" },
  contentSha256: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
  canonicalKey: null,
  verdict: "violation",
  fetchedAt: "2026-01-10T08:00:00.000Z",
  updatedAt: "2026-01-10T08:00:00.000Z",
  ...overrides,
});

const keys = (states: readonly (UrlState | null)[]) => states.map((state) => state?.key ?? null);

describe.each(backends.map((b) => [b.name, b] as const))("%s URL states: the same semantics", (_name, backend) => {
  it("reads a state back as it was put, and replaces it whole", async () => {
    const urls = (await backend.database()).connect();
    const full = checked("/news/1", { canonicalKey: "https://gorportal.example/news/one", reason: "http_status: HTTP 200 after a redirect", siteId: 2 ** 40 });
    await urls.put(full);
    expect(await urls.get(full.key)).toEqual(full);
    expect(await urls.get("https://gorportal.example/news/2")).toBeNull();

    const failed: UrlState = {
      ...full,
      role: "listing",
      siteId: null,
      status: "failed",
      reason: "timeout: no answer in 30 s",
      httpStatus: null,
      validators: { lastModified: "Sun, 11 Jan 2026 00:00:00 GMT" },
      contentSha256: null,
      canonicalKey: null,
      verdict: null,
      fetchedAt: null,
      updatedAt: "2026-01-11T00:00:00.000Z",
    };
    await urls.put(failed);
    expect(await urls.get(full.key)).toEqual(failed);
    await urls.put({ ...failed, validators: {} });
    expect((await urls.get(full.key))!.validators).toEqual({});
  });

  it("keeps a reason quoting a NUL a hostile page sent, as it was or with U+FFFD for the NUL where the database cannot hold one", async () => {
    const urls = (await backend.database()).connect();
    const reason = "internal_error: unexpected \u0000 in <channel>";
    await urls.put(checked("/rss", { role: "listing", status: "failed", reason }));
    expect([reason, storableText(reason)]).toContain((await urls.get(checked("/rss").key))!.reason);
  });

  it("finds another checked page with the same bytes, the least key first", async () => {
    const urls = (await backend.database()).connect();
    const sha = checked("/").contentSha256!;
    await urls.put(checked("/news/3"));
    await urls.put(checked("/news/1", { status: "duplicate", reason: "same_content: https://gorportal.example/news/3" }));
    await urls.put(checked("/news/2"));
    await urls.put(checked("/news/4", { contentSha256: "0".repeat(64) }));
    expect((await urls.findByContent(sha, "https://gorportal.example/news/9"))?.key).toBe("https://gorportal.example/news/2");
    expect((await urls.findByContent(sha, "https://gorportal.example/news/2"))?.key).toBe("https://gorportal.example/news/3");
    await urls.put(checked("/news/3", { status: "retrying" }));
    expect(await urls.findByContent(sha, "https://gorportal.example/news/2")).toBeNull();
  });

  it("finds a checked page naming the same canonical before the page that is the canonical, never the page asking", async () => {
    const urls = (await backend.database()).connect();
    const canonical = "https://gorportal.example/news/1";
    await urls.put(checked("/news/1", { canonicalKey: canonical }));
    await urls.put(checked("/amp/news/1"));
    expect(await urls.findByCanonical(canonical, "https://gorportal.example/print/1")).toMatchObject({ key: canonical });
    await urls.put(checked("/print/1", { canonicalKey: canonical }));
    await urls.put(checked("/m/news/1", { canonicalKey: canonical }));
    await urls.put(checked("/a/news/1", { canonicalKey: canonical, status: "gone" }));
    const finds = await Promise.all(
      ["https://gorportal.example/new/1", canonical, "https://gorportal.example/m/news/1"].map((except) => urls.findByCanonical(canonical, except)),
    );
    // The least key among those naming it: /m/… before /news/… before /print/…; a page gone is not checked.
    expect(keys(finds)).toEqual(["https://gorportal.example/m/news/1", "https://gorportal.example/m/news/1", canonical]);
    expect(await urls.findByCanonical("https://gorportal.example/news/7", canonical)).toBeNull();
    await urls.put(checked("/news/1", { canonicalKey: null }));
    expect(await urls.findByCanonical(canonical, "https://gorportal.example/m/news/1")).toMatchObject({ key: "https://gorportal.example/print/1" });
  });

  it("lists states by site, status and role, oldest change first, a page at a time, and counts them per status", async () => {
    const urls = (await backend.database()).connect();
    await urls.put(checked("/news/b", { updatedAt: "2026-01-10T08:00:02.000Z" }));
    await urls.put(checked("/news/a", { updatedAt: "2026-01-10T08:00:02.000Z", status: "failed", reason: "no_text: empty page" }));
    await urls.put(checked("/news/c", { updatedAt: "2026-01-10T08:00:01.000Z", status: "gone" }));
    await urls.put(checked("/rss", { role: "listing", status: "listed", updatedAt: "2026-01-10T08:00:00.000Z" }));
    await urls.put(checked("/news/d", { siteId: 2, status: "failed" }));
    await urls.put(checked("/news/e", { siteId: null, role: "page", status: "retrying" }));
    const page = { limit: 10, offset: 0 };
    expect(keys(await urls.list({ siteId: 1 }, page))).toEqual(["/rss", "/news/c", "/news/a", "/news/b"].map((p) => `https://gorportal.example${p}`));
    expect(keys(await urls.list({ siteId: 1 }, { limit: 2, offset: 1 }))).toEqual(["/news/c", "/news/a"].map((p) => `https://gorportal.example${p}`));
    expect(keys(await urls.list({ siteId: 1, role: "page" }, page))).toEqual(["/news/c", "/news/a", "/news/b"].map((p) => `https://gorportal.example${p}`));
    expect(keys(await urls.list({ status: ["failed", "gone"] }, page))).toEqual(["/news/d", "/news/c", "/news/a"].map((p) => `https://gorportal.example${p}`));
    expect(await urls.list({ status: [] }, page)).toEqual([]);
    expect(await urls.list({ role: "site" }, page)).toEqual([]);
    expect(await urls.list({}, page)).toHaveLength(6);

    const none = Object.fromEntries(URL_STATUSES.map((status) => [status, 0]));
    expect(await urls.counts()).toEqual({ ...none, checked: 1, failed: 2, gone: 1, listed: 1, retrying: 1 });
    expect(await urls.counts(1)).toEqual({ ...none, checked: 1, failed: 1, gone: 1, listed: 1 });
    expect(await urls.counts(3)).toEqual(none);
  });

  it("keeps one whole state per URL when two processes put the same URLs at the same moment", async () => {
    const database = await backend.database();
    const [one, two] = [database.connect(), database.connect()];
    const paths = Array.from({ length: 20 }, (_, n) => `/news/${n}`);
    const first = (p: string) => checked(p, { status: "checked", verdict: "violation", updatedAt: "2026-01-10T08:00:01.000Z" });
    const second = (p: string) => checked(p, { status: "duplicate", verdict: null, reason: "same_canonical: x", httpStatus: 203, updatedAt: "2026-01-10T08:00:02.000Z" });
    await Promise.all(paths.flatMap((p) => [one.put(first(p)), two.put(second(p)), one.put(second(p)), two.put(first(p))]));
    const states = await one.list({}, { limit: 100, offset: 0 });
    expect(states).toHaveLength(paths.length);
    for (const p of paths) {
      const state = await two.get(checked(p).key);
      expect([first(p), second(p)]).toContainEqual(state);
    }
  });
});

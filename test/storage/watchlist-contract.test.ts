import { describe, expect, it } from "vitest";
import type { NewWatch, WatchedSite, Watchlist } from "../../src/monitor/watchlist.ts";
import { WATCHLIST_TABLES } from "../../src/io/storage/postgres-tables/watchlist.ts";
import { SqliteWatchlist } from "../../src/monitor/sqlite-watchlist.ts";
import { PostgresWatchlist } from "../../src/monitor/postgres-watchlist.ts";
import { storeBackends } from "./store-backends.ts";

const backends = storeBackends<Watchlist>("watchlist", {
  sqlite: (db) => new SqliteWatchlist(db),
  postgres: (db) => new PostgresWatchlist(db),
  tables: WATCHLIST_TABLES,
});

/** The longest interval `watch add` accepts, 30 days: more milliseconds than a 32-bit integer holds. */
const THIRTY_DAYS_MS = 30 * 86_400_000;

const feed = (url: string, overrides: Partial<NewWatch> = {}): NewWatch => ({ url, kind: "feed", listings: [url], intervalMs: 3_600_000, since: null, ...overrides });

describe.each(backends.map((b) => [b.name, b] as const))("%s watchlist: the same semantics", (_name, backend) => {
  it("adds a site due at once, finds it by id or by any spelling of its URL, and reads back what was written", async () => {
    const list = (await backend.database()).connect();
    const site = {
      url: "https://gorportal.example/",
      kind: "site",
      listings: ["https://gorportal.example/rss", "https://gorportal.example/sitemap.xml"],
      intervalMs: THIRTY_DAYS_MS,
      since: "2024-03-01",
    } satisfies NewWatch;
    const added = await list.add(site, "2026-01-10T08:00:00.000Z");
    expect(added).toEqual({
      site: { id: expect.any(Number), ...site, addedAt: "2026-01-10T08:00:00.000Z", lastPassAt: null, nextPassAt: "2026-01-10T08:00:00.000Z" },
      replaced: false,
    });
    expect(await list.get(added.site.id)).toEqual(added.site);
    expect(await list.get("http://www.gorportal.example/?utm_source=rss")).toEqual(added.site);
    expect(await list.get("https://other.example/")).toBeNull();
    // Ids no site can have find nothing, as on SQLite, rather than an error about the id's type.
    for (const id of [added.site.id + 1, 0, -1, 1.5, 2 ** 40, 2 ** 60]) expect(await list.get(id)).toBeNull();
  });

  it("updates the site of the same URL in place: its id, when it was added and its last pass stay, and it is due again", async () => {
    const list = (await backend.database()).connect();
    const { site } = await list.add(feed("https://gorportal.example/rss"), "2026-01-10T08:00:00.000Z");
    expect(await list.markPassed(site, "2026-01-10T08:00:05.000Z", "2026-01-10T09:00:05.000Z")).toBe(true);
    const again = await list.add(
      feed("http://www.gorportal.example/rss?utm_source=x", { kind: "sitemap", listings: ["https://gorportal.example/sitemap.xml"], intervalMs: 60_000, since: "2025-12-31" }),
      "2026-01-10T08:30:00.000Z",
    );
    expect(again).toEqual({
      site: {
        id: site.id,
        url: "http://www.gorportal.example/rss?utm_source=x",
        kind: "sitemap",
        listings: ["https://gorportal.example/sitemap.xml"],
        intervalMs: 60_000,
        since: "2025-12-31",
        addedAt: "2026-01-10T08:00:00.000Z",
        lastPassAt: "2026-01-10T08:00:05.000Z",
        nextPassAt: "2026-01-10T08:30:00.000Z",
      },
      replaced: true,
    });
    expect(await list.list()).toEqual([again.site]);
  });

  it("lists sites by id, gives those due earliest first, and moves a site's next pass", async () => {
    const list = (await backend.database()).connect();
    const a = (await list.add(feed("https://a.example/rss"), "2026-01-10T08:00:02.000Z")).site;
    const b = (await list.add(feed("https://b.example/rss"), "2026-01-10T08:00:01.000Z")).site;
    const c = (await list.add(feed("https://c.example/rss"), "2026-01-10T08:00:01.000Z")).site;
    expect((await list.list()).map((s) => s.id)).toEqual([a.id, b.id, c.id]);
    expect(await list.nextDue()).toBe("2026-01-10T08:00:01.000Z");
    expect((await list.due("2026-01-10T08:00:01.500Z")).map((s) => s.id)).toEqual([b.id, c.id]);
    expect((await list.due("2026-01-10T08:00:02.000Z")).map((s) => s.id)).toEqual([b.id, c.id, a.id]);

    expect(await list.markPassed(b, "2026-01-10T08:00:03.000Z", "2026-01-10T09:00:03.000Z")).toBe(true);
    expect(await list.get(b.id)).toMatchObject({ lastPassAt: "2026-01-10T08:00:03.000Z", nextPassAt: "2026-01-10T09:00:03.000Z" });
    expect((await list.due("2026-01-10T08:30:00.000Z")).map((s) => s.id)).toEqual([c.id, a.id]);
    expect((await list.due("2026-01-10T09:00:03.000Z")).map((s) => s.id)).toEqual([c.id, a.id, b.id]);
    expect(await list.due("2026-01-10T08:00:00.999Z")).toEqual([]);

    await list.setListings(c.id, ["https://c.example/feed.xml", "https://c.example/news.xml"]);
    expect((await list.get(c.id))!.listings).toEqual(["https://c.example/feed.xml", "https://c.example/news.xml"]);
    await list.setListings(c.id, []);
    expect((await list.get(c.id))!.listings).toEqual([]);
  });

  it("removes a site by id or by URL, returning it, and nothing when none matches", async () => {
    const list = (await backend.database()).connect();
    const a = (await list.add(feed("https://a.example/rss"), "2026-01-10T08:00:00.000Z")).site;
    const b = (await list.add(feed("https://b.example/rss"), "2026-01-10T09:00:00.000Z")).site;
    expect(await list.remove("http://www.a.example/rss")).toEqual(a);
    expect(await list.remove("https://a.example/rss")).toBeNull();
    expect(await list.remove(b.id)).toEqual(b);
    expect(await list.remove(b.id)).toBeNull();
    expect(await list.list()).toEqual([]);
    expect(await list.nextDue()).toBeNull();
  });

  it("marks a pass only on the schedule it was decided on: a pass, a reschedule or a check now in between wins, and the late pass changes nothing", async () => {
    const database = await backend.database();
    const [worker, other] = [database.connect(), database.connect()];
    const { site } = await other.add(feed("https://gorportal.example/rss"), "2026-01-10T08:00:00.000Z");
    const stays = async (expected: Partial<WatchedSite>) => expect(await other.get(site.id)).toMatchObject(expected);

    // Another worker passes the site between this one's `due` and its mark.
    const [due] = await worker.due("2026-01-10T08:00:01.000Z");
    expect(await other.markPassed((await other.due("2026-01-10T08:00:01.000Z"))[0]!, "2026-01-10T08:00:01.000Z", "2026-01-10T09:00:01.000Z")).toBe(true);
    expect(await worker.markPassed(due!, "2026-01-10T08:00:02.000Z", "2026-01-10T09:00:02.000Z")).toBe(false);
    await stays({ lastPassAt: "2026-01-10T08:00:01.000Z", nextPassAt: "2026-01-10T09:00:01.000Z" });

    // A person makes it due now ("check now" writes the site as it is).
    const [later] = await worker.due("2026-01-10T09:00:01.000Z");
    await other.add(feed("https://gorportal.example/rss"), "2026-01-10T09:00:05.000Z");
    expect(await worker.markPassed(later!, "2026-01-10T09:00:06.000Z", "2026-01-10T10:00:06.000Z")).toBe(false);
    await stays({ lastPassAt: "2026-01-10T08:00:01.000Z", nextPassAt: "2026-01-10T09:00:05.000Z" });

    // A person changes the interval so that the next pass falls where it was: the interval read is stale.
    const [again] = await worker.due("2026-01-10T09:00:05.000Z");
    const { site: rescheduled } = await other.add(feed("https://gorportal.example/rss", { intervalMs: 3_604_000 }), "2026-01-10T09:00:05.000Z");
    expect(await other.markPassed(rescheduled, "2026-01-10T08:00:01.000Z", "2026-01-10T09:00:05.000Z")).toBe(true);
    expect(await worker.markPassed(again!, "2026-01-10T09:00:07.000Z", "2026-01-10T10:00:07.000Z")).toBe(false);
    await stays({ lastPassAt: "2026-01-10T08:00:01.000Z", nextPassAt: "2026-01-10T09:00:05.000Z", intervalMs: 3_604_000 });

    // Nor does a site removed meanwhile come back.
    const [removed] = await worker.due("2026-01-10T09:00:05.000Z");
    await other.remove(site.id);
    expect(await worker.markPassed(removed!, "2026-01-10T09:00:08.000Z", "2026-01-10T10:00:08.000Z")).toBe(false);
    expect(await other.list()).toEqual([]);
  });

  it("lets exactly one of several workers that found a site due at once mark its pass", async () => {
    const database = await backend.database();
    const workers = Array.from({ length: 6 }, () => database.connect());
    for (let round = 0; round < 10; round++) {
      const { site } = await workers[0]!.add(feed(`https://site${round}.example/rss`), "2026-01-10T08:00:00.000Z");
      const read = await Promise.all(workers.map(async (w) => (await w.due("2026-01-10T08:00:00.000Z")).find((s) => s.id === site.id)!));
      const marked = await Promise.all(read.map((s, n) => workers[n]!.markPassed(s, `2026-01-10T08:00:0${n}.000Z`, `2026-01-10T09:00:0${n}.000Z`)));
      expect(marked.filter(Boolean)).toHaveLength(1);
      const winner = marked.indexOf(true);
      expect(await workers[0]!.get(site.id)).toMatchObject({ lastPassAt: `2026-01-10T08:00:0${winner}.000Z`, nextPassAt: `2026-01-10T09:00:0${winner}.000Z` });
    }
  });

  it("leaves one site when two processes add the same URL at the same moment", async () => {
    const database = await backend.database();
    const [one, two] = [database.connect(), database.connect()];
    const spellings = ["https://gorportal.example/rss", "http://www.gorportal.example/rss", "https://m.gorportal.example/rss?utm_source=x"];
    const adds = await Promise.all(
      Array.from({ length: 30 }, (_, n) => (n % 2 ? one : two).add(feed(spellings[n % spellings.length]!, { intervalMs: 60_000 * (n + 1) }), "2026-01-10T08:00:00.000Z")),
    );
    const sites = await one.list();
    expect(sites).toHaveLength(1);
    expect(new Set(adds.map((added) => added.site.id))).toEqual(new Set([sites[0]!.id]));
    // Exactly one of the adds created the site; every other found it there and updated it.
    expect(adds.filter((added) => !added.replaced)).toHaveLength(1);
    expect(adds.map((added) => added.site.intervalMs)).toContain(sites[0]!.intervalMs);
  });
});

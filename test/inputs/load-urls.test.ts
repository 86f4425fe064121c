import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InputError } from "../../src/io/inputs/input-error.ts";
import { loadInputs } from "../../src/io/inputs/load-inputs.ts";
import type { LoadOptions } from "../../src/io/inputs/types.ts";
import { collect } from "./collect.ts";
import { startTestSite, testFetcher } from "./local-server.ts";
import type { TestSite } from "./local-server.ts";

let site: TestSite;
beforeAll(async () => {
  site = await startTestSite();
});
afterAll(() => site.close());

const source: LoadOptions = { purpose: "source", fetch: testFetcher };

async function loadError(input: string, options: LoadOptions): Promise<InputError> {
  try {
    await collect(loadInputs(input, options));
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error(`${input} loaded without error`);
}

describe("pages fetched by URL", () => {
  it("extracts a page, names it by the URL fetched, not the canonical link it claims, and keeps the response", async () => {
    const { loaded } = await collect(loadInputs(`${site.base}/news/most`, source));
    expect(loaded).toHaveLength(1);
    const [{ doc, fetched, bytes, origin }] = loaded as [(typeof loaded)[0]];
    expect(origin).toBe(`${site.base}/news/most`);
    expect(doc.url).toBe(`${site.base}/news/most`);
    // The fixture's canonical link is relative, so it resolves onto the test site.
    expect(loaded[0]!.canonicalUrl).toBe(`${site.base}/news/2024/03/most-cherez-losinku`);
    expect(fetched?.status).toBe(200);
    expect(bytes).toBe(fetched?.body);
    expect(doc.links.find((l) => l.text === "новыми подходами к мосту")?.href).toBe(`${site.base}/news/2024/02/tender-na-podhody`);
  });

  it("names a fetched page by where it was fetched, whatever --url says", async () => {
    const { loaded } = await collect(loadInputs(`${site.base}/news/most`, { ...source, url: "https://priozersk-vesti.example/most" }));
    expect(loaded[0]!.doc.url).toBe(`${site.base}/news/most`);
  });

  it("decodes KOI8-R named only in the Content-Type header, and names the page by its URL", async () => {
    const { loaded } = await collect(loadInputs(`${site.base}/news/koi8`, source));
    const { doc } = loaded[0]!;
    expect(doc.url).toBe(`${site.base}/news/koi8`);
    expect(doc.text).toMatch(/^Лыжная трасса длиной двенадцать километров проложена вдоль северного берега озера Светлого/);
    expect(doc.text.split("\n\n")).toHaveLength(3);
  });

  it("decodes windows-1251 named only in <meta> when the header has no charset", async () => {
    const { loaded } = await collect(loadInputs(`${site.base}/news/hleb`, source));
    expect(loaded[0]!.doc.title).toBe("Хлебозавод возобновил выпуск ржаного хлеба");
    expect(loaded[0]!.doc.text).toContain("Цена буханки, по словам директора, пока останется прежней.");
  });

  it("follows a redirect: the page goes by the URL asked for, its links resolve where it landed", async () => {
    const { loaded } = await collect(loadInputs(`${site.base}/news/moved`, { purpose: "candidate", fetch: testFetcher }));
    expect(loaded[0]!.doc.url).toBe(`${site.base}/news/moved`);
    expect(loaded[0]!.fetched?.url).toBe(`${site.base}/news/most`);
    expect(loaded[0]!.doc.links.find((l) => l.text === "Новости")?.href).toBe(`${site.base}/news/`);
  });

  it("takes a text/plain response as plain text with the response URL", async () => {
    const { loaded } = await collect(loadInputs(`${site.base}/plain.txt`, source));
    expect(loaded[0]!.doc).toMatchObject({ url: `${site.base}/plain.txt`, title: "Приозёрский водоканал обновит сети на улице Садовой" });
  });

  it.each([
    ["/news/missing", /the server answered HTTP 404/],
    ["/image.png", /is not text/],
  ])("refuses %s", async (pathname, problem) => {
    const error = await loadError(`${site.base}${pathname}`, source);
    expect(error.input).toBe(`${site.base}${pathname}`);
    expect(error.message).toMatch(problem);
  });

  it("refuses a URL when no fetcher is given", async () => {
    expect((await loadError(`${site.base}/news/most`, { purpose: "source" })).message).toMatch(/no fetcher/);
  });
});

describe("feeds", () => {
  it("fetches the page of each item without full text, and reports the item whose page is gone", async () => {
    const { loaded, failed } = await collect(loadInputs(`${site.base}/feed-links.rss`, source));
    expect(loaded.map((l) => l.doc.title)).toEqual(["Мост через Лосинку откроют к осени", "Хлебозавод возобновил выпуск ржаного хлеба"]);
    // The page's own date wins; the legacy page has none, so the item's date stands in.
    expect(loaded.map((l) => l.doc.published)).toEqual(["2024-03-15T06:30:00.000Z", "2024-02-12T09:00:00.000Z"]);
    expect(loaded[1]!.fetched?.url).toBe(`${site.base}/news/hleb`);
    expect(failed).toHaveLength(1);
    expect(failed[0]!.origin).toBe(`${site.base}/news/missing`);
    expect(failed[0]!.error.message).toMatch(/HTTP 404/);
  });

  it("takes an Atom entry's long content directly and fetches the entry that has only a summary", async () => {
    const before = site.requests.length;
    const { loaded, failed } = await collect(loadInputs(`${site.base}/feed.atom`, source));
    expect(failed).toEqual([]);
    expect(loaded.map((l) => l.doc.url)).toEqual([`${site.base}/news/shkola-iskusstv`, `${site.base}/news/hleb`]);
    expect(loaded[0]!.doc).toMatchObject({ title: "В Заречье отремонтируют школу искусств", published: "2024-02-10T05:00:00.000Z" });
    expect(loaded[0]!.doc.text).toMatch(/^Районная школа искусств в Заречье закроется/);
    expect(site.requests.slice(before)).toEqual(["/feed.atom", "/news/hleb"]);
  });
});

describe("sitemaps", () => {
  it("fetches every page of a urlset, gzip-compressed or not", async () => {
    for (const pathname of ["/sitemap.xml", "/sitemap.xml.gz"]) {
      const { loaded, failed } = await collect(loadInputs(`${site.base}${pathname}`, source));
      expect(failed).toEqual([]);
      expect(loaded.map((l) => l.origin)).toEqual([`${site.base}/news/most`, `${site.base}/news/hleb`]);
    }
  });

  it("follows a sitemap index into its sitemaps, loading each page once", async () => {
    const { loaded, failed } = await collect(loadInputs(`${site.base}/sitemap-index.xml`, source));
    expect(failed).toEqual([]);
    expect(loaded.map((l) => l.origin)).toEqual([`${site.base}/news/most`, `${site.base}/news/hleb`, `${site.base}/news/koi8`]);
  });

  it("reports a missing child sitemap and still loads the others", async () => {
    const { loaded, failed } = await collect(loadInputs(`${site.base}/broken-index.xml`, source));
    expect(failed.map((f) => f.origin)).toEqual([`${site.base}/gone.xml`]);
    expect(loaded).toHaveLength(2);
  });

  it("refuses --url for a sitemap", async () => {
    expect((await loadError(`${site.base}/sitemap.xml`, { ...source, url: "https://a.example/" })).message).toMatch(/--url names one document/);
  });
});

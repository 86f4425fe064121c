import { gzipSync } from "node:zlib";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { extractPage } from "../../src/core/extract/html.ts";
import { PageRefusedError } from "../../src/core/extract/page-refused.ts";
import type { PageBody, PageContext, ReadPage } from "../../src/io/page-reader/read-page.ts";
import { readHtml, readPage } from "../../src/io/page-reader/read-page.ts";
import { UnreadablePageError } from "../../src/io/page-reader/unreadable-page.ts";
import { republishedPage } from "../monitor/articles.ts";

const TEXT = "Экспортерам возместят половину затрат на доставку продукции по железной дороге.";
const SECOND = "Заявки принимают до конца апреля, а первые выплаты обещают летом.";
const PAGE_URL = "https://stepnews.example/news/1";
const FETCHED = { fetched: { url: PAGE_URL, finalUrl: PAGE_URL }, declaredUrl: null, subject: PAGE_URL } satisfies PageContext;

/** The page as its author wrote it, declaring `charset` in its `<meta>`; no dash in its title, which KOI8-R lacks. */
const page = (charset = "utf-8", canonical?: string) =>
  republishedPage({ title: "Экспорт", published: "2024-03-15T12:00:00+05:00", paragraphs: [TEXT, SECOND], charset, canonical }).replace(" — ", ": ");

/** What the page reads as from its characters: what every encoding and label of it must give. */
const asWritten = (html: string, context: PageContext = FETCHED) => readHtml(html, context);

const body = (bytes: Uint8Array, contentType: string | null): PageBody => ({ bytes, contentType });

async function refusal(reading: Promise<ReadPage>): Promise<UnreadablePageError> {
  const error = await reading.then(
    () => null,
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(UnreadablePageError);
  return error as UnreadablePageError;
}

describe("one charset rule: BOM, header, <meta>, sniffing, labels the bytes contradict passed over", () => {
  it("reads windows-1251 bytes labelled utf-8 in the header and in <meta> as windows-1251", async () => {
    const html = page("utf-8");
    const read = await readPage(body(iconv.encode(html, "windows-1251"), "text/html; charset=utf-8"), FETCHED);
    expect(read.doc).toEqual((await asWritten(html)).doc);
    expect(read.doc.text).toContain(TEXT);
  });

  it("reads UTF-8 bytes labelled windows-1251 in the header and in <meta> as UTF-8", async () => {
    const html = page("windows-1251");
    const read = await readPage(body(Buffer.from(html), "text/html; charset=windows-1251"), FETCHED);
    expect(read.doc).toEqual((await asWritten(html)).doc);
  });

  it("follows a byte-order mark that contradicts the header", async () => {
    const html = page("koi8-r");
    const utf8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(html)]);
    expect((await readPage(body(utf8, "text/html; charset=koi8-r"), FETCHED)).doc).toEqual((await asWritten(html)).doc);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(html, "utf16le")]);
    expect((await readPage(body(utf16, "text/html; charset=utf-8"), FETCHED)).doc).toEqual((await asWritten(html)).doc);
  });

  it("takes the charset from <meta> when the header names none, and when there is no header (a file)", async () => {
    const html = page("windows-1251");
    const bytes = iconv.encode(html, "windows-1251");
    expect((await readPage(body(bytes, "text/html"), FETCHED)).doc).toEqual((await asWritten(html)).doc);
    expect((await readPage(body(bytes, null), FETCHED)).doc).toEqual((await asWritten(html)).doc);
  });

  it("takes a header's charset the bytes allow over the page's <meta>", async () => {
    const html = page("windows-1251");
    expect((await readPage(body(iconv.encode(html, "koi8-r"), "text/html; charset=koi8-r"), FETCHED)).doc).toEqual((await asWritten(html)).doc);
  });

  it("sniffs windows-1251 and KOI8-R that no label names", async () => {
    const html = page().replace('<meta charset="utf-8">', "");
    expect(html).not.toContain("charset");
    for (const charset of ["windows-1251", "koi8-r"]) {
      expect((await readPage(body(iconv.encode(html, charset), "text/html"), FETCHED)).doc).toEqual((await asWritten(html)).doc);
    }
  });
});

describe("a page's identity: where it was fetched, else the URL declared for it, never its canonical claim", () => {
  const CANONICAL = "https://vestnik-delovoy.example/original";
  const html = page("utf-8", CANONICAL).replace("<main>", '<main><p><a href="related">Ещё по теме</a></p>');

  it("goes by the URL fetched, keeping the canonical it claims; links resolve where the page answered", async () => {
    const context: PageContext = { subject: "x", fetched: { url: PAGE_URL, finalUrl: "https://stepnews.example/news/1/" }, declaredUrl: "https://declared.example/a" };
    const read = await readPage(body(Buffer.from(html), "text/html"), context);
    expect(read.doc.url).toBe(PAGE_URL);
    expect(read.canonicalUrl).toBe(CANONICAL);
    expect(read.doc.links.find((link) => link.text === "Ещё по теме")?.href).toBe("https://stepnews.example/news/1/related");
  });

  it("goes by the URL declared when the page was not fetched, its links resolving against it", async () => {
    const read = await readHtml(html, { subject: "copy.html", fetched: null, declaredUrl: "https://reposter.example/news/copy" });
    expect(read.doc.url).toBe("https://reposter.example/news/copy");
    expect(read.canonicalUrl).toBe(CANONICAL);
    expect(read.doc.links.find((link) => link.text === "Ещё по теме")?.href).toBe("https://reposter.example/news/related");
  });

  it("goes by what a saved file says of itself only when nothing else says where it is", async () => {
    const file = { subject: "copy.html", fetched: null, declaredUrl: null, fileUrl: "file:///tmp/copy.html" };
    expect((await readHtml(html, file)).doc.url).toBe(CANONICAL);
    expect((await readHtml(page(), file)).doc.url).toBe("file:///tmp/copy.html");
    const source = await refusal(readHtml(page(), { ...file, fileUrl: undefined }));
    expect(source).toMatchObject({ reason: "no_url", message: "copy.html: needs --url: the page names no canonical URL and a source must have its real URL" });
  });

  it("takes the caller's title and date over the page's, and its fallbacks where the page has none", async () => {
    const read = await readHtml(html, { ...FETCHED, title: "Свой заголовок", published: null });
    expect(read.doc).toMatchObject({ title: "Свой заголовок", published: null });
    const bare = `<html><body><article><p>${TEXT}</p><p>${SECOND}</p></article></body></html>`;
    expect((await readHtml(bare, { ...FETCHED, fallbackTitle: "Из ленты", fallbackPublished: "2024-03-01T00:00:00.000Z" })).doc).toMatchObject({
      title: "Из ленты",
      published: "2024-03-01T00:00:00.000Z",
    });
    expect((await readHtml(bare, FETCHED)).doc).toMatchObject({ title: PAGE_URL, published: null });
  });
});

describe("what is not a page, or has no text", () => {
  it("takes plain text as it is, under the page's identity", async () => {
    const read = await readPage(body(Buffer.from(`${TEXT}\n\n${SECOND}`), "text/plain; charset=utf-8"), FETCHED);
    expect(read).toEqual({ doc: { url: PAGE_URL, title: PAGE_URL, published: null, text: `${TEXT}\n\n${SECOND}`, links: [] }, canonicalUrl: null });
  });

  it.each([
    ["binary data", gzipSync(Buffer.from(TEXT)), "text/html", "not_a_page", "is binary data (an image, a PDF or an archive), not a page"],
    ["a feed", Buffer.from(`<?xml version="1.0"?><rss><channel/></rss>`), "application/xml", "not_a_page", "is XML or JSON (application/xml), not an HTML page or plain text"],
    ["a page of navigation only", Buffer.from("<!doctype html><html><body><nav><a href='/'>Главная</a></nav></body></html>"), "text/html", "no_text", "has no extractable text (no article found in the page)"],
    ["blank space", Buffer.from("   "), "text/plain", "no_text", "is empty"],
  ])("refuses %s, naming the page and the reason", async (_what, bytes, contentType, reason, problem) => {
    expect(await refusal(readPage(body(bytes, contentType), FETCHED))).toMatchObject({ reason, message: `${PAGE_URL}: ${problem}` });
  });

  it("refuses a page past a cap with the cap's reason, in an extraction thread or in this one", async () => {
    const deep = Buffer.from(`<!doctype html><html><body>${"<div>".repeat(10_000)}<p>${TEXT}</p>${"</div>".repeat(10_000)}</body></html>`);
    for (const extract of [undefined, extractPage]) {
      const error = await readPage(body(deep, "text/html"), FETCHED, extract).catch((failure: unknown) => failure);
      expect(error).toBeInstanceOf(PageRefusedError);
      expect(error).toMatchObject({ reason: "too_deep", message: "nesting depth 10,003 exceeds the limit of 256" });
    }
  });
});

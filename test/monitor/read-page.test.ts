import { gzipSync } from "node:zlib";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { decodePage } from "../../src/monitor/decode-page.ts";
import { readPage } from "../../src/monitor/read-page.ts";
import { DescribedFailure, PageError } from "../../src/monitor/failure.ts";
import { canonicalKeyOf, urlKey } from "../../src/monitor/url-key.ts";
import { formatDuration, parseDuration } from "../../src/monitor/duration.ts";
import { republishedPage } from "./articles.ts";

const TEXT = "Экспортерам возместят половину затрат на доставку продукции.";
const page = (charset?: string) => republishedPage({ title: "Экспорт", published: "2024-03-15T12:00:00+05:00", paragraphs: [TEXT], charset });

describe("decodePage", () => {
  it("believes the bytes over a header that contradicts them", () => {
    expect(decodePage(iconv.encode(page("windows-1251"), "windows-1251"), "text/html; charset=utf-8")).toContain(TEXT);
    expect(decodePage(Buffer.from(page(), "utf8"), "text/html; charset=windows-1251")).toContain(TEXT);
    expect(decodePage(iconv.encode(page("koi8-r"), "koi8-r"), "text/html; charset=koi8-r")).toContain(TEXT);
  });
});

describe("readPage", () => {
  it("extracts an HTML page under the URL it was fetched at, keeping the canonical URL it names", () => {
    const html = republishedPage({ title: "Экспорт", published: "2024-03-15T12:00:00+05:00", paragraphs: [TEXT], canonical: "https://vestnik-delovoy.example/original" });
    const read = readPage(Buffer.from(html), "text/html", "https://stepnews.example/news/1", "https://stepnews.example/news/1");
    expect(read.doc.url).toBe("https://stepnews.example/news/1");
    expect(read.doc.text).toContain(TEXT);
    expect(read.canonicalUrl).toBe("https://vestnik-delovoy.example/original");
  });

  it("takes plain text as is and refuses binary, feeds and empty pages with a reason", () => {
    expect(readPage(Buffer.from(TEXT), "text/plain", "https://x.example/a.txt", "https://x.example/a.txt").doc.text).toBe(TEXT);
    const reason = (body: Uint8Array, type: string) => {
      try {
        readPage(body, type, "https://x.example/p", "https://x.example/p");
      } catch (error) {
        expect(error).toBeInstanceOf(PageError);
        return (error as PageError).reason;
      }
      return "read";
    };
    expect(reason(gzipSync(Buffer.from(TEXT)), "text/html")).toBe("not_a_page");
    expect(reason(Buffer.from(`<?xml version="1.0"?><rss><channel/></rss>`), "application/xml")).toBe("not_a_page");
    expect(reason(Buffer.from("<!doctype html><html><body><nav><a href='/'>Главная</a></nav></body></html>"), "text/html")).toBe("no_text");
    expect(reason(Buffer.from("   "), "text/plain")).toBe("no_text");
  });

  it("refuses a page nested past the depth cap with its reason and figure, before parsing it", () => {
    const html = `<!doctype html><html><body>${"<div>".repeat(10_000)}<p>${TEXT}</p>${"</div>".repeat(10_000)}</body></html>`;
    let failure: unknown;
    try {
      readPage(Buffer.from(html), "text/html", "https://x.example/deep", "https://x.example/deep");
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(DescribedFailure);
    expect((failure as DescribedFailure).failure).toEqual({
      reason: "too_deep",
      message: "https://x.example/deep: nesting depth 10,003 exceeds the limit of 256",
      transient: false,
    });
  });
});

describe("URL keys", () => {
  it("file spellings of one page under one key", () => {
    expect(urlKey("http://www.stepnews.example/news/1/?utm_source=rss")).toBe(urlKey("https://stepnews.example/news/1"));
  });

  it("use a canonical URL only on the page's own site and not the home page", () => {
    expect(canonicalKeyOf("https://stepnews.example/news/1", "https://m.stepnews.example/print/1")).toBe(urlKey("https://stepnews.example/news/1"));
    expect(canonicalKeyOf("https://vestnik-delovoy.example/news/1", "https://stepnews.example/news/1")).toBeNull();
    expect(canonicalKeyOf("https://stepnews.example/", "https://stepnews.example/news/1")).toBeNull();
    expect(canonicalKeyOf(null, "https://stepnews.example/news/1")).toBeNull();
  });
});

describe("durations", () => {
  it("parse and print", () => {
    expect(parseDuration("--interval", "30m")).toBe(1_800_000);
    expect(parseDuration("--interval", "1.5h")).toBe(5_400_000);
    expect(formatDuration(86_400_000)).toBe("1d");
    expect(formatDuration(90_000)).toBe("90s");
    expect(() => parseDuration("--interval", "soon")).toThrow(/--interval "soon": not a duration/);
    expect(() => parseDuration("--interval", "0s")).toThrow(/at least 1s/);
  });
});

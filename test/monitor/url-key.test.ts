import { describe, expect, it } from "vitest";
import { canonicalKeyOf, urlKey } from "../../src/monitor/url-key.ts";
import { formatDuration, parseDuration } from "../../src/monitor/duration.ts";

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

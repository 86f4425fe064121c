import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadInputs } from "../../src/io/inputs/load-inputs.ts";
import { collect } from "./collect.ts";

const tmp = mkdtempSync(path.join(tmpdir(), "copyquota-feed-dates-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Over the 500 characters a feed body needs to count as the full article, so nothing is fetched. */
const BODY = "Мост через реку Быструю в Заречье откроют после ремонта к началу осени, сообщили в районной администрации. ".repeat(6);

function item(slug: string, pubDate: string): string {
  return `<item><title>${slug}</title><link>https://zarechye.example/${slug}</link><pubDate>${pubDate}</pubDate><yandex:full-text>${BODY}</yandex:full-text></item>`;
}

describe("feed item dates", () => {
  it("reads a month-name pubDate, which rss-parser leaves undated, and reads RFC 2822 as before", async () => {
    const file = path.join(tmp, "dates.rss");
    const items = [item("rfc", "Tue, 02 Apr 2024 10:15:00 +0300"), item("ru", "15 марта 2024 10:05"), item("kk", "2024 жылғы 14 наурыз"), item("bad", "31 февраля 2024")];
    writeFileSync(file, `<?xml version="1.0"?><rss version="2.0" xmlns:yandex="http://news.yandex.ru"><channel><title>Заречье</title>${items.join("")}</channel></rss>`);
    const { loaded, failed } = await collect(loadInputs(file, { purpose: "source" }));
    expect(failed).toEqual([]);
    expect(Object.fromEntries(loaded.map(({ doc }) => [doc.url, doc.published]))).toEqual({
      "https://zarechye.example/rfc": "2024-04-02T07:15:00.000Z",
      "https://zarechye.example/ru": "2024-03-15T10:05:00.000Z",
      "https://zarechye.example/kk": "2024-03-14T00:00:00.000Z",
      "https://zarechye.example/bad": null,
    });
  });
});

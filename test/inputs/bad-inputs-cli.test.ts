import { rmSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cli, jsonl, tempDir, write } from "../e2e/support.ts";

/**
 * Issue 13, items 5 and 6, through the real CLI: a bad input is named and skipped, the rest still loads or
 * is checked, and nothing already stored is lost. Each test spawns the CLI a few times on a loaded machine.
 */
const SPAWNING = { timeout: 180_000 };

const dir = tempDir("bad-inputs");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ARTICLE = [
  "Приозёрский городской совет утвердил план ремонта набережной: работы начнутся в мае и продлятся до конца сентября.",
  "Подрядчик заменит покрытие прогулочной зоны, установит новые скамейки и фонари, а также восстановит спуски к воде.",
  "Депутаты попросили администрацию согласовать с жителями расписание работ, чтобы шум не мешал отдыху по выходным.",
].join("\n\n");

const line = (record: Record<string, unknown>) => JSON.stringify(record);

interface Listed {
  url: string;
  published: string | null;
}

async function listed(db: string): Promise<Listed[]> {
  const run = await cli(["--db", db, "sources", "list", "--json"]);
  return jsonl<Listed>(run.stdout);
}

describe("sources add with bad URLs in a JSON Lines archive (issue 13, item 5)", () => {
  it("names each bad line as file:line, skips it, loads the lines after it and keeps what was stored", SPAWNING, async () => {
    const db = path.join(dir, "urls.db");
    const kept = write(dir, "kept.jsonl", line({ url: "https://priozersk-vesti.example/news/0", title: "Раньше", published: "2024-03-01", text: ARTICLE }));
    expect((await cli(["--db", db, "sources", "add", kept])).code).toBe(0);
    const archive = write(
      dir,
      "archive.jsonl",
      [
        line({ url: "https://priozersk-vesti.example/news/1", title: "Первая", published: "2024-04-01", text: ARTICLE }),
        line({ url: "https://a b.example/5", title: "Пробел в имени хоста", text: ARTICLE }),
        line({ url: "https://a\u202eb.example/6", title: "Управляющий символ", text: ARTICLE }),
        line({ url: "https://[::1/7", title: "Скобка", text: ARTICLE }),
        line({ url: "https://priozersk-vesti.example/news/8", title: "Последняя", published: "2024-04-08", text: ARTICLE }),
      ].join("\n"),
    );
    const run = await cli(["--db", db, "sources", "add", archive]);
    expect(run.code).toBe(2);
    expect(run.stderr).not.toMatch(/TypeError|\n\s+at /);
    expect(run.stderr).toContain(`copyquota: skipped ${archive}:2: "url" is not a valid URL: "https://a b.example/5"`);
    // The bidi control is shown escaped, so it cannot reorder the message on a terminal.
    expect(run.stderr).toContain(`copyquota: skipped ${archive}:3: "url" is not a valid URL: "https://a\\u202eb.example/6"`);
    expect(run.stderr).toContain(`copyquota: skipped ${archive}:4: "url" is not a valid URL`);
    expect(run.stderr).toContain("sources: 2 added, 0 replaced, 3 failed");
    expect((await listed(db)).map((s) => s.url).sort()).toEqual([0, 1, 8].map((n) => `https://priozersk-vesti.example/news/${n}`));
  });
});

describe("publication dates in JSON Lines (issue 14, item 7)", () => {
  it("reads dates under the names archives use, and warns when most documents have none", SPAWNING, async () => {
    const db = path.join(dir, "dates.db");
    const names = ["date", "pubDate", "published_at", "publishedAt", "datePublished", "pub_date"];
    const dated = write(
      dir,
      "dated.jsonl",
      names.map((name, i) => line({ url: `https://priozersk-vesti.example/d/${i}`, title: name, [name]: `2024-02-0${i + 1} 10:00:00`, text: ARTICLE })).join("\n"),
    );
    const first = await cli(["--db", db, "sources", "add", dated]);
    expect(first.code).toBe(0);
    expect(first.stderr).not.toContain("warning");
    const sources = await listed(db);
    expect(sources.map((s) => s.published).sort()).toEqual(names.map((_, i) => `2024-02-0${i + 1}T10:00:00.000Z`));

    const undated = write(
      dir,
      "undated.jsonl",
      [0, 1, 2].map((i) => line({ url: `https://priozersk-vesti.example/u/${i}`, title: "Без даты", ...(i === 0 ? { date: "2024-05-01" } : { time: "вчера" }), text: ARTICLE })).join("\n"),
    );
    const second = await cli(["--db", db, "sources", "add", undated]);
    expect(second.code).toBe(0);
    expect(second.stderr).toContain("copyquota: warning: 2 of 3 documents have no publication date; dates decide predates_source");
    expect(second.stderr).toMatch(/give them with --published, or in JSON Lines with a "published", "date", "pubDate" \(or similar\) field/);
  });

  it("names a date field that is not a date", SPAWNING, async () => {
    const db = path.join(dir, "bad-date.db");
    const archive = write(dir, "bad-date.jsonl", line({ url: "https://priozersk-vesti.example/b/1", pubDate: "вчера", text: ARTICLE }));
    const run = await cli(["--db", db, "sources", "add", archive]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`copyquota: skipped ${archive}:1: "pubDate" is not a date: "вчера"`);
  });
});

describe("check --json after malformed feeds (issue 13, item 6)", () => {
  it("names both malformed feeds and still checks the page after them", SPAWNING, async () => {
    const db = path.join(dir, "feeds.db");
    const source = write(dir, "source.jsonl", line({ url: "https://priozersk-vesti.example/news/nab", title: "Набережная", published: "2024-04-01", text: ARTICLE }));
    expect((await cli(["--db", db, "sources", "add", source])).code).toBe(0);
    const r3 = write(dir, "r3.xml", '<?xml version="1.0"?><rss version="2.0"><channel><title>a &#0; b</title></channel></rss>x');
    const r2 = write(dir, "r2.xml", "<??><feed");
    const page = write(dir, "page.html", `<html><head><title>Набережную отремонтируют</title></head><body><article>${ARTICLE.split("\n\n").map((p) => `<p>${p}</p>`).join("")}</article></body></html>`);
    const run = await cli(["--db", db, "check", "--json", r3, r2, page]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`^copyquota: ${r3}: is a malformed feed: .+\\ncopyquota: ${r2}: is a malformed feed: .+\\n$`));
    const results = jsonl<{ candidate: { title: string }; verdict: string; matches: Array<{ source: { url: string } }> }>(run.stdout);
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ candidate: { title: "Набережную отремонтируют" }, verdict: "violation" });
    expect(results[0]!.matches[0]!.source.url).toBe("https://priozersk-vesti.example/news/nab");
  });
});

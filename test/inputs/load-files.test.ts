import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { InputError } from "../../src/io/inputs/input-error.ts";
import { loadInputs } from "../../src/io/inputs/load-inputs.ts";
import { jsonlDocuments } from "../../src/io/inputs/jsonl.ts";
import type { LoadOptions } from "../../src/io/inputs/types.ts";
import { collect, inOrder } from "./collect.ts";
import { encoded, PNG_BYTES, pagesDir } from "./local-server.ts";

const page = (name: string) => path.join(pagesDir, name);
const tmp = mkdtempSync(path.join(tmpdir(), "copyquota-inputs-"));
const legacyFile = path.join(tmp, "legacy-1251.html");
writeFileSync(legacyFile, encoded("legacy-table.html", "windows-1251"));
const koi8File = path.join(tmp, "koi8.html");
writeFileSync(koi8File, encoded("koi8-article.html", "koi8-r"));
const pngFile = path.join(tmp, "photo.html");
writeFileSync(pngFile, PNG_BYTES);

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function loadOne(input: string, options: LoadOptions) {
  const { loaded, failed } = await collect(loadInputs(input, options));
  expect(failed).toEqual([]);
  expect(loaded).toHaveLength(1);
  return loaded[0]!;
}

async function loadError(input: string, options: LoadOptions): Promise<InputError> {
  try {
    await collect(loadInputs(input, options));
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).input).toBe(input);
    return error as InputError;
  }
  throw new Error(`${input} loaded without error`);
}

describe("HTML files", () => {
  it("decodes a windows-1251 page whose charset is only in <meta>, with --url as its URL and link base", async () => {
    const { doc, origin, bytes } = await loadOne(legacyFile, { purpose: "source", url: "http://zarechye-vestnik.example/news.php?id=812" });
    expect(origin).toBe(legacyFile);
    expect(Buffer.from(bytes!).equals(readFileSync(legacyFile))).toBe(true);
    expect(doc.url).toBe("http://zarechye-vestnik.example/news.php?id=812");
    expect(doc.title).toBe("Хлебозавод возобновил выпуск ржаного хлеба");
    expect(doc.text).toContain("Директор предприятия Валентина Сорокина рассказала");
    expect(doc.links[0]).toMatchObject({ href: "http://zarechye-vestnik.example/", mainContent: false });
  });

  it("takes the page's own URL (og:url when the canonical link is relative and the file has no URL)", async () => {
    const { doc } = await loadOne(pathToFileURL(page("modern-article.html")).href, { purpose: "source" });
    expect(doc.url).toBe("https://priozersk-vesti.example/news/2024/03/most-cherez-losinku?utm_source=og");
    expect(doc.published).toBe("2024-03-15T06:30:00.000Z");
  });

  it("lets --published override the page's date", async () => {
    const { doc } = await loadOne(page("modern-article.html"), { purpose: "candidate", published: "2024-03-20" });
    expect(doc.published).toBe("2024-03-20T00:00:00.000Z");
  });

  it("names a candidate page without any URL by its file:// URL, and refuses it as a source", async () => {
    const { doc } = await loadOne(koi8File, { purpose: "candidate" });
    expect(doc.url).toBe(pathToFileURL(koi8File).href);
    expect(doc.text).toContain("Лыжная трасса длиной двенадцать километров");
    const error = await loadError(koi8File, { purpose: "source" });
    expect(error.message).toMatch(/needs --url/);
  });
});

describe("plain text files", () => {
  const file = page("article.txt");
  const content = readFileSync(file, "utf8");

  it("keeps a candidate's text exactly as the file, with its first line as the title", async () => {
    const { doc } = await loadOne(file, { purpose: "candidate" });
    expect(doc.text).toBe(content);
    expect(doc.title).toBe("Приозёрский водоканал обновит сети на улице Садовой");
    expect(doc.url).toBe(pathToFileURL(file).href);
    expect(doc.links).toEqual([]);
  });

  it("takes a source's headline line as its title and out of its text", async () => {
    const { doc } = await loadOne(file, { purpose: "source", url: "https://priozersk-vesti.example/news/vodokanal", published: "15.04.2024" });
    expect(doc.title).toBe("Приозёрский водоканал обновит сети на улице Садовой");
    expect(doc.text.startsWith("Работы начнутся в мае")).toBe(true);
    expect(doc.text.endsWith("половину оплатит область.")).toBe(true);
    expect(doc.text.split("\n\n")).toHaveLength(3);
    expect(doc.published).toBe("2024-04-15T00:00:00.000Z");
  });

  it("requires --url for a source", async () => {
    expect((await loadError(file, { purpose: "source" })).message).toBe(`${file}: needs --url: plain text does not say where it was published`);
  });

  const seed = path.resolve(import.meta.dirname, "../../../shared/seed/article-ru.txt");
  it.skipIf(!existsSync(seed))("reads the shared seed article the same way (skipped when ../shared is absent)", async () => {
    const text = readFileSync(seed, "utf8");
    const firstLine = text.split("\n")[0]!.trim();
    const { doc } = await loadOne(seed, { purpose: "source", url: "https://kapital.example/seed" });
    expect(doc.title).toBe(firstLine);
    expect(doc.text).not.toContain(firstLine);
    expect(text.replace(/\r\n?/g, "\n")).toContain(doc.text);
    const candidate = await loadOne(seed, { purpose: "candidate" });
    expect(candidate.doc.text).toBe(text);
  });
  if (!existsSync(seed)) console.warn(`skipping the seed-article test: ${seed} is absent`);
});

describe("JSON Lines", () => {
  it("loads each good line and reports the bad one by file and line number", async () => {
    const file = page("articles.jsonl");
    const { loaded, failed } = await collect(loadInputs(file, { purpose: "source" }));
    expect(loaded.map((l) => l.origin)).toEqual([`${file}:1`, `${file}:4`]);
    expect(failed.map((f) => f.origin)).toEqual([`${file}:2`]);
    expect(failed[0]!.error.message).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:2: is not valid JSON`));
    const [text, html] = loaded.map((l) => l.doc);
    expect(text).toMatchObject({
      url: "https://priozersk-vesti.example/news/2024/01/katok",
      title: "На стадионе «Труд» залили каток",
      published: "2024-01-12T00:00:00.000Z",
      links: [],
    });
    expect(text!.text.split("\n\n")).toHaveLength(2);
    expect(html).toMatchObject({ url: "https://priozersk-vesti.example/news/2024/01/elka", published: "2024-01-10T06:00:00.000Z" });
    expect(html!.text).toMatch(/^Главную городскую ёлку/);
    expect(html!.links).toEqual([expect.objectContaining({ href: "https://priozersk-admin.example/elka", mainContent: true })]);
  });

  it("refuses --url for an input holding several documents", async () => {
    const error = await loadError(page("articles.jsonl"), { purpose: "source", url: "https://a.example/x" });
    expect(error.message).toMatch(/--url names one document/);
  });

  it("reports bad lines before the first document in order, and refuses text with no JSON object", async () => {
    // Called directly: the loader only takes a file for JSON Lines when its first line is an object.
    const options = { purpose: "source" as const, published: null, baseUrl: "file:///archive.jsonl" };
    const raw = (text: string) => ({ origin: "archive.jsonl", bytes: new Uint8Array(), text, charset: "utf-8" });
    const good = JSON.stringify({ url: "https://priozersk-vesti.example/news/2024/02/most", title: "Мост", text: "В Приозерске открыли пешеходный мост через реку." });
    const items = await inOrder(jsonlDocuments(raw(["{oops", "", "[1, 2]", good, "null"].join("\r\n")), options));
    expect(items.map((item) => ("error" in item ? item.error.message.replace(/ \(.*/, "") : item.doc.url))).toEqual([
      "archive.jsonl:1: is not valid JSON",
      "archive.jsonl:3: is not a JSON object",
      "https://priozersk-vesti.example/news/2024/02/most",
      "archive.jsonl:5: is not a JSON object",
    ]);
    await expect(inOrder(jsonlDocuments(raw("[1]\n\"text\"\n"), options))).rejects.toThrow(/^archive\.jsonl: is not JSON Lines of documents: no line is a JSON object$/);
  });

  it("refuses a JSON document that is not JSON Lines", async () => {
    const error = await loadError(page("not-jsonl.json"), { purpose: "source" });
    expect(error.message).toMatch(/is a JSON document, not JSON Lines/);
  });
});

describe("feed files", () => {
  it("ingests items carrying their full text without fetching anything", async () => {
    const { loaded, failed } = await collect(loadInputs(page("feed-fulltext.rss"), { purpose: "source" }));
    expect(failed).toEqual([]);
    const [library, choir] = loaded.map((l) => l.doc);
    expect(library).toMatchObject({
      url: "https://priozersk-vesti.example/news/2024/04/biblioteka",
      title: "В Приозёрске открылась первая городская библиотека нового формата",
      published: "2024-04-02T07:15:00.000Z",
    });
    expect(library!.text.split("\n\n")).toHaveLength(3);
    expect(library!.text).toMatch(/^После двухлетнего ремонта/);
    expect(choir).toMatchObject({ title: "Городской хор получил грант на гастроли", published: "2024-04-01T14:40:00.000Z" });
    expect(choir!.text.split("\n\n")).toHaveLength(3);
    expect(choir!.links).toEqual([expect.objectContaining({ href: "https://oblkultura.example/granty", mainContent: true })]);
  });

  it("names an item without a link by its title on one line, with bidi controls escaped", async () => {
    const file = path.join(tmp, "no-link.rss");
    writeFileSync(file, '<?xml version="1.0"?><rss version="2.0"><channel><title>Лента</title><item><title>Мост\n через &#x202e;реку</title><description>Мост откроют осенью.</description></item></channel></rss>');
    const { loaded, failed } = await collect(loadInputs(file, { purpose: "source" }));
    expect(loaded).toEqual([]);
    expect(failed.map((f) => f.error.message)).toEqual([`${file} item 1 ("Мост через \\u202eреку"): has no link to its page`]);
  });

  it("refuses a malformed feed, saying where", async () => {
    const error = await loadError(page("feed-malformed.rss"), { purpose: "source" });
    expect(error.message).toMatch(/is a malformed feed: .*Line: 7/);
  });
});

describe("inputs that are not documents", () => {
  it.each([
    ["a missing file", path.join(tmp, "no-such.html"), /no such file/],
    ["a directory", tmp, /is a directory/],
    ["an empty file", page("empty.txt"), /is empty/],
    ["a PNG named .html", pngFile, /is not text: it looks like a binary file/],
  ])("%s", async (_what, input, problem) => {
    expect((await loadError(input, { purpose: "candidate" })).message).toMatch(problem);
  });

  it("an XML document that is neither a feed nor a sitemap", async () => {
    const file = path.join(tmp, "logo.svg");
    writeFileSync(file, '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><text>Лого</text></svg>');
    expect((await loadError(file, { purpose: "candidate" })).message).toBe(`${file}: is an XML document with root <svg>, not HTML, a feed or a sitemap`);
  });

  it("a page with no extractable text", async () => {
    const file = path.join(tmp, "no-text.html");
    writeFileSync(file, "<html><head><title>Фото дня</title></head><body><img src=a.jpg></body></html>");
    expect((await loadError(file, { purpose: "candidate" })).message).toMatch(/has no extractable text/);
  });

  it("a bad --published", async () => {
    expect((await loadError(page("article.txt"), { purpose: "candidate", published: "вчера" })).message).toMatch(/--published "вчера" is not a date/);
  });
});

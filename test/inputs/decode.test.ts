import { rmSync } from "node:fs";
import { gzipSync } from "node:zlib";
import iconv from "iconv-lite";
import { afterAll, describe, expect, it } from "vitest";
import { decodeBody, sniffBinary } from "../../src/io/decode.ts";
import { cli, jsonl, tempDir, write } from "../e2e/support.ts";
import { PNG_BYTES } from "./local-server.ts";

const RUSSIAN =
  "Заречный хлебозавод после трёхмесячного перерыва снова выпускает ржаной хлеб по старой рецептуре. " +
  "Линию остановили осенью, когда на предприятии начали замену печей.";

const html = (head: string) => `<html><head>${head}<title>Новости</title></head><body><p>${RUSSIAN}</p></body></html>`;

describe("decodeBody", () => {
  it("follows a byte-order mark over everything else", () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(html('<meta charset="windows-1251">'))]);
    const { text, charset } = decodeBody(bytes, "text/html; charset=koi8-r");
    expect(charset).toBe("utf-8");
    expect(text.startsWith("<html>")).toBe(true);
    expect(text).toContain(RUSSIAN);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(RUSSIAN, "utf16le")]);
    expect(decodeBody(utf16)).toEqual({ text: RUSSIAN, charset: "utf-16le" });
  });

  it("takes the header's charset over the page's <meta>", () => {
    const bytes = iconv.encode(html('<meta charset="windows-1251">'), "koi8-r");
    expect(decodeBody(bytes, 'text/html; charset="KOI8-R"')).toMatchObject({ charset: "koi8-r" });
    expect(decodeBody(bytes, "text/html; charset=koi8-r").text).toContain(RUSSIAN);
  });

  it("reads <meta charset>, <meta http-equiv> and the XML declaration", () => {
    const meta = iconv.encode(html('<meta charset="windows-1251">'), "windows-1251");
    expect(decodeBody(meta, "text/html")).toMatchObject({ charset: "windows-1251" });
    const httpEquiv = iconv.encode(html('<meta http-equiv="Content-Type" content="text/html; charset=cp1251">'), "windows-1251");
    expect(decodeBody(httpEquiv).text).toContain(RUSSIAN);
    expect(decodeBody(httpEquiv).charset).toBe("windows-1251");
    const xml = iconv.encode(`<?xml version="1.0" encoding="koi8-r"?><rss><title>${RUSSIAN}</title></rss>`, "koi8-r");
    expect(decodeBody(xml)).toMatchObject({ charset: "koi8-r", text: expect.stringContaining(RUSSIAN) });
  });

  it("ignores an unknown charset label and goes on to the next clue", () => {
    const bytes = iconv.encode(html('<meta charset="windows-1251">'), "windows-1251");
    expect(decodeBody(bytes, "text/html; charset=no-such-charset").charset).toBe("windows-1251");
  });

  it("sniffs undeclared windows-1251 and KOI8-R, and takes valid UTF-8 as UTF-8", () => {
    expect(decodeBody(iconv.encode(html(""), "windows-1251"))).toMatchObject({ charset: "windows-1251", text: html("") });
    expect(decodeBody(iconv.encode(html(""), "koi8-r"))).toMatchObject({ charset: "koi8-r", text: html("") });
    expect(decodeBody(Buffer.from(html("")))).toMatchObject({ charset: "utf-8", text: html("") });
    expect(decodeBody(Buffer.from("plain ascii"))).toEqual({ text: "plain ascii", charset: "utf-8" });
  });
});

describe("decodeBody when a UTF-8 label is wrong", () => {
  it("sniffs windows-1251 bytes labelled utf-8 in the header or in <meta>", () => {
    const bytes = iconv.encode(html('<meta charset="utf-8">'), "windows-1251");
    expect(decodeBody(bytes, "text/html; charset=utf-8")).toEqual({ charset: "windows-1251", text: html('<meta charset="utf-8">') });
    expect(decodeBody(bytes)).toEqual({ charset: "windows-1251", text: html('<meta charset="utf-8">') });
    expect(decodeBody(iconv.encode(html(""), "koi8-r"), "text/html; charset=UTF8")).toMatchObject({ charset: "koi8-r", text: html("") });
  });

  it("keeps a UTF-8 page with a stray bad byte as UTF-8", () => {
    const page = html('<meta charset="utf-8">');
    const bytes = Buffer.concat([Buffer.from(page), Buffer.from([0xff]), Buffer.from(`<p>${RUSSIAN}</p>`)]);
    const { text, charset } = decodeBody(bytes, "text/html; charset=utf-8");
    expect(charset).toBe("utf-8");
    expect(text).toBe(`${page}\ufffd<p>${RUSSIAN}</p>`);
  });

  it("reads undeclared UTF-8 with a character cut short among its Cyrillic as UTF-8", () => {
    // chardet alone takes these bytes for windows-1252: the cut character, then kilobytes of ASCII.
    const markup = "<div>".repeat(2000);
    const bytes = Buffer.concat([Buffer.from(`<p>${RUSSIAN}`), Buffer.from([0xd0]), Buffer.from(`${markup}${RUSSIAN}</p>`)]);
    expect(decodeBody(bytes)).toEqual({ charset: "utf-8", text: `<p>${RUSSIAN}\ufffd${markup}${RUSSIAN}</p>` });
  });

  it("sniffs from the first byte that is not ASCII, past kilobytes of markup", () => {
    const page = `<html><head><script>${"var x = 1;\n".repeat(1500)}</script></head><body><p>${RUSSIAN}</p></body></html>`;
    expect(decodeBody(iconv.encode(page, "windows-1251"))).toEqual({ charset: "windows-1251", text: page });
  });
});

describe("decodeBody when a single-byte label is wrong", () => {
  it("reads valid UTF-8 as UTF-8 under a windows-1251 or KOI8-R label in the header or in <meta>", () => {
    const page = html('<meta charset="windows-1251">');
    expect(decodeBody(Buffer.from(page), "text/html; charset=windows-1251")).toEqual({ charset: "utf-8", text: page });
    expect(decodeBody(Buffer.from(page))).toEqual({ charset: "utf-8", text: page });
    expect(decodeBody(Buffer.from(html("")), "text/html; charset=koi8-r")).toEqual({ charset: "utf-8", text: html("") });
  });

  it("keeps the label of ASCII bytes, which every charset reads alike", () => {
    expect(decodeBody(Buffer.from("<p>plain ascii</p>"), "text/html; charset=windows-1251").charset).toBe("windows-1251");
  });
});

describe("check --json on a windows-1251 page labelled utf-8 (issue 13, item 9)", () => {
  const dir = tempDir("mislabelled");
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const source = {
    url: "https://zarechye-vestnik.example/news/2024/05/hlebozavod",
    paragraphs: [
      RUSSIAN,
      "Директор предприятия пообещал, что цена буханки до конца года останется прежней, а в магазинах района хлеб появится уже в понедельник.",
      "Для новой линии на хлебозаводе наняли двенадцать пекарей, половина из них прежде работала на закрытой пекарне в соседнем посёлке.",
    ],
  };

  it("decodes the page by its bytes, not its label, and finds the source it copies", { timeout: 180_000 }, async () => {
    const db = `${dir}/copyquota.db`;
    const sourceFile = write(dir, "source.txt", `Хлебозавод возобновил выпуск\n\n${source.paragraphs.join("\n\n")}`);
    const added = await cli(["--db", db, "sources", "add", "--url", source.url, "--published", "2024-05-02", sourceFile]);
    expect(added.stderr).toContain("1 added");
    const page = `<!doctype html><html><head><meta charset="utf-8"><title>Хлеб снова в продаже</title></head>
<body><main><article><h1>Хлеб снова в продаже</h1>${source.paragraphs.map((p) => `<p>${p}</p>`).join("\n")}</article></main></body></html>`;
    const candidate = write(dir, "reprint.html", iconv.encode(page, "windows-1251"));
    const checked = await cli(["--db", db, "check", "--json", candidate]);
    expect(checked.stderr).toBe("");
    const [result] = jsonl<{ verdict: string; candidate: { title: string }; matches: Array<{ source: { url: string }; share: number }> }>(checked.stdout);
    expect(result!.candidate.title).toBe("Хлеб снова в продаже");
    expect(result!.verdict).toBe("violation");
    expect(result!.matches[0]!.source.url).toBe(source.url);
    expect(result!.matches[0]!.share).toBeGreaterThan(0.9);
    expect(checked.code).toBe(1);
  });
});

describe("sniffBinary", () => {
  it.each([
    ["PNG", PNG_BYTES],
    ["JPEG", Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46])],
    ["GIF", Buffer.from("GIF89a\x01\x00", "latin1")],
    ["PDF", Buffer.from("%PDF-1.7\n%âãÏÓ\n", "latin1")],
    ["ZIP", Buffer.from("PK\x03\x04\x14\x00", "latin1")],
    ["gzip", gzipSync("текст")],
    ["NUL bytes", Buffer.from("abc\x00def", "latin1")],
  ])("%s is binary", (_name, bytes) => {
    expect(sniffBinary(bytes)).toBe(true);
  });

  it("takes text, in any charset, and UTF-16 with its byte-order mark, as not binary", () => {
    expect(sniffBinary(Buffer.from(RUSSIAN))).toBe(false);
    expect(sniffBinary(iconv.encode(RUSSIAN, "windows-1251"))).toBe(false);
    expect(sniffBinary(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(RUSSIAN, "utf16le")]))).toBe(false);
    expect(sniffBinary(new Uint8Array())).toBe(false);
  });
});

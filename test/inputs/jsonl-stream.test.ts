import { execFile, execFileSync } from "node:child_process";
import { createWriteStream, rmSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import iconv from "iconv-lite";
import { afterAll, describe, expect, it } from "vitest";
import { MAX_INPUT_BYTES } from "../../src/io/input-size-limit.ts";
import { jsonlDocuments } from "../../src/io/inputs/jsonl.ts";
import { loadInputs } from "../../src/io/inputs/load-inputs.ts";
import { byteLines, textLines } from "../../src/io/inputs/numbered-lines.ts";
import type { NumberedLine } from "../../src/io/inputs/numbered-lines.ts";
import type { LoadOptions } from "../../src/io/inputs/types.ts";
import { REPO, tempDir, write } from "../e2e/support.ts";
import { collect, inOrder } from "./collect.ts";
import { pagesDir } from "./local-server.ts";

const dir = tempDir("jsonl-stream");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const STREAMED: LoadOptions = { purpose: "source", streamJsonl: true };
const TEXT = "Приозёрский городской совет утвердил план ремонта набережной: работы начнутся в мае и продлятся до конца сентября.";
const record = (n: number, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ url: `https://priozersk-vesti.example/news/${n}`, title: `Новость ${n}`, published: "2024-03-01", text: `${TEXT} (${n})`, ...extra });

async function* chunked(bytes: Buffer, cuts: readonly number[]): AsyncGenerator<Buffer> {
  let start = 0;
  for (const cut of [...cuts, bytes.length]) {
    yield bytes.subarray(start, cut);
    start = cut;
  }
}

async function lines(chunks: AsyncIterable<Buffer>, maxLineBytes = MAX_INPUT_BYTES): Promise<NumberedLine[]> {
  const all: NumberedLine[] = [];
  for await (const line of byteLines(chunks, maxLineBytes)) all.push(line);
  return all;
}

describe("byteLines", () => {
  // A BOM, two- and four-byte characters, CRLF, blank lines, and a last line without a newline.
  const text = `\uFEFF{"a":"ёлка"}\r\n\r\n{"b":"😀 қала"}\r\n  \n{oops`;
  const bytes = Buffer.from(text, "utf8");
  const expected = [
    { number: 1, text: '{"a":"ёлка"}' },
    { number: 3, text: '{"b":"😀 қала"}' },
    { number: 5, text: "{oops" },
  ];

  it("splits lines as the in-memory reader does, wherever two cuts fall: inside a character, a line, a CRLF or the BOM", async () => {
    expect([...textLines(text)]).toEqual(expected);
    for (let first = 0; first <= bytes.length; first++) {
      for (let second = first; second <= bytes.length; second++) {
        expect(await lines(chunked(bytes, [first, second]))).toEqual(expected);
      }
    }
  });

  it("reads chunks of one byte", async () => {
    expect(await lines(chunked(bytes, Array.from({ length: bytes.length }, (_, i) => i)))).toEqual(expected);
  });

  it("reports a line past the limit by its number without keeping it, and reads the lines around it", async () => {
    const long = Buffer.from(`{"a":1}\n{"text":"${"ж".repeat(20)}"}\n{"b":2}`, "utf8");
    const read = await lines(chunked(long, [3, 20, 30]), 30);
    expect(read).toEqual([{ number: 1, text: '{"a":1}' }, { number: 2, problem: expect.stringMatching(/^is longer than /) }, { number: 3, text: '{"b":2}' }]);
    // Exactly at the limit is not past it.
    expect(await lines(chunked(Buffer.from("1234\n"), [2]), 4)).toEqual([{ number: 1, text: "1234" }]);
  });
});

describe("jsonlDocuments", () => {
  it("asks for a line only when the document before it is taken", async () => {
    let pulled = 0;
    async function* counted(): AsyncGenerator<NumberedLine> {
      for (let number = 1; number <= 1000; number++) {
        pulled++;
        yield { number, text: record(number) };
      }
    }
    const documents = jsonlDocuments({ origin: "archive.jsonl", path: "/archive.jsonl", lines: counted() }, { purpose: "source", published: null, baseUrl: "file:///archive.jsonl" });
    expect((await documents.next()).value).toMatchObject({ origin: "archive.jsonl:1" });
    expect((await documents.next()).value).toMatchObject({ origin: "archive.jsonl:2" });
    expect(pulled).toBe(2);
    await documents.return(undefined);
  });
});

describe("loadInputs streaming a JSON Lines file", () => {
  it("skips a bad line in the middle, naming file:line, and loads a CRLF file with a BOM and no final newline", async () => {
    const file = write(dir, "crlf.jsonl", `\uFEFF${[record(1), "{oops", "", record(4)].join("\r\n")}`);
    const { loaded, failed } = await collect(loadInputs(file, STREAMED));
    expect(loaded.map((l) => [l.origin, l.doc.url])).toEqual([
      [`${file}:1`, "https://priozersk-vesti.example/news/1"],
      [`${file}:4`, "https://priozersk-vesti.example/news/4"],
    ]);
    expect(loaded[0]!.doc).toMatchObject({ title: "Новость 1", published: "2024-03-01T00:00:00.000Z", text: `${TEXT} (1)` });
    expect(failed.map((f) => f.error.message)).toEqual([expect.stringMatching(new RegExp(`^${escape(file)}:2: is not valid JSON \\(`))]);
  });

  it("gives the documents and failures the whole-file reader gives", async () => {
    const file = path.join(pagesDir, "articles.jsonl");
    const whole = await inOrder(loadInputs(file, { purpose: "source" }));
    expect(await inOrder(loadInputs(file, STREAMED))).toEqual(whole);
  });

  it("names a line past 16 MiB as too long, and loads the lines around it", async () => {
    const file = write(dir, "long-line.jsonl", [record(1), record(2, { html: `<p>${"a".repeat(MAX_INPUT_BYTES)}</p>` }), record(3)].join("\n"));
    const { loaded, failed } = await collect(loadInputs(file, STREAMED));
    expect(loaded.map((l) => l.origin)).toEqual([`${file}:1`, `${file}:3`]);
    expect(failed.map((f) => f.error.message)).toEqual([`${file}:2: is longer than 16 MiB, the limit for one line (one document) of JSON Lines`]);
  });

  it("unpacks gzip as it reads, and keeps what it read before the file turns out truncated", async () => {
    const packed = gzipSync(Buffer.from([record(1), record(2), record(3)].join("\n") + "\n" + "x".repeat(200_000)));
    const file = write(dir, "archive.jsonl.gz", packed);
    const whole = await collect(loadInputs(file, STREAMED));
    expect(whole.loaded.map((l) => l.doc.url)).toEqual([1, 2, 3].map((n) => `https://priozersk-vesti.example/news/${n}`));
    const truncated = write(dir, "truncated.jsonl.gz", packed.subarray(0, packed.length - 40));
    const origins: string[] = [];
    const reading = (async () => {
      for await (const item of loadInputs(truncated, STREAMED)) origins.push(item.origin);
    })();
    await expect(reading).rejects.toThrow(new RegExp(`^${escape(truncated)}: is gzip-compressed but cannot be unpacked \\(`));
    expect(origins).toEqual([1, 2, 3].map((n) => `${truncated}:${n}`));
  });

  it("reads a pipe once: JSON Lines as lines, a text from the bytes the sniffing already read", async () => {
    for (const [name, content] of [["archive", `${record(1)}\n${record(2)}\n`], ["article", `${TEXT}\n\n${TEXT}`]] as const) {
      const fifo = path.join(dir, `${name}.fifo`);
      execFileSync("mkfifo", [fifo]);
      const writing = new Promise<void>((resolve, reject) => createWriteStream(fifo).on("error", reject).end(content, () => resolve()));
      const { loaded, failed } = await collect(loadInputs(fifo, { ...STREAMED, url: name === "article" ? "https://priozersk-vesti.example/news/0" : undefined }));
      await writing;
      expect(failed).toEqual([]);
      expect(loaded.map((l) => l.doc.url)).toEqual(name === "archive" ? [1, 2].map((n) => `https://priozersk-vesti.example/news/${n}`) : ["https://priozersk-vesti.example/news/0"]);
    }
  });

  it("leaves what does not open with a JSON object line to the whole-file reader: a JSON document, a windows-1251 export", async () => {
    await expect(collect(loadInputs(path.join(pagesDir, "not-jsonl.json"), STREAMED))).rejects.toThrow(/is a JSON document, not JSON Lines/);
    const file = write(dir, "cp1251.jsonl", iconv.encode(`${record(1)}\n${record(2)}\n`, "windows-1251"));
    const { loaded, failed } = await collect(loadInputs(file, STREAMED));
    expect(failed).toEqual([]);
    expect(loaded.map((l) => l.doc.title)).toEqual(["Новость 1", "Новость 2"]);
  });
});

/**
 * Issue 11: a JSON Lines archive loads in memory bounded by what is read ahead, not by the file. The heap is
 * capped at 40 MB and the file is four times that, so a reader holding the whole file as one string runs out
 * of heap. Its lines carry a 1 MB field the
 * loader ignores, as exports carry raw HTML beside the text, so indexing stays cheap.
 */
describe("sources add of a JSON Lines file four times the heap", () => {
  const HEAP_MB = 40;
  const LINES = 160;
  const PADDING = "x".repeat(1_000_000);

  it("loads every document, undated ones warned of, with the heap capped", { timeout: 240_000 }, async () => {
    const archive = path.join(dir, "large.jsonl");
    const out = createWriteStream(archive);
    for (let n = 0; n < LINES; n++) {
      const line = `${JSON.stringify({ url: `https://priozersk-vesti.example/news/${n}`, title: `Новость ${n}`, text: `${TEXT} (${n})`, raw_html: PADDING })}\n`;
      if (!out.write(line)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
    }
    await new Promise<void>((resolve) => out.end(() => resolve()));
    const db = path.join(dir, "large.db");
    const run = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      execFile(process.execPath, [`--max-old-space-size=${HEAP_MB}`, path.join(REPO, "bin/copyquota.js"), "--db", db, "sources", "add", archive], { maxBuffer: 16 << 20 }, (error, _stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === "number" ? error.code : null) : 0, stderr });
      });
    });
    expect(run.stderr).not.toMatch(/heap out of memory/);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`sources: ${LINES} added, 0 replaced, 0 failed`);
    expect(run.stderr).toContain(`copyquota: warning: ${LINES} of ${LINES} documents have no publication date`);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

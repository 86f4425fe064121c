import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KEY, startTestServer } from "./support.ts";
import type { TestServer } from "./support.ts";

/**
 * Issue 13, items 5, 6 and 8 through the real API on loopback: a bad JSON Lines line is listed in `errors`
 * and the rest added, a malformed feed is a 400 naming it and the next upload is answered, and no file
 * name makes a 500. The server's temporary files go to a directory of this test's own, to see none is left.
 */
const uploads = mkdtempSync(path.join(tmpdir(), "copyquota-upload-test-"));
const previousTmpdir = process.env.TMPDIR;
let server: TestServer;

beforeAll(async () => {
  process.env.TMPDIR = uploads;
  server = await startTestServer();
});

afterAll(async () => {
  await server.close();
  if (previousTmpdir === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = previousTmpdir;
  rmSync(uploads, { recursive: true, force: true });
});

const ARTICLE = "Приозёрский городской совет утвердил план ремонта набережной: работы начнутся в мае и продлятся до конца сентября.";

async function upload(query: string, body: string) {
  const response = await fetch(`${server.url}/api/sources/upload?${query}`, {
    method: "POST",
    headers: { authorization: `Bearer ${KEY}`, "content-type": "application/octet-stream" },
    body,
  });
  return { status: response.status, body: (await response.json()) as { added?: Array<{ url: string }>; errors?: Array<{ input: string; message: string }>; message?: string } };
}

/** The upload directories the server left in its temporary directory. */
const leftovers = () => readdirSync(uploads).filter((name) => name.startsWith("copyquota-upload-"));

describe("uploading bad inputs", () => {
  it("lists JSON Lines lines with invalid URLs in errors and adds the rest (issue 13, item 5)", async () => {
    const lines = [
      { url: "https://priozersk-vesti.example/u/1", title: "Первая", text: ARTICLE },
      { url: "https://a b.example/5", title: "Пробел", text: ARTICLE },
      { url: "https://a\u202eb.example/6", title: "Управляющий символ", text: ARTICLE },
      { url: "https://priozersk-vesti.example/u/4", title: "Последняя", text: ARTICLE },
    ];
    const { status, body } = await upload("filename=archive.jsonl", lines.map((l) => JSON.stringify(l)).join("\n"));
    expect(status).toBe(200);
    expect(body.added!.map((a) => a.url)).toEqual(["https://priozersk-vesti.example/u/1", "https://priozersk-vesti.example/u/4"]);
    expect(body.errors).toEqual([
      { input: "archive.jsonl:2", message: 'archive.jsonl:2: "url" is not a valid URL: "https://a b.example/5"' },
      { input: "archive.jsonl:3", message: 'archive.jsonl:3: "url" is not a valid URL: "https://a\\u202eb.example/6"' },
    ]);
    expect(leftovers()).toEqual([]);
  });

  it("answers a malformed feed with a 400 naming it, then the next malformed feed, then a page (issue 13, item 6)", async () => {
    const r3 = await upload("filename=r3.xml", '<?xml version="1.0"?><rss version="2.0"><channel><title>a &#0; b</title></channel></rss>x');
    expect(r3.status).toBe(400);
    expect(r3.body.message).toMatch(/^r3\.xml: is a malformed feed: /);
    const r2 = await upload("filename=r2.xml", "<??><feed");
    expect(r2.status).toBe(400);
    expect(r2.body.message).toMatch(/^r2\.xml: is a malformed feed: /);
    const page = await upload(
      `filename=page.html&url=${encodeURIComponent("https://priozersk-vesti.example/u/page")}`,
      `<html><head><title>Набережная</title></head><body><article><p>${ARTICLE}</p></article></body></html>`,
    );
    expect(page).toMatchObject({ status: 200, body: { added: [{ url: "https://priozersk-vesti.example/u/page" }], errors: [] } });
    expect(leftovers()).toEqual([]);
  });

  it.each([
    ["..", ".."],
    [".", "."],
    ["/", "/"],
    ["a NUL", "a\u0000b.txt"],
    ["a path", "../../etc/passwd.txt"],
    ["a Windows path", "C:\\Users\\x\\..\\статья.txt"],
    ["200 Cyrillic letters", `${"ж".repeat(196)}.txt`],
  ])("takes %s as the file name without a 500 (issue 13, item 8)", async (_what, filename) => {
    const url = `https://priozersk-vesti.example/u/${encodeURIComponent(filename.length)}`;
    const { status, body } = await upload(`filename=${encodeURIComponent(filename)}&url=${encodeURIComponent(url)}`, ARTICLE);
    expect(status).toBe(200);
    expect(body.added).toHaveLength(1);
    expect(leftovers()).toEqual([]);
  });

  it("refuses an empty or overlong file name with a 400", async () => {
    for (const filename of ["", "x".repeat(201)]) {
      const { status } = await upload(`filename=${filename}`, ARTICLE);
      expect(status).toBe(400);
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KEY, startTestServer } from "./support.ts";
import type { TestServer } from "./support.ts";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server.close();
});

async function upload(query: string, body: string): Promise<{ status: number; json: { added?: { title: string }[]; warnings?: string[]; message?: string } }> {
  const response = await fetch(`${server.url}/api/sources/upload?${query}`, { method: "POST", headers: { authorization: `Bearer ${KEY}`, "content-type": "application/octet-stream" }, body });
  return { status: response.status, json: (await response.json()) as never };
}

const TEXT = "Акимат утвердил план ремонта дорог на лето.\n\nРаботы начнутся в июне и затронут двенадцать улиц в центре города, сообщили в управлении.";

describe("upload: a single text's title, and archives without dates", () => {
  it("gives a text the title sent, not its file name", async () => {
    const titled = await upload(`filename=remont.txt&url=${encodeURIComponent("https://vestnik.example/news/remont")}&title=${encodeURIComponent("План ремонта дорог")}`, TEXT);
    expect(titled.status).toBe(200);
    expect(titled.json.added![0]!.title).toBe("План ремонта дорог");
    const untitled = await upload(`filename=remont-2.txt&url=${encodeURIComponent("https://vestnik.example/news/remont-2")}`, TEXT);
    expect(untitled.json.added![0]!.title).toBe("remont-2.txt");
  });

  it("names a missing query parameter as such", async () => {
    const missing = await upload("url=https://vestnik.example/x", TEXT);
    expect(missing.status).toBe(400);
    expect(missing.json.message).toMatch(/^query parameter filename: /);
  });

  it("refuses a title for an archive of several documents, naming the file", async () => {
    const lines = [1, 2].map((n) => JSON.stringify({ url: `https://vestnik.example/news/${n}`, title: `Новость ${n}`, text: TEXT, published: "2024-05-0" + n })).join("\n");
    const refused = await upload(`filename=archive.jsonl&title=x`, lines);
    expect(refused.status).toBe(400);
    expect(refused.json.message).toMatch(/archive\.jsonl.*names one document, but this jsonl input holds several/);
  });

  it("warns when most documents of an upload have no publication date", async () => {
    const undated = [3, 4, 5].map((n) => JSON.stringify({ url: `https://vestnik.example/news/${n}`, title: `Новость ${n}`, text: TEXT })).join("\n");
    const answer = await upload("filename=undated.jsonl", undated);
    expect(answer.status).toBe(200);
    expect(answer.json.warnings).toEqual([expect.stringMatching(/^3 of 3 documents have no publication date.*the published parameter/)]);
    const dated = [6, 7].map((n) => JSON.stringify({ url: `https://vestnik.example/news/${n}`, title: `Новость ${n}`, text: TEXT, date: "2024-05-07" })).join("\n");
    expect((await upload("filename=dated.jsonl", dated)).json.warnings).toEqual([]);
  });
});

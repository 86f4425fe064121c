import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli } from "../monitor/cli.ts";
import { KEY, startTestServer } from "./support.ts";
import type { TestServer } from "./support.ts";

/**
 * A source's publication date given through the API is stored in the form the CLI stores for `--published`
 * (UTC ISO), whichever way it was written; a date that is not one is a 400 naming the field, and leaves the
 * stored sources as they were.
 */

let server: TestServer;
let dir: string;

beforeAll(async () => {
  server = await startTestServer();
  dir = mkdtempSync(path.join(tmpdir(), "copyquota-source-dates-"));
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const TEXT = "Акимат утвердил план ремонта дорог на лето.\n\nРаботы начнутся в июне и затронут двенадцать улиц в центре города, сообщили в управлении.";
/** Almaty's morning, written with its zone: the CLI stores it as the same instant in UTC. */
const ZONED = "2024-03-14T10:30:00+05:00";

interface StoredSummary {
  url: string;
  published: string | null;
}

async function storedSources(): Promise<StoredSummary[]> {
  return (await server.call<{ items: StoredSummary[] }>("GET", "/api/sources?limit=500")).body.items;
}

async function publishedOf(url: string): Promise<string | null | undefined> {
  return (await storedSources()).find((source) => source.url === url)?.published;
}

async function upload(query: string, body: string): Promise<{ status: number; json: { message?: string } }> {
  const response = await fetch(`${server.url}/api/sources/upload?${query}`, { method: "POST", headers: { authorization: `Bearer ${KEY}`, "content-type": "application/octet-stream" }, body });
  return { status: response.status, json: (await response.json()) as never };
}

/** What `copyquota sources add --published` stores for a date, read back with `sources list --json`. */
async function storedByCli(published: string): Promise<string | null> {
  const db = path.join(dir, "cli.db");
  const file = path.join(dir, "article.txt");
  writeFileSync(file, TEXT);
  const added = await cli(["--db", db, "sources", "add", "--url", "https://vestnik.example/news/cli", "--published", published, file]);
  expect(added.code, added.stderr).toBe(0);
  const listed = await cli(["--db", db, "sources", "list", "--json"]);
  return (JSON.parse(listed.stdout.trim()) as StoredSummary).published;
}

describe("a source's publication date through the API", () => {
  it("is stored as the CLI stores it, from JSON text, JSON HTML and an upload", async () => {
    const cliForm = await storedByCli(ZONED);
    expect(cliForm).toBe("2024-03-14T05:30:00.000Z");

    const text = await server.call("POST", "/api/sources", { url: "https://vestnik.example/news/text", text: TEXT, published: ZONED });
    expect(text.status).toBe(201);
    const html = await server.call("POST", "/api/sources", { url: "https://vestnik.example/news/html", html: `<html><body><article><p>${TEXT}</p></article></body></html>`, published: ZONED });
    expect(html.status).toBe(201);
    const uploaded = await upload(`filename=remont.txt&url=${encodeURIComponent("https://vestnik.example/news/upload")}&published=${encodeURIComponent(ZONED)}`, TEXT);
    expect(uploaded.status).toBe(200);

    for (const url of ["https://vestnik.example/news/text", "https://vestnik.example/news/html", "https://vestnik.example/news/upload"]) {
      expect(await publishedOf(url), url).toBe(cliForm);
    }
  });

  it("stores a day without a time as midnight UTC, as the CLI does", async () => {
    expect(await storedByCli("2024-03-14")).toBe("2024-03-14T00:00:00.000Z");
    await server.call("POST", "/api/sources", { url: "https://vestnik.example/news/day", text: TEXT, published: "2024-03-14" });
    expect(await publishedOf("https://vestnik.example/news/day")).toBe("2024-03-14T00:00:00.000Z");
  });

  it("refuses a date that is not one with a 400 naming the field, and keeps what was stored", async () => {
    const url = "https://vestnik.example/news/kept";
    expect((await server.call("POST", "/api/sources", { url, text: TEXT, published: ZONED })).status).toBe(201);
    const before = await storedSources();

    // 30 February passes `Date.parse` (it rolls over to 1 March); the CLI's reader refuses it.
    for (const published of ["2024-02-30", "14/03/2024", "yesterday"]) {
      const json = await server.call<{ message: string }>("POST", "/api/sources", { url, text: `${TEXT} Изменено.`, published });
      expect(json.status, published).toBe(400);
      expect(json.body.message).toMatch(/^published: must be an ISO date or timestamp/);
      const uploaded = await upload(`filename=kept.txt&url=${encodeURIComponent(url)}&published=${encodeURIComponent(published)}`, TEXT);
      expect(uploaded.status, published).toBe(400);
      expect(uploaded.json.message).toMatch(/^query parameter published: must be an ISO date or timestamp/);
    }
    expect(await storedSources()).toEqual(before);
    expect(await publishedOf(url)).toBe("2024-03-14T05:30:00.000Z");
  });

  it("is refused by the CLI's --published as by the API, and a time without a zone is UTC for both", async () => {
    const file = path.join(dir, "refused.txt");
    writeFileSync(file, TEXT);
    for (const published of ["2024-02-30", "14/03/2024", "yesterday"]) {
      const added = await cli(["--db", path.join(dir, "refused.db"), "sources", "add", "--url", "https://vestnik.example/news/refused", "--published", published, file]);
      expect(added.code, published).toBe(2);
      expect(added.stderr).toContain(`--published ${JSON.stringify(published)}: not an ISO date`);
    }
    const zoneless = "2024-03-14T10:30:00";
    expect(await storedByCli(zoneless)).toBe("2024-03-14T10:30:00.000Z");
    await server.call("POST", "/api/sources", { url: "https://vestnik.example/news/zoneless", text: TEXT, published: zoneless });
    expect(await publishedOf("https://vestnik.example/news/zoneless")).toBe("2024-03-14T10:30:00.000Z");
  });
});

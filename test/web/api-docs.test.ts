import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer } from "../server/support.ts";
import type { TestServer } from "../server/support.ts";
import { launchTestBrowser, type TestBrowser } from "./browser.ts";

/**
 * The API reference at /api/docs in real Chromium (Debian's, driven by playwright-core, as in ui.test.ts), on a
 * server without the web UI: every operation of the OpenAPI document the server serves is listed under its tag,
 * and opening one shows who may call it, its parameters and its responses' schemas, field by field.
 * What is expected is read from the document, not written here, so a route added later is checked too.
 */

interface Schema {
  $ref?: string;
  properties?: Record<string, Schema>;
}

interface Operation {
  tags?: string[];
  parameters?: { name: string }[];
  responses: Record<string, { content?: Record<string, { schema: Schema }> }>;
  security?: unknown[];
  "x-roles"?: string[];
}

interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

let server: TestServer;
let browser: TestBrowser;
let page: Page;
let doc: OpenApiDocument;

beforeAll(async () => {
  server = await startTestServer({ webUi: false });
  doc = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as OpenApiDocument;
  browser = await launchTestBrowser();
  page = browser.page;
  await page.goto(`${server.url}/api/docs`);
  await page.waitForSelector("[data-operation]");
}, 30_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

function operations(): { key: string; operation: Operation }[] {
  return Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).map(([method, operation]) => ({ key: `${method.toUpperCase()} ${path}`, operation })));
}

function operationSelector(key: string): string {
  return `[data-operation="${key}"]`;
}

/** Opens an operation's row (a click on its summary line), once. */
async function open(key: string): Promise<void> {
  if (!(await page.$eval(operationSelector(key), (details) => (details as HTMLDetailsElement).open))) await page.click(`${operationSelector(key)} > summary`);
  await page.waitForSelector(`${operationSelector(key)} .operation-body`);
}

describe("the API reference page", () => {
  it("lists every operation of the OpenAPI document, each under its first tag", async () => {
    const listed = await page.$$eval("[data-operation]", (rows) => rows.map((row) => [row.getAttribute("data-operation"), row.closest("section")?.id]));
    const expected = operations().map(({ key, operation }) => [key, `tag-${operation.tags?.[0] ?? "other"}`]);
    expect(expected.length).toBeGreaterThan(30);
    expect(listed.sort()).toEqual(expected.sort());
  });

  it("says who may call each operation, as the document does", async () => {
    const tags = await page.$$eval("[data-operation]", (rows) => rows.map((row) => [row.getAttribute("data-operation"), row.querySelector(".access")?.textContent ?? null]));
    const expected = operations().map(({ key, operation }) => [key, operation.security?.length === 0 ? "public" : (operation["x-roles"]?.[0] ?? null)]);
    expect(tags.sort()).toEqual(expected.sort());
    expect(Object.fromEntries(tags)).toMatchObject({ "GET /api/health": "public", "GET /api/cases": "reader", "POST /api/check": "editor", "PUT /api/policy": "admin" });

    await open("PUT /api/policy");
    expect(await page.textContent(`${operationSelector("PUT /api/policy")} .access-note`)).toContain("Authorization: Bearer KEY with a key of role admin.");
    await open("GET /api/health");
    expect(await page.textContent(`${operationSelector("GET /api/health")} .access-note`)).toBe("Public: no key needed.");
  });

  it("shows an operation's parameters", async () => {
    const cases = operations().find(({ key }) => key === "GET /api/cases")!.operation;
    await open("GET /api/cases");
    const names = await page.$$eval(`${operationSelector("GET /api/cases")} [data-parameter]`, (rows) => rows.map((row) => row.getAttribute("data-parameter")));
    expect(names).toEqual(cases.parameters!.map((p) => p.name));
  });

  it("opens a response to its schema's fields, and a field to its own", async () => {
    const check = operations().find(({ key }) => key === "POST /api/check")!.operation;
    await open("POST /api/check");
    const row = operationSelector("POST /api/check");
    expect(await page.$$eval(`${row} li.response`, (items) => items.map((item) => item.getAttribute("data-status")))).toEqual(Object.keys(check.responses));

    const resultRef = check.responses["200"]!.content!["application/json"]!.schema.$ref!;
    const result = doc.components.schemas[resultRef.replace("#/components/schemas/", "")]!;
    await page.click(`${row} li.response[data-status="200"] > details > summary`);
    const fields = `${row} li.response[data-status="200"] .schema > ul.fields > li.field`;
    await page.waitForSelector(fields);
    expect(await page.$$eval(fields, (items) => items.map((item) => item.getAttribute("data-field")))).toEqual(Object.keys(result.properties!));

    // A match is an object of its own: opening `matches` lists a match's fields.
    const match = result.properties!.matches! as { items: Schema };
    await page.click(`${fields}[data-field="matches"] > details > summary`);
    const matchFields = `${fields}[data-field="matches"] > details > .schema > ul.fields > li.field`;
    await page.waitForSelector(matchFields);
    expect(await page.$$eval(matchFields, (items) => items.map((item) => item.getAttribute("data-field")))).toEqual(Object.keys(match.items.properties!));
    expect(browser.errors).toEqual([]);
  });
});

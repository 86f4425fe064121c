import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDemo } from "../../src/demo/load-demo.ts";
import { KEY, startTestServer } from "../server/support.ts";
import { launchTestBrowser, type TestBrowser } from "./browser.ts";
import type { TestServer } from "../server/support.ts";

/**
 * The web UI end to end in real Chromium (Debian's, driven by playwright-core, which downloads nothing):
 * log in, dashboard, a case with its highlighted passages, a status change, the notice letter, self-check,
 * sources, licenses and policy — and hostile page text shown as text. One browser serves the whole file.
 *
 * Screenshots of each page go to a temporary directory, or to docs/screenshots/ with
 * COPYQUOTA_SCREENSHOTS=docs (how the README's pictures are made).
 */


/** Text a hostile page carries: if the UI ever rendered it as markup, the script or handler would set a flag. */
const SCRIPT_PAYLOAD = "<script>window.__pwned = 'script'</script>";
const IMG_PAYLOAD = `<img src=x onerror="window.__pwned = 'onerror'">`;

let server: TestServer;
let browser: TestBrowser;
let page: Page;
/** The case whose page carries the payloads; added by the last test, so the other pages show demo content only. */
let hostileCase = 0;

beforeAll(async () => {
  server = await startTestServer({ webUi: true });
  await loadDemo(server.stores, { sharedDir: null });
  browser = await launchTestBrowser();
  page = browser.page;
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A source and a copy of it whose text carries script and onerror payloads, as a hostile page would. */
async function addHostileCase(s: TestServer): Promise<number> {
  const paragraphs = [
    `Хакеры разместили на сайте строку ${SCRIPT_PAYLOAD} и картинку ${IMG_PAYLOAD} прямо в тексте новости о выборах в городской маслихат.`,
    "Избирательная комиссия сообщила, что подсчет голосов завершится к утру, а предварительные итоги опубликуют на официальном сайте в течение суток.",
    "Наблюдатели от партий отметили высокую явку на участках в новых микрорайонах и попросили продлить работу участков на два часа.",
  ];
  await s.call("POST", "/api/sources", { url: "https://vestnik-delovoy.example/news/vybory", title: `Выборы ${SCRIPT_PAYLOAD}`, text: paragraphs.join("\n\n") });
  const response = await s.call("POST", "/api/check", { url: "https://evil.example/copy", title: `Копия ${IMG_PAYLOAD}`, text: paragraphs.join("\n\n") });
  return Number(response.headers.get("x-cases-opened"));
}

/** A demo case (not the hostile one) in a status, the newest that `wanted` accepts. */
async function demoCase(wanted: (c: { passages: unknown[]; violations: string[] }) => boolean, status = "new"): Promise<number> {
  const { body } = await server.call<{ items: { id: number; passages: unknown[]; violations: string[] }[] }>("GET", `/api/cases?status=${status}&limit=100`);
  const found = body.items.find((c) => c.id !== hostileCase && wanted(c));
  if (!found) throw new Error(`no ${status} demo case fits`);
  return found.id;
}

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: path.join(browser.shotsDir, `${name}.png`), fullPage: true });
}

async function go(route: string): Promise<void> {
  await page.goto(`${server.url}/#${route}`);
}

describe("web UI", () => {
  it("asks for the key, refuses a wrong one, and logs in", async () => {
    await page.goto(`${server.url}/`);
    await page.waitForSelector("form.login");
    await shot("login");
    await page.fill("#key", "wrong-key");
    await page.click("form.login button[type=submit]");
    await page.waitForSelector(".error");
    expect(await page.textContent(".error")).toContain("not valid");
    await page.fill("#key", KEY);
    await page.click("form.login button[type=submit]");
    await page.waitForSelector(".cards");
    const cookies = await page.context().cookies();
    expect(cookies.find((c) => c.name === "cq_session")).toMatchObject({ httpOnly: true, sameSite: "Strict" });
  });

  it("shows the dashboard: cases by status, the new-cases chart, violations and top domains", async () => {
    await go("/");
    await page.waitForSelector("svg.chart rect.bar", { state: "attached" });
    const statuses = await page.$$eval(".stat", (cards) => cards.map((c) => c.textContent));
    expect(statuses).toHaveLength(5);
    expect(await page.$$eval("svg.chart rect.bar", (bars) => bars.filter((b) => Number(b.getAttribute("height")) > 0).length)).toBeGreaterThan(5);
    expect(await page.textContent("ul.bars")).toContain("over the share cap");
    expect(await page.$$eval("table a[href^='#/cases?domain=']", (links) => links.length)).toBeGreaterThan(2);
    await shot("dashboard");
  });

  it("lists cases with filters", async () => {
    await go("/cases?status=open");
    await page.waitForSelector("table.cases tbody tr");
    expect(await page.$$eval("table.cases tbody tr", (rows) => rows.length)).toBeGreaterThan(5);
    await shot("cases");
  });

  it("opens a case: passages highlighted in matching colours, a click scrolls to the twin, share vs cap, evidence", async () => {
    const id = await demoCase((c) => c.passages.length >= 2);
    await go(`/cases/${id}`);
    await page.waitForSelector(".text[data-side=source] mark.hl");
    const sourceMarks = await page.$$eval(".text[data-side=source] mark.hl", (marks) => marks.map((m) => [m.getAttribute("data-passage"), m.className]));
    const candidateMarks = await page.$$eval(".text[data-side=candidate] mark.hl", (marks) => marks.map((m) => [m.getAttribute("data-passage"), m.className]));
    expect(sourceMarks.length).toBeGreaterThan(0);
    for (const [passage, className] of sourceMarks) expect(candidateMarks).toContainEqual([passage, className]);
    await shot("case");
    await page.click(".text[data-side=source] mark.hl >> nth=0");
    await page.waitForSelector(".text[data-side=candidate] mark.flash");
    expect(await page.textContent(".share-label")).toMatch(/reused · cap 30\.0%/);
    expect(await page.getAttribute("table.evidence a", "href")).toMatch(/^\/api\/evidence\/[0-9a-f]{64}$/);
  });

  it("changes a case's status with a comment, recorded in the history", async () => {
    const id = await demoCase((c) => c.violations.includes("missing_link"));
    await go(`/cases/${id}`);
    await page.waitForSelector("button[data-status=confirmed]");
    await page.fill("#status-comment", "Подтверждено в тесте");
    await page.click("button[data-status=confirmed]");
    await page.waitForSelector(".badge.status-confirmed");
    expect(await page.textContent("ol.history")).toContain("Подтверждено в тесте");
    expect(await page.$("button[data-status=notified]")).not.toBeNull();
    const { body: after } = await server.call<{ case: { status: string } }>("GET", `/api/cases/${id}`);
    expect(after.case.status).toBe("confirmed");
  });

  it("writes the notice letter in Russian and English, printable and downloadable", async () => {
    const id = await demoCase((c) => c.violations.includes("missing_link"), "confirmed");
    await go(`/cases/${id}/letter?lang=ru`);
    await page.waitForSelector(".letter-body");
    expect(await page.textContent(".letter-body")).toContain("Уважаемые коллеги!");
    expect(await page.getAttribute("a[download]", "href")).toBe(`/api/cases/${id}/letter?lang=ru&format=text`);
    await page.emulateMedia({ media: "print" });
    expect(await page.isVisible("#top")).toBe(false);
    await page.emulateMedia({ media: "screen" });
    await shot("letter-ru");
    await go(`/cases/${id}/letter?lang=en`);
    await page.waitForFunction(() => document.querySelector(".letter-body")?.textContent?.includes("Dear colleagues"));
    await shot("letter-en");
  });

  it("self-checks a pasted draft before publishing", async () => {
    const { body } = await server.call<{ items: { id: number }[] }>("GET", "/api/sources?q=zernovye");
    const source = await server.call<{ protectedText: string }>("GET", `/api/sources/${body.items[0]!.id}`);
    await go("/self-check");
    await page.fill("#draft", source.body.protectedText);
    await page.click("form.card button[type=submit]");
    await page.waitForSelector("#self-check-results .badge");
    expect(await page.textContent("#self-check-results")).toContain("Violation");
    expect(await page.textContent("#self-check-results")).toContain("No link to the source");
    expect(await page.$$eval("#self-check-results mark.hl", (m) => m.length)).toBeGreaterThan(0);
    await shot("self-check");
  });

  it("shows sources with boilerplate greyed out, licenses and the policy editor", async () => {
    await go("/sources");
    await page.waitForSelector("table.sources tbody tr");
    await shot("sources");
    const { body } = await server.call<{ items: { id: number }[] }>("GET", "/api/sources?q=eksporteram");
    await go(`/sources/${body.items[0]!.id}`);
    await page.waitForSelector(".source-text");
    expect(await page.textContent(".source-text .boilerplate")).toMatch(/При использовании материалов|Читать/);
    await shot("source");
    await go("/licenses");
    await page.waitForSelector("table.licenses");
    expect(await page.textContent("table.licenses")).toContain("partner-media.example");
    await shot("licenses");

    // Granting a license shows the open cases it now covers, which stay open.
    const open = (await server.call<{ items: { id: number; candidate: { domain: string } }[] }>("GET", "/api/cases?status=new")).body.items[0]!;
    await page.fill("#license-new-domain", open.candidate.domain);
    await page.click("#license-new-domain >> xpath=ancestor::form//button[@type='submit']");
    await page.waitForSelector(".covered-cases");
    expect(await page.getAttribute(`.covered-cases a[href='#/cases/${open.id}']`, "href")).toBe(`#/cases/${open.id}`);
    expect((await server.call<{ case: { status: string } }>("GET", `/api/cases/${open.id}`)).body.case.status).toBe("new");
    const granted = (await server.call<{ items: { id: number; domain: string }[] }>("GET", "/api/licenses")).body.items.find((l) => l.domain === open.candidate.domain)!;
    expect((await server.call("DELETE", `/api/licenses/${granted.id}`)).status).toBe(200);
    await go("/policy");
    await page.waitForSelector("#policy-maxShare");
    await page.fill("#policy-maxShare", "150%");
    await page.click("form.policy-form button[type=submit]");
    await page.waitForSelector("[data-field=maxShare] .field-error:not(:empty)");
    expect(await page.textContent("[data-field=maxShare] .field-error")).toMatch(/between 0% and 100%/);
    await shot("policy");

    // A setting the form shows is kept when another is saved (it was reset when the form did not send it).
    const before = (await server.call<{ rules: Record<string, unknown> }>("GET", "/api/policy")).body.rules;
    // Each save waits for the server's answer to its PUT: the form already shows what was typed, and the
    // previous save's confirmation stays until the answer re-renders it (waiting on either raced the request).
    const savePolicy = async () => {
      await Promise.all([
        page.waitForResponse((r) => r.request().method() === "PUT" && new URL(r.url()).pathname === "/api/policy"),
        page.click("form.policy-form button[type=submit]"),
      ]);
      await page.waitForSelector("form.policy-form .ok");
    };
    await page.fill("#policy-maxShare", "30%");
    await page.fill("#policy-minPassageChars", "80");
    await savePolicy();
    expect((await server.call<{ rules: { minPassageChars: number } }>("GET", "/api/policy")).body.rules.minPassageChars).toBe(80);
    await page.fill("#policy-fixDeadlineDays", "5");
    await savePolicy();
    expect((await server.call<{ rules: { minPassageChars: number; fixDeadlineDays: number } }>("GET", "/api/policy")).body.rules).toMatchObject({ minPassageChars: 80, fixDeadlineDays: 5 });
    expect((await server.call("PUT", "/api/policy", before)).status).toBe(200);
  });

  it("shows hostile page text as text: no script runs, no element is created from it", async () => {
    hostileCase = await addHostileCase(server);
    await go(`/cases/${hostileCase}`);
    await page.waitForSelector(".text[data-side=candidate] mark.hl");
    const shown = await page.textContent("main");
    expect(shown).toContain(SCRIPT_PAYLOAD);
    expect(shown).toContain(IMG_PAYLOAD);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBeUndefined();
    expect(await page.$$("main img, main script")).toHaveLength(0);
    await go("/cases?domain=evil.example");
    await page.waitForSelector("table.cases");
    expect(await page.textContent("table.cases")).toContain(IMG_PAYLOAD);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBeUndefined();
    expect(browser.errors).toEqual([]);
  });
});

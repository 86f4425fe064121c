import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDemo } from "../../src/demo/load-demo.ts";
import { KEY, startTestServer } from "../server/support.ts";
import { launchTestBrowser, type TestBrowser } from "./browser.ts";
import type { TestServer } from "../server/support.ts";

/**
 * The UI as a Russian-speaking newsroom meets it, in real Chromium with a Russian browser: Russian by default,
 * English at the switch (kept across visits), dates and numbers in the chosen locale; every page at a laptop's
 * 1366 px and a phone's 390 px with no sideways scroll and the menu folded on the phone; the demo case's
 * minister's quote, also in the press release, marked excluded with its reason and the release's link; the
 * upload form's date and the count after an upload; and a new installation's guide to adding the archive.
 *
 * Screenshots go to a temporary directory, or to docs/screenshots/ with COPYQUOTA_SCREENSHOTS=docs.
 */

/** The demo's press release (a reference document) that holds the minister's quote. */
const RELEASE_URL = "https://gov-portal.example/press/mintorg/2024/03/13/sovet-eksporterov";
const LAPTOP = { width: 1366, height: 900 };
const PHONE = { width: 390, height: 844 };

let server: TestServer;
let browser: TestBrowser;
let page: Page;
/** The demo case whose page copies an article with the quote the press release also holds. */
let quoteCase = 0;
let sourceId = 0;

beforeAll(async () => {
  server = await startTestServer({ webUi: true });
  await loadDemo(server.stores, { sharedDir: null });
  quoteCase = await caseExcludingReference();
  sourceId = (await server.call<{ items: { id: number }[] }>("GET", "/api/sources?q=eksporteram")).body.items[0]!.id;
  browser = await launchTestBrowser({ locale: "ru-RU" });
  page = browser.page;
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The demo case whose latest check excluded text because the press release has it too. */
async function caseExcludingReference(): Promise<number> {
  const { body } = await server.call<{ items: { id: number }[] }>("GET", "/api/cases?limit=100");
  for (const { id } of body.items) {
    const detail = await server.call<{ match: { excluded: { reason: string; referenceUrl?: string }[] } | null }>("GET", `/api/cases/${id}`);
    if (detail.body.match?.excluded.some((e) => e.reason === "reference" && e.referenceUrl === RELEASE_URL)) return id;
  }
  throw new Error("the demo has no case excluding the press release's text");
}

async function go(route: string, ready: string): Promise<void> {
  await page.goto(`${server.url}/#${route}`);
  await page.waitForSelector(ready, { state: "attached" });
}

/** A screenshot of the whole page, or only of what the window shows (a phone's screenful). */
async function shot(name: string, fullPage = true): Promise<void> {
  await page.screenshot({ path: path.join(browser.shotsDir, `${name}.png`), fullPage });
}

/** How far the page reaches past the window's right edge: 0 when nothing makes it scroll sideways. */
async function sidewaysOverflow(): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/** Every page of the UI, with an element that shows it has drawn its content (not its "Loading…"). */
function pages(): [string, string][] {
  return [
    ["/", ".cards"],
    ["/cases", "table.cases tbody tr"],
    [`/cases/${quoteCase}`, ".text[data-side=candidate] mark"],
    [`/cases/${quoteCase}/letter`, ".letter-body"],
    ["/sources", "table.sources tbody tr"],
    [`/sources/${sourceId}`, ".source-text"],
    ["/licenses", "table.licenses"],
    ["/policy", "#policy-maxShare"],
    ["/self-check", "#draft"],
    ["/watchlist", ".watch-form"],
  ];
}

describe("the UI in Russian and English, on a laptop and a phone", () => {
  it("speaks Russian to a Russian browser from the login page on, with dates and numbers in Russian", async () => {
    await page.goto(`${server.url}/`);
    await page.waitForSelector("form.login");
    expect(await page.getAttribute("html", "lang")).toBe("ru");
    expect(await page.textContent("form.login h1")).toBe("Вход");
    await page.fill("#key", KEY);
    await page.click("form.login button[type=submit]");
    await page.waitForSelector(".cards");
    expect(await page.textContent("h1")).toBe("Сводка");
    expect(await page.$$eval(".stat", (cards) => cards.map((c) => c.textContent))).toContainEqual(expect.stringContaining("Новое"));
    expect(await page.textContent("#top nav")).toContain("Самопроверка");
    await go("/cases", "table.cases tbody tr");
    const row = await page.textContent("table.cases tbody tr");
    // Russian numbers have a decimal comma and a space before the percent sign; dates name the month in Russian.
    expect(row).toMatch(/\d+,\d\s%/);
    expect(row).toMatch(/\d{1,2} (янв|февр|мар|апр|мая|июн|июл|авг|сент|окт|нояб|дек)\.? \d{4}/);
    expect(await page.textContent("table.cases tbody tr td.case-id")).toMatch(/^№ \d+$/);
  });

  it("switches to English and back with the switch, and keeps the choice across visits", async () => {
    await go("/", ".cards");
    await page.click("#top button[data-language=en]");
    await page.waitForFunction(() => document.querySelector("h1")?.textContent === "Dashboard");
    expect(await page.getAttribute("html", "lang")).toBe("en");
    expect(await page.getAttribute("#top button[data-language=en]", "aria-pressed")).toBe("true");
    await page.reload();
    await page.waitForSelector(".cards");
    expect(await page.textContent("h1")).toBe("Dashboard");
    await go("/cases", "table.cases tbody tr");
    expect(await page.textContent("table.cases tbody tr")).toMatch(/\d+\.\d%/);
    expect(await page.textContent("table.cases tbody tr")).toMatch(/\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec) \d{4}/);
    await page.click("#top button[data-language=ru]");
    await page.waitForFunction(() => document.querySelector("h1")?.textContent === "Дела");
    expect(await page.getAttribute("html", "lang")).toBe("ru");
  });

  it("marks the quote the press release also holds as excluded, with its reason and the release's link", async () => {
    await go(`/cases/${quoteCase}`, ".text[data-side=candidate] mark.excluded");
    expect(await page.textContent("h1")).toBe(`Дело № ${quoteCase}`);
    for (const side of ["source", "candidate"]) {
      const excluded = await page.$$eval(`.text[data-side=${side}] mark.excluded`, (marks) => marks.map((m) => [m.getAttribute("data-excluded"), m.getAttribute("title"), m.className]));
      expect(excluded.length).toBeGreaterThan(0);
      for (const [reason, title, className] of excluded) {
        expect(reason).toBe("reference");
        expect(title).toBe("Не учтено: есть в первоисточнике");
        expect(className).not.toMatch(/\bc\d\b/);
      }
    }
    expect(await page.textContent(".text[data-side=candidate] mark.excluded")).toContain("Мы видим");
    expect(await page.textContent(".share-figures")).toMatch(/^заимствовано [\d\s]+ из [\d\s]+ знаков, еще [\d\s]+ не учтено \(есть в первоисточнике\)$/);
    expect(await page.textContent(".legend")).toContain("не учитывается в доле");
    const item = page.locator(".excluded-list li[data-excluded=reference]");
    expect(await item.textContent()).toContain("есть в первоисточнике");
    expect(await item.locator("a").first().getAttribute("href")).toBe(RELEASE_URL);
    await shot("case-excluded-ru");
  });

  it("marks the same quote excluded when the page's text is self-checked as a draft", async () => {
    const { body } = await server.call<{ candidate: { text: string } }>("GET", `/api/cases/${quoteCase}`);
    await go("/self-check", "#draft");
    await page.fill("#draft", body.candidate.text);
    await page.click("form.card button[type=submit]");
    await page.waitForSelector("#self-check-results li.match");
    expect(await page.textContent("#self-check-results li.match")).toMatch(/еще [\d\s]+ не учтено \(есть в первоисточнике\)/);
    expect(await page.textContent("#self-check-results mark.excluded[data-excluded=reference]")).toContain("Мы видим");
  });

  for (const language of ["ru", "en"] as const) {
    it(`fits every page at 1366 px and 390 px in ${language === "ru" ? "Russian" : "English"}, the menu folded on the phone`, async () => {
      await go("/", ".cards");
      await page.click(`#top button[data-language=${language}]`);
      for (const viewport of [LAPTOP, PHONE]) {
        await page.setViewportSize(viewport);
        for (const [route, ready] of pages()) {
          await go(route, ready);
          expect({ route, width: viewport.width, overflow: await sidewaysOverflow() }).toEqual({ route, width: viewport.width, overflow: 0 });
        }
        await go("/", ".cards");
        const phone = viewport === PHONE;
        expect(await page.isVisible("#top .menu-toggle")).toBe(phone);
        expect(await page.isVisible("#top nav")).toBe(!phone);
        if (phone) {
          await page.click("#top .menu-toggle");
          expect(await page.isVisible("#top nav")).toBe(true);
          expect(await page.getAttribute("#top .menu-toggle", "aria-expanded")).toBe("true");
          if (language === "ru") await shot("phone-menu-ru", false);
          await page.click("#top nav a[href='#/cases']");
          await page.waitForSelector("table.cases tbody tr");
          expect(await page.isVisible("#top nav")).toBe(false);
        }
      }
      if (language === "ru") {
        await go(`/cases/${quoteCase}`, ".text[data-side=candidate] mark.excluded");
        await shot("phone-case-ru", false);
      }
      await page.setViewportSize(LAPTOP);
    });
  }

  it("takes a single text's title and publication date in the upload form, and the count follows the upload", async () => {
    await go("/", ".cards");
    await page.click("#top button[data-language=ru]");
    await go("/sources", "#upload-published");
    const before = await page.textContent("#sources-total");
    await page.fill("#upload-url", "https://vestnik-delovoy.example/news/2024/05/20/novaya-stat-ya");
    await page.fill("#upload-published", "2024-05-20");
    await page.fill("#upload-title", "Экспорт пшеницы вырос на треть");
    await page.setInputFiles("#upload-file", {
      name: "novaya-statya.txt",
      mimeType: "text/plain",
      buffer: Buffer.from("Новая статья о зерновом рынке.\n\nЭкспорт пшеницы в мае вырос на треть благодаря урожаю прошлого года и новым рейсам через Каспий."),
    });
    await page.click("#upload button[type=submit]");
    await page.waitForSelector("#upload-result .ok");
    expect(await page.textContent("#upload-result")).toContain("Добавлено: 1 источник");
    const after = await page.textContent("#sources-total");
    expect(Number(after!.replace(/\D/g, ""))).toBe(Number(before!.replace(/\D/g, "")) + 1);
    const { body } = await server.call<{ items: { url: string; title: string; published: string | null }[] }>("GET", "/api/sources?q=novaya-stat-ya");
    expect(body.items[0]!.published).toMatch(/^2024-05-20/);
    expect(body.items[0]!.title).toBe("Экспорт пшеницы вырос на треть");
  });

  it("shows a new installation's empty dashboard a guide to adding the archive", async () => {
    const empty = await startTestServer({ webUi: true });
    try {
      await page.goto(`${empty.url}/`);
      await page.waitForSelector("form.login");
      await page.fill("#key", KEY);
      await page.click("form.login button[type=submit]");
      await page.waitForSelector(".start-guide");
      expect(await page.textContent(".start-guide h2")).toBe("Для начала загрузите свой архив");
      expect(await page.textContent(".start-guide pre")).toContain("copyquota --db data/copyquota.db sources add");
      await page.click(".start-guide a[href='#/sources?upload=1']");
      await page.waitForSelector("#upload-file:focus");
      expect(browser.errors).toEqual([]);
    } finally {
      await empty.close();
    }
  });
});

import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import type { BrowserContext, Page } from "playwright-core";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
/** Debian's chromium, driven by playwright-core (which downloads nothing); COPYQUOTA_CHROMIUM names another. */
const CHROMIUM = process.env.COPYQUOTA_CHROMIUM ?? "/usr/bin/chromium";
/** README pictures are made with COPYQUOTA_SCREENSHOTS=docs; otherwise screenshots go to a temporary directory. */
const TO_DOCS = process.env.COPYQUOTA_SCREENSHOTS === "docs";

/** One Chromium for a UI test file: its page, the script errors the page raised, and where screenshots go. */
export interface TestBrowser {
  context: BrowserContext;
  page: Page;
  /** Uncaught errors of the page's scripts, in order: a UI test ends by expecting none. */
  errors: string[];
  shotsDir: string;
  close(): Promise<void>;
}

/**
 * Starts Chromium. `locale` is the browser's language (`navigator.languages`, dates in forms): English unless a
 * test asks for another, so that the machine's own language never decides which UI language a test sees.
 */
export async function launchTestBrowser(options: { locale?: string } = {}): Promise<TestBrowser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is missing at ${CHROMIUM}: run scripts/ensure-chromium.sh (as root it installs Debian's chromium), or set COPYQUOTA_CHROMIUM`);
  }
  const shotsDir = TO_DOCS ? path.join(REPO, "docs/screenshots") : mkdtempSync(path.join(tmpdir(), "copyquota-shots-"));
  mkdirSync(shotsDir, { recursive: true });
  // A fresh profile per run: nothing from an earlier run (cookies, cache) can make a test pass.
  const profile = mkdtempSync(path.join(tmpdir(), "copyquota-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    viewport: { width: 1360, height: 900 },
    locale: options.locale ?? "en-US",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  return {
    context,
    page,
    errors,
    shotsDir,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
      if (!TO_DOCS) rmSync(shotsDir, { recursive: true, force: true });
    },
  };
}

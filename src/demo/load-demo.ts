import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Engine } from "../engine/engine.ts";
import type { TextDocument } from "../core/types.ts";
import type { SourceStore, StoredSource } from "../io/store/source-store.ts";
import type { CaseService } from "../cases/case-service.ts";
import type { CaseStore } from "../cases/case-store.ts";
import type { LicenseStore } from "../cases/license-store.ts";
import type { DemoArticle } from "./plan-republications.ts";
import { loadInputs } from "../io/inputs/load-inputs.ts";
import { PACKAGE_ROOT } from "../io/package-root.ts";
import { isFailure } from "../io/inputs/types.ts";
import { PARTNER, planRepublications, reusedParagraphs } from "./plan-republications.ts";
import { republicationPage } from "./republication-page.ts";

/** The repository's root, where the demo finds its fixtures and `../shared`. */
export const REPO_ROOT = PACKAGE_ROOT;

/** Our fictional outlet's articles, written for the tests and reused as demo content. */
const FIXTURES = path.join(REPO_ROOT, "test/fixtures/articles");

/**
 * The URL and date the seed article is published under in the demo (the seed file gives neither); the same
 * as the end-to-end tests use, so the demo and the tests speak of the same article.
 */
const SEED_URL = "https://kapital.kz/gosudarstvo/100001/prezident-prinyal-gensekretarya-odkb.html";
const SEED_PUBLISHED = "2022-01-14T12:00:00+06:00";

/** Real samples shorter than this are stubs and ads, not articles (see their SOURCE.md). */
const MIN_SAMPLE_CHARS = 300;

/** Real samples republished by the demo's re-publishers: a few, so their cases sit among ours. */
const SAMPLES_REPUBLISHED = 3;

/** Who the demo's status changes are attributed to in the case history. */
export const DEMO_ACTOR = "demo";

/** What the demo loads into. The server's stores satisfy it. */
export interface DemoTargets {
  engine: Engine;
  sources: SourceStore;
  service: CaseService;
  cases: CaseStore;
  licenses: LicenseStore;
}

export interface DemoOptions {
  /** `../shared` beside the repository; null to leave it out even when present. */
  sharedDir?: string | null;
  now?: Date;
  log?: (line: string) => void;
}

export interface DemoSummary {
  sources: number;
  references: number;
  checks: number;
  openCases: number;
  /** Whether the seed article and the real news samples from ../shared were loaded. */
  shared: boolean;
}

/**
 * Fills an empty database with demo content: our fictional outlet's archive (and, when ../shared is present,
 * the seed article and the real news samples), a licensed partner, and republications of those articles by
 * fictional re-publishers — checked over the last four weeks through the same path as `POST /api/check`, so
 * the dashboard shows real cases with real evidence. A few cases are then moved along the status path, and
 * one page is "fixed" and re-checked, which resolves its case.
 */
export async function loadDemo(targets: DemoTargets, options: DemoOptions = {}): Promise<DemoSummary> {
  const now = options.now ?? new Date();
  const log = options.log ?? (() => undefined);
  const sharedDir = options.sharedDir === undefined ? path.resolve(REPO_ROOT, "../shared") : options.sharedDir;

  const own: StoredSource[] = [];
  let references = 0;
  for (const { doc, reference } of await fixtureDocuments()) {
    const { source } = await targets.engine.addSource(doc, { reference });
    if (reference) references++;
    else own.push(source);
  }
  log(`demo: indexed ${own.length} articles of our fictional outlet and ${references} reference document(s)`);

  const shared: StoredSource[] = [];
  const useShared = sharedDir !== null && existsSync(path.join(sharedDir, "seed/article-ru.txt"));
  if (useShared) {
    for (const doc of await sharedDocuments(sharedDir)) shared.push((await targets.engine.addSource(doc, { reference: false })).source);
    log(`demo: indexed the seed article and ${shared.length - 1} real news samples from ${sharedDir}`);
  } else {
    log("demo: ../shared is absent; the demo uses only our fictional outlet");
  }

  await targets.licenses.add({ domain: PARTNER.domain, from: null, until: null, articles: [], lifts: ["cap", "link"] }, "Демо: партнерское соглашение о полной перепечатке");

  const planned = [
    ...planRepublications(own.map(articleOf), now),
    ...planRepublications(shared.slice(0, 1 + SAMPLES_REPUBLISHED).map(articleOf), now, 3),
  ].sort((a, b) => b.daysAgo - a.daysAgo);
  for (const { page, daysAgo } of planned) {
    await targets.service.checkSubmission({ url: page.url, html: republicationPage(page) }, DEMO_ACTOR, new Date(now.getTime() - daysAgo * 86_400_000).toISOString());
  }
  const fixed = await fixOnePage(targets, planned, own, now);
  await moveAlong(targets.cases, now);
  const { total: openCases } = await targets.cases.listCases({ status: ["new", "confirmed", "notified"] }, { limit: 1, offset: 0 });
  log(`demo: checked ${planned.length + fixed} republications; ${openCases} open cases`);
  return { sources: own.length + shared.length + references, references, checks: planned.length + fixed, openCases, shared: useShared };
}

function articleOf(source: StoredSource): DemoArticle {
  return { url: source.url, title: source.title, paragraphs: source.protectedText.split(/\n+/).map((p) => p.trim()).filter(Boolean) };
}

interface FixtureManifest {
  documents: { file: string; url: string; published: string; role: "source" | "reference" | "unrelated" }[];
  archive: { file: string };
}

async function fixtureDocuments(): Promise<{ doc: TextDocument; reference: boolean }[]> {
  const manifest = JSON.parse(await readFile(path.join(FIXTURES, "manifest.json"), "utf8")) as FixtureManifest;
  const out: { doc: TextDocument; reference: boolean }[] = [];
  for (const entry of manifest.documents.filter((d) => d.role !== "unrelated")) {
    for (const doc of await documentsOf(path.join(FIXTURES, entry.file), { url: entry.url, published: entry.published })) {
      out.push({ doc, reference: entry.role === "reference" });
    }
  }
  for (const doc of await documentsOf(path.join(FIXTURES, manifest.archive.file), {})) out.push({ doc, reference: false });
  return out;
}

async function documentsOf(file: string, options: { url?: string; published?: string }): Promise<TextDocument[]> {
  const docs: TextDocument[] = [];
  for await (const item of loadInputs(file, { purpose: "source", ...options })) {
    if (isFailure(item)) throw item.error;
    docs.push(item.doc);
  }
  return docs;
}

/** The seed article, then the real news samples long enough to be articles. Read at run time, never copied. */
async function sharedDocuments(sharedDir: string): Promise<TextDocument[]> {
  const [seed] = await documentsOf(path.join(sharedDir, "seed/article-ru.txt"), { url: SEED_URL, published: SEED_PUBLISHED });
  const docs = seed ? [seed] : [];
  const samplesFile = path.join(sharedDir, "eval/data/ru-news-samples/articles.jsonl");
  if (!existsSync(samplesFile)) return docs;
  for (const line of (await readFile(samplesFile, "utf8")).split("\n")) {
    if (line.trim() === "") continue;
    const sample = JSON.parse(line) as { url?: string; title?: string; date?: string; text?: string; chars?: number; cyrillic_ratio?: number };
    if (!sample.url || !/^https?:\/\//.test(sample.url) || !sample.text || (sample.chars ?? 0) < MIN_SAMPLE_CHARS || (sample.cyrillic_ratio ?? 0) < 0.5) continue;
    docs.push({
      url: sample.url,
      title: sample.title ?? "",
      published: sample.date ? sample.date.replace(" ", "T") : null,
      // The ODS samples flattened each paragraph break into a literal "n" (their SOURCE.md): restore it.
      text: sample.text.replace(/(?<=[.!?»"])n(?=[А-ЯA-Z«])/g, "\n\n"),
      links: [],
    });
  }
  return docs;
}

/**
 * The first wholly copied page without a link is "fixed" by its owner: cut to a quotation with a link, and
 * re-checked today. The re-check finds it compliant and resolves its case, as a real re-check would.
 */
async function fixOnePage(targets: DemoTargets, planned: ReturnType<typeof planRepublications>, own: readonly StoredSource[], now: Date): Promise<number> {
  const copy = planned.find((p) => p.kind === "full_copy_unlinked");
  const source = copy && own.find((s) => s.url === copy.page.sourceUrl);
  if (!copy || !source) return 0;
  const page = { ...copy.page, paragraphs: reusedParagraphs(articleOf(source), "quote_linked"), link: { kind: "article" as const } };
  await targets.service.checkSubmission({ url: page.url, html: republicationPage(page) }, DEMO_ACTOR, new Date(now.getTime() - 3_600_000).toISOString());
  return 1;
}

/** A few cases moved along the editor's path, so each status appears on the dashboard. */
async function moveAlong(cases: CaseStore, now: Date): Promise<void> {
  const { items } = await cases.listCases({ status: ["new"] }, { limit: 100, offset: 0 });
  const oldest = [...items].sort((a, b) => a.firstSeen.localeCompare(b.firstSeen));
  const after = (iso: string, hours: number) => new Date(Math.min(now.getTime(), Date.parse(iso) + hours * 3_600_000)).toISOString();
  const [a, b, c, d] = oldest;
  if (a) {
    await cases.changeStatus(a.id, "confirmed", { actor: DEMO_ACTOR, comment: "Проверено редактором: копия без согласования.", at: after(a.firstSeen, 20) });
    await cases.changeStatus(a.id, "notified", { actor: DEMO_ACTOR, comment: "Письмо отправлено на адрес редакции сайта.", at: after(a.firstSeen, 26) });
  }
  if (b) await cases.changeStatus(b.id, "confirmed", { actor: DEMO_ACTOR, comment: "Подтверждаю нарушение.", at: after(b.firstSeen, 30) });
  if (c) await cases.changeStatus(c.id, "dismissed", { actor: DEMO_ACTOR, comment: "Обзор прессы со ссылкой на нас: не преследуем.", at: after(c.firstSeen, 48) });
  if (d) await cases.changeStatus(d.id, "confirmed", { actor: DEMO_ACTOR, comment: "", at: after(d.firstSeen, 5) });
}

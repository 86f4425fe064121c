import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readGoldenPages } from "../../eval/tasks/extraction-golden.ts";
import { DEFAULT_POLICY } from "../../src/core/policy/schema.ts";
import { extractPage } from "../../src/core/extract/html.ts";
import { createEngine } from "../../src/engine/create-engine.ts";
import type { Engine } from "../../src/engine/engine.ts";
import type { TextDocument } from "../../src/core/types.ts";
import { SqliteSourceStore } from "../../src/io/store/sqlite-source-store.ts";

/**
 * The symptom of issue 12: a source whose body ends with «Читайте также» and three of the outlet's
 * headlines. Its share must be measured against the article alone, and a digest of those headlines on
 * another site must not match it. The source is the golden page `ru-business-read-also`.
 */
const source = readGoldenPages().find((page) => page.name === "ru-business-read-also")!;
const paragraphs = source.expectedText.split("\n\n");

/** The document the engine gets for a page found at `pageUrl`, named by it as the page reader names it (`pageIdentity`). */
function documentOf(html: string, pageUrl: string): TextDocument {
  return { ...extractPage(html, pageUrl), url: pageUrl };
}

/** A fictional page of another site around `body`, with a related list of its own. */
function candidatePage(body: string): string {
  return `<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"><title>Новости агросектора</title>
<meta property="article:published_time" content="2025-07-15T10:00:00+05:00"></head><body>
<article><h1>Новости агросектора</h1>${body}
<h3>Читайте также</h3><ul><li><a href="/agro/1">Цены на муку выросли на 6%</a></li><li><a href="/agro/2">Фермеры Костанайской области начали уборку</a></li></ul>
</article></body></html>`;
}

describe("related-link blocks and the share", () => {
  let dir: string;
  let store: SqliteSourceStore;
  let engine: Engine;

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "copyquota-related-"));
    store = SqliteSourceStore.open(path.join(dir, "index.db"));
    engine = createEngine(store);
    await engine.addSource(documentOf(source.html, source.foundAt), { reference: false });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("measures a reprint's share against the article's own text, not its «Читайте также» headlines", async () => {
    const reprinted = [paragraphs[1]!, paragraphs[2]!];
    const candidate = documentOf(candidatePage(reprinted.map((p) => `<p>${p}</p>`).join("\n")), "https://agro-digest.example/news/77");
    const match = (await engine.check(candidate, DEFAULT_POLICY)).matches[0]!;
    // `sourceChars` is the length of the protected text, paragraphs joined by a blank line as in expected.txt.
    expect(Math.abs(match.sourceChars / source.expectedText.length - 1)).toBeLessThanOrEqual(0.02);
    const expectedShare = reprinted.join("\n\n").length / source.expectedText.length;
    expect(Math.abs(match.share - expectedShare)).toBeLessThan(0.02);
  });

  it("finds nothing in a digest of the outlet's other headlines", async () => {
    const digest = [
      "<p>Собрали главные новости зернового рынка за неделю: коротко о том, что происходило у аграриев и перевозчиков.</p>",
      '<p><a href="https://delkapital.example/economy/2025/07/urozhay-prognoz">Аграрии ожидают урожай выше среднего за пять лет</a> — прогноз министерства сельского хозяйства.</p>',
      '<p><a href="https://delkapital.example/economy/2025/06/elevatory-sever">Элеваторы севера заполнены на треть ещё до уборки</a> — остатки прошлого урожая не вывезены.</p>',
      '<p><a href="https://delkapital.example/business/2025/06/vagony-deficit">Дефицит вагонов: перевозчики просят ввести аукционы</a> — предложение обсуждают в министерстве.</p>',
    ].join("\n");
    const candidate = documentOf(candidatePage(digest), "https://agro-digest.example/digest/28");
    expect((await engine.check(candidate, DEFAULT_POLICY)).matches).toEqual([]);
  });
});

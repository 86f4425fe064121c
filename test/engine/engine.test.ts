import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { SqliteSourceStore } from "../../src/io/store/sqlite-source-store.ts";
import { createEngine } from "../../src/engine/create-engine.ts";
import { DEFAULT_POLICY, parsePolicy } from "../../src/core/policy/schema.ts";
import type { Engine } from "../../src/engine/engine.ts";
import type { TextDocument } from "../../src/core/types.ts";

// Fictional texts written for these tests.
const LEAD = "Акимат Караганды объявил конкурс на строительство нового моста через реку Букпа, работы начнутся весной.";
const BODY = "Проект предусматривает мост длиной 180 метров с четырьмя полосами движения и пешеходными дорожками с обеих сторон.";
const QUOTE = "«Новый мост разгрузит центр города и сократит время в пути для жителей восточных районов почти вдвое», – сказал аким города.";
const TAIL = "Стоимость строительства оценивается в 14 миллиардов тенге, средства выделят из республиканского бюджета в течение двух лет.";
const NOTICE = "Реклама на сайте: отдел продаж работает ежедневно с девяти до шести часов по будням.";

function doc(url: string, text: string, published: string | null = "2024-05-01T10:00:00Z"): TextDocument {
  return { url, title: "Заголовок", published, text, links: [] };
}

describe("engine over a real SQLite file", () => {
  let dir: string;
  let store: SqliteSourceStore;
  let engine: Engine;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "copyquota-engine-"));
    store = SqliteSourceStore.open(path.join(dir, "index.db"));
    engine = createEngine(store);
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("excludes the source's quotations from the share when the policy says so", async () => {
    await engine.addSource(doc("https://krg.example.kz/news/1", [LEAD, BODY, QUOTE, TAIL].join("\n\n")), { reference: false });
    const candidate = doc("https://copy.example.kz/1", [BODY, QUOTE].join("\n\n"), "2024-05-02T10:00:00Z");
    const counted = (await engine.check(candidate, DEFAULT_POLICY)).matches[0]!;
    const excluding = (await engine.check(candidate, parsePolicy({ excludeQuotations: true }, "test"))).matches[0]!;
    const quoted = QUOTE.indexOf("»") + 1;
    expect(counted.excludedChars).toBe(0);
    expect(excluding.reusedChars).toBeLessThan(counted.reusedChars - quoted + 5);
    expect(excluding.excludedChars).toBeGreaterThanOrEqual(quoted - 2);
    expect(excluding.excluded.every((e) => e.reason === "quotation")).toBe(true);
    expect(excluding.sourceChars).toBe(counted.sourceChars);
  });

  it("excludes text of a reference document only when the reference is older than the candidate", async () => {
    await engine.addSource(doc("https://krg.example.kz/news/1", [LEAD, BODY, QUOTE, TAIL].join("\n\n")), { reference: false });
    await engine.addSource(doc("https://akimat.example.kz/press/1", `Пресс-релиз акимата.\n\n${QUOTE}`, "2024-04-30T10:00:00Z"), { reference: true });
    const later = (await engine.check(doc("https://copy.example.kz/2", QUOTE, "2024-05-02T10:00:00Z"), DEFAULT_POLICY)).matches;
    const own = later.find((m) => !m.source.reference)!;
    expect(own.reusedChars).toBeLessThan(5);
    expect(own.excluded[0]!.referenceUrl).toBe("https://akimat.example.kz/press/1");
    const earlier = (await engine.check(doc("https://copy.example.kz/3", QUOTE, "2024-04-29T10:00:00Z"), DEFAULT_POLICY)).matches;
    // Published before the reference, the candidate cannot have taken the text from it.
    expect(earlier.find((m) => !m.source.reference)!.excludedChars).toBe(0);
  });

  it("re-protects earlier sources once a block recurs across the domain", async () => {
    const urls = [1, 2, 3].map((i) => `https://krg.example.kz/news/${i}`);
    const texts = [LEAD, BODY, TAIL];
    for (let i = 0; i < 3; i++) {
      const { source } = await engine.addSource(doc(urls[i]!, `${texts[i]}\n\n${NOTICE}`), { reference: false });
      // The first two still hold the block when added: it has not recurred yet.
      if (i < 2) expect(source.protectedText).toContain("отдел продаж");
    }
    for (const url of urls) {
      const source = (await store.getSource(url))!;
      expect(source.protectedText).not.toContain("отдел продаж");
      expect(source.boilerplate).toEqual([NOTICE]);
    }
    // A page copying only the recurring block reuses nothing protected.
    const result = await engine.check(doc("https://copy.example.kz/4", `${NOTICE} ${NOTICE}`, "2024-06-01T00:00:00Z"), DEFAULT_POLICY);
    expect(result.verdict).toBe("no_reuse");
  });

  it("removing a source removes it from candidate retrieval", async () => {
    const text = [LEAD, BODY, TAIL].join("\n\n");
    await engine.addSource(doc("https://krg.example.kz/news/1", text), { reference: false });
    const candidate = doc("https://copy.example.kz/5", text, "2024-06-01T00:00:00Z");
    expect((await engine.check(candidate, DEFAULT_POLICY)).matches).toHaveLength(1);
    expect(await engine.removeSource("https://krg.example.kz/news/1")).toBe(true);
    expect((await engine.check(candidate, DEFAULT_POLICY)).matches).toHaveLength(0);
    expect(store.db.prepare("SELECT count(*) AS n FROM fingerprints").get()).toEqual({ n: 0 });
  });

  it("replacing a source keeps one row and the new text", async () => {
    await engine.addSource(doc("https://krg.example.kz/news/1", LEAD), { reference: false });
    const { replaced, source } = await engine.addSource(doc("https://krg.example.kz/news/1", BODY), { reference: false });
    expect(replaced).toBe(true);
    expect(source.protectedText).toBe(BODY);
    expect(await store.countSources()).toBe(1);
  });
});

import { cpSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { FIXTURE_ARTICLES, loadTrainingCorpus, repairOdsBreaks, SHARED_SAMPLES } from "../../bench/generator/corpus.ts";
import { countWords, splitSentences } from "../../bench/generator/language-model.ts";
import { createNewsGenerator } from "../../bench/generator/news-generator.ts";
import type { NewsGenerator } from "../../bench/generator/news-generator.ts";
import { PUBLISHER, REFERENCE_OUTLET, REUSERS } from "../../bench/generator/outlets.ts";
import { profileTexts } from "../../bench/generator/realism.ts";
import { registrableDomain } from "../../src/core/links/normalize-url.ts";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const hasShared = existsSync(path.resolve(REPO, SHARED_SAMPLES));
if (!hasShared) console.warn(`generator.test: ${SHARED_SAMPLES} is absent; the real-samples tests are skipped, the fixture twins run.`);

/** A repository root holding only our fixtures, so the loader falls back to them. */
const fixtureRoot = mkdtempSync(path.join(tmpdir(), "copyquota-bench-gen-"));
cpSync(path.join(REPO, FIXTURE_ARTICLES), path.join(fixtureRoot, "repo", FIXTURE_ARTICLES), { recursive: true });
afterAll(() => rmSync(fixtureRoot, { recursive: true, force: true }));

function generatorProperties(name: string, make: (seed: number) => NewsGenerator, skip: boolean) {
  describe.skipIf(skip)(name, () => {
    const generator = make(7);

    it("is deterministic: the same seed and index give the same texts, another seed others", () => {
      const again = make(7);
      expect(again.source(42)).toEqual(generator.source(42));
      expect(again.textCandidate(3, 500)).toEqual(generator.textCandidate(3, 500));
      expect(again.htmlCandidate(2, 500, 30_000).html).toBe(generator.htmlCandidate(2, 500, 30_000).html);
      expect(make(8).source(42).doc.text).not.toBe(generator.source(42).doc.text);
    });

    it("writes sources with news-like sentence lengths and the publisher's notice block at the end", () => {
      const sources = Array.from({ length: 80 }, (_, i) => generator.source(i));
      const words = sources.flatMap((s) => s.body.flatMap((p) => splitSentences(p).map(countWords))).sort((a, b) => a - b);
      const at = (q: number) => words[Math.floor(q * (words.length - 1))]!;
      expect(at(0.5)).toBeGreaterThanOrEqual(8);
      expect(at(0.5)).toBeLessThanOrEqual(25);
      expect(at(0.9)).toBeLessThanOrEqual(45);
      for (const { doc, reference } of sources) {
        const blocks = doc.text.split("\n\n");
        expect(blocks[blocks.length - 1]).toBe(reference ? REFERENCE_OUTLET.notice : PUBLISHER.notice);
        expect(new URL(doc.url).hostname).toBe(reference ? REFERENCE_OUTLET.domain : PUBLISHER.domain);
        expect(Number.isNaN(Date.parse(doc.published!))).toBe(false);
        expect(doc.title.length).toBeGreaterThan(0);
      }
      expect(sources.filter((s) => s.reference).length).toBeLessThanOrEqual(1);
    });

    it("makes candidates that contain what their truth says they reuse", () => {
      const candidates = Array.from({ length: 60 }, (_, j) => generator.textCandidate(j, 200));
      expect(new Set(candidates.map((c) => c.truth.kind)).size).toBeGreaterThanOrEqual(4);
      for (const c of candidates) {
        if (c.truth.kind === "none") expect(c.truth.sources).toEqual([]);
        else expect(c.truth.sources.every((i) => i >= 0 && i < 200)).toBe(true);
        if (c.truth.kind === "full") expect(c.doc.text).toContain(generator.source(c.truth.sources[0]!).body.join("\n\n"));
      }
    });

    it("wraps candidates into pages of the requested weight with the article, its metadata and the link", () => {
      for (let j = 0; j < 10; j++) {
        const page = generator.htmlCandidate(j, 200, 100_000);
        const bytes = Buffer.byteLength(page.html);
        expect(bytes).toBeGreaterThanOrEqual(100_000);
        expect(bytes).toBeLessThan(105_000);
        expect(page.html).toContain(`<link rel="canonical" href="${page.url}">`);
        if (page.candidate.truth.linkTo) expect(page.html).toContain(`href="${page.candidate.truth.linkTo}"`);
      }
    });

    it("links a page to the publisher only where it credits the source: its own site's links are on a domain of its own", () => {
      for (let j = 0; j < 20; j++) {
        const page = generator.htmlCandidate(j, 200, 30_000);
        const hrefs = [...page.html.matchAll(/href="(https?:[^"]+)"/g)].map((m) => m[1]!.replaceAll("&amp;", "&"));
        const toPublisher = hrefs.filter((href) => registrableDomain(href) === registrableDomain(PUBLISHER.domain));
        expect(toPublisher).toEqual(page.candidate.truth.linkTo ? [page.candidate.truth.linkTo] : []);
        expect(hrefs.filter((href) => registrableDomain(href) === registrableDomain(page.candidate.outlet.domain)).length).toBeGreaterThan(10);
      }
    });
  });
}

generatorProperties("generator on the real news samples", (seed) => createNewsGenerator({ repoRoot: REPO, seed }), !hasShared);
generatorProperties("generator on our fixture articles", (seed) => createNewsGenerator({ repoRoot: path.join(fixtureRoot, "repo"), seed }), false);

describe("fictional outlets", () => {
  it("each have a registrable domain of their own under the reserved .example TLD", () => {
    const outlets = [PUBLISHER, REFERENCE_OUTLET, ...REUSERS];
    const domains = outlets.map((o) => registrableDomain(o.domain));
    expect(new Set(domains).size).toBe(outlets.length);
    for (const [i, outlet] of outlets.entries()) {
      expect(domains[i]).toBe(outlet.domain);
      expect(outlet.domain).toMatch(/^[a-z-]+\.example$/);
    }
  });
});

describe("training corpus", () => {
  it.skipIf(!hasShared)("overlaps between generated articles about as much as between the real samples", () => {
    const generator = createNewsGenerator({ repoRoot: REPO, seed: 1 });
    const real = profileTexts(generator.corpus.articles.map((a) => a.text));
    const generated = profileTexts(generator.corpus.articles.map((_, i) => generator.source(i).body.join("\n\n")));
    expect(generated.sharedTrigrams).toBeGreaterThan(real.sharedTrigrams / 3);
    expect(generated.sharedTrigrams).toBeLessThan(real.sharedTrigrams * 3);
    expect(Math.abs(generated.sentenceWords.median - real.sentenceWords.median)).toBeLessThanOrEqual(4);
  });

  it("falls back to our fixtures when ../shared is absent, and fails naming both places when neither exists", () => {
    expect(loadTrainingCorpus(path.join(fixtureRoot, "repo")).origin).toContain(FIXTURE_ARTICLES);
    const empty = path.join(fixtureRoot, "empty");
    expect(() => loadTrainingCorpus(empty)).toThrow(/ru-news-samples.*test\/fixtures\/articles/s);
  });

  it("repairs the ODS dumps' flattened line breaks", () => {
    expect(repairOdsBreaks("МОСКВА, 10 авг - РИА Новости.nnВосемнадцать туристов")).toBe("МОСКВА, 10 авг - РИА Новости.\n\nВосемнадцать туристов");
    expect(repairOdsBreaks("заместитель председателяnправительства РФnСергей Иванов")).toBe("заместитель председателя правительства РФ Сергей Иванов");
    expect(repairOdsBreaks("сообщает «Газета.ру»n, это произошло")).toBe("сообщает «Газета.ру», это произошло");
    expect(repairOdsBreaks("Lebanon и Android остались")).toBe("Lebanon и Android остались");
  });
});

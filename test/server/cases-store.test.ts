import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { measuredMatch } from "../support/measured-match.ts";
import type Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CheckResult, Match } from "../../src/core/types.ts";
import type { Case } from "../../src/cases/case.ts";
import { openDatabase } from "../../src/io/storage/sqlite-database.ts";
import { SqliteCaseStore } from "../../src/cases/sqlite-case-store.ts";
import { SqliteEvidenceStore } from "../../src/cases/sqlite-evidence-store.ts";
import { planCaseUpdates } from "../../src/cases/plan-case-updates.ts";
import { recordCheck } from "../../src/cases/record-check.ts";
import { asTransactionRepositories } from "../../src/io/storage/repositories.ts";
import { serialTransactions } from "../../src/io/storage/sqlite-transactions.ts";
import { allowedSteps, canTransition } from "../../src/cases/status-machine.ts";
import { casesToCsv } from "../../src/cases/cases-csv.ts";
import { noticeLetter } from "../../src/cases/notice-letter.ts";
import { DEFAULT_POLICY } from "../../src/core/policy/schema.ts";
import { sourceSegments } from "../../src/server/source-segments.ts";

const CAPS = { maxShare: 0.3, maxChars: null };

function match(sourceUrl: string, verdict: Match["verdict"], share: number): Match {
  return measuredMatch({ url: sourceUrl, title: `Статья ${sourceUrl}` }, verdict, share, CAPS);
}

function result(url: string, matches: Match[]): CheckResult {
  const verdict = matches.some((m) => m.verdict === "violation") ? "violation" : matches.length > 0 ? "compliant" : "no_reuse";
  return { candidate: { url, title: "Копия", chars: 2000, published: null }, verdict, matches };
}

describe("planCaseUpdates", () => {
  it("opens a case per violated source and resolves open cases whose reuse is gone or compliant", () => {
    const opened = planCaseUpdates([], result("https://c.example/1", [match("https://s/a", "violation", 0.8), match("https://s/b", "compliant", 0.1)]), CAPS);
    expect(opened.map((c) => [c.caseId, c.outcome, c.transition?.to])).toEqual([[null, "violation", "new"]]);

    const existing = [
      { id: 1, sourceUrl: "https://s/a", status: "confirmed" as const },
      { id: 2, sourceUrl: "https://s/b", status: "notified" as const },
      { id: 3, sourceUrl: "https://s/c", status: "new" as const },
      { id: 4, sourceUrl: "https://s/d", status: "dismissed" as const },
    ];
    const later = planCaseUpdates(existing, result("https://c.example/1", [match("https://s/a", "violation", 0.5), match("https://s/b", "licensed", 0.9), match("https://s/d", "violation", 0.9)]), CAPS);
    expect(later.map((c) => [c.caseId, c.outcome, c.refresh, c.transition?.to ?? null])).toEqual([
      [1, "violation", true, null],
      [2, "licensed", false, "resolved"],
      [4, "violation", true, null],
      [3, "no_reuse", false, "resolved"],
    ]);
    expect(later[1]!.transition!.comment).toMatch(/license/);
  });

  it("reopens a resolved case whose violation is seen again", () => {
    const [change] = planCaseUpdates([{ id: 9, sourceUrl: "https://s/a", status: "resolved" }], result("https://c.example/1", [match("https://s/a", "violation", 0.6)]), CAPS);
    expect(change).toMatchObject({ caseId: 9, transition: { to: "new" } });
    expect(change!.transition!.comment).toMatch(/^reopened: .*60\.0% of the source reused \(cap 30\.0%\)/);
  });
});

describe("status machine", () => {
  it("allows the editor's path and closing from any open status, and only reopening after", () => {
    expect(allowedSteps("new")).toEqual(["confirmed", "resolved", "dismissed"]);
    expect(canTransition("confirmed", "notified")).toBe(true);
    expect(canTransition("new", "notified")).toBe(false);
    expect(canTransition("notified", "confirmed")).toBe(false);
    expect(allowedSteps("resolved")).toEqual(["new"]);
    expect(allowedSteps("dismissed")).toEqual(["new"]);
  });
});

describe("SQLite stores", () => {
  let dir: string;
  let db: Database.Database;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "copyquota-cases-"));
    db = openDatabase(path.join(dir, "db.sqlite"));
  });

  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("stores evidence once per hash, a capture per look, and refuses to rewrite or delete it", async () => {
    const evidence = new SqliteEvidenceStore(db);
    const body = new TextEncoder().encode("<html>страница</html>");
    const base = { url: "https://c.example/1", finalUrl: "https://c.example/1", origin: "fetched" as const, status: 200, headers: { "content-type": "text/html" }, contentType: "text/html" };
    const first = await evidence.capture({ ...base, body, fetchedAt: "2024-05-01T10:00:00.000Z" });
    const second = await evidence.capture({ ...base, body, fetchedAt: "2024-05-02T10:00:00.000Z" });
    expect(first.sha256).toBe(createHash("sha256").update(body).digest("hex"));
    expect(second.sha256).toBe(first.sha256);
    expect(second.id).not.toBe(first.id);
    expect((await evidence.capturesOf(first.sha256)).map((c) => c.fetchedAt)).toEqual(["2024-05-01T10:00:00.000Z", "2024-05-02T10:00:00.000Z"]);
    expect(new TextDecoder().decode((await evidence.body(first.sha256))!)).toBe("<html>страница</html>");
    expect(db.prepare("SELECT count(*) FROM evidence_blobs").pluck().get()).toBe(1);
    expect(() => db.prepare("UPDATE evidence_blobs SET bytes = x'00'").run()).toThrow(/never rewritten/);
    expect(() => db.prepare("DELETE FROM evidence_captures").run()).toThrow(/never deleted/);
  });

  it("records checks atomically: cases, observations and history, with dashboard counts", async () => {
    const cases = new SqliteCaseStore(db);
    const unitOfWork = serialTransactions(db, asTransactionRepositories({ cases }));
    const at = (day: number) => `2024-05-${String(day).padStart(2, "0")}T12:00:00.000Z`;
    const one = await unitOfWork((tx) => recordCheck(tx.cases, { result: result("https://a.example/x?utm_source=vk", [match("https://s/1", "violation", 0.9)]), candidateText: "t", evidenceSha256: "a".repeat(64), caps: CAPS, actor: "api", at: at(1) }));
    const two = await unitOfWork((tx) => recordCheck(tx.cases, { result: result("https://www.b.example/y", [match("https://s/1", "violation", 0.4), match("https://s/2", "violation", 0.5)]), candidateText: "t", evidenceSha256: "b".repeat(64), caps: CAPS, actor: "api", at: at(3) }));
    expect(one.opened).toHaveLength(1);
    expect(two.opened).toHaveLength(2);
    await cases.changeStatus(two.opened[0]!, "dismissed", { actor: "lawyer", comment: "обзор прессы", at: at(4) });
    const dismissed = (await cases.getCase(two.opened[0]!))!;
    expect(dismissed.resolution).toBe("dismissed by lawyer: обзор прессы");
    expect(dismissed.candidate).toEqual({ url: "https://www.b.example/y", domain: "b.example", title: "Копия" });

    const stats = await cases.stats({ days: 5, now: at(5), topDomains: 10 });
    expect(stats.byStatus).toEqual({ new: 2, confirmed: 0, notified: 0, resolved: 0, dismissed: 1 });
    expect(stats.openByViolation).toEqual({ over_quota: 2, missing_link: 2 });
    expect(stats.newPerDay).toEqual([
      { day: "2024-05-01", count: 1 },
      { day: "2024-05-02", count: 0 },
      { day: "2024-05-03", count: 2 },
      { day: "2024-05-04", count: 0 },
      { day: "2024-05-05", count: 0 },
    ]);
    // Most open cases first; among equals, the domain with more cases in all.
    expect(stats.topDomains).toEqual([
      { domain: "b.example", open: 1, total: 2 },
      { domain: "a.example", open: 1, total: 1 },
    ]);
    const check = (await cases.getCheck(one.checkId!))!;
    expect(check.result.candidate.url).toBe("https://a.example/x?utm_source=vk");
  });
});

describe("exports and letters", () => {
  const base: Case = {
    id: 7,
    candidate: { url: "https://copy.example/a", domain: "copy.example", title: '=HYPERLINK("http://evil")' },
    source: { url: "https://vestnik-delovoy.example/a", title: "Статья, с запятой" },
    status: "confirmed",
    share: 0.62,
    reusedChars: 620,
    sourceChars: 1000,
    maxShare: 0.3,
    maxChars: null,
    violations: ["over_quota", "link_not_indexable"],
    link: { present: true, href: "https://vestnik-delovoy.example/a", target: "article", nofollow: true, noindex: false, hidden: false },
    passages: [
      { source: { start: 0, end: 20 }, candidate: { start: 0, end: 20 } },
      { source: { start: 30, end: 60 }, candidate: { start: 40, end: 70 } },
    ],
    firstSeen: "2024-05-01T00:00:00.000Z",
    lastSeen: "2024-05-02T00:00:00.000Z",
    updatedAt: "2024-05-02T00:00:00.000Z",
    resolution: null,
    lastCheckId: 1,
  };

  it("writes CSV that quotes commas and defuses spreadsheet formulas from page titles", () => {
    const [header, row] = casesToCsv([base]).split("\r\n");
    expect(header).toBe("id,status,candidate_url,candidate_domain,candidate_title,source_url,source_title,share,max_share,reused_chars,source_chars,violations,link_present,link_href,first_seen,last_seen,resolution");
    expect(row).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(row).toContain('"Статья, с запятой"');
    expect(row).toContain(",0.62,0.3,620,1000,over_quota link_not_indexable,true,");
  });

  it("fills a notice from the case, policy, passages and evidence, with the deadline from the policy", () => {
    const protectedText = "Первый абзац статьи. Второй фрагмент, который взяли целиком. Остальное.";
    const input = {
      case: base,
      source: { url: base.source.url, title: "Статья", published: "2024-04-30T10:00:00+05:00", protectedText },
      policy: { ...DEFAULT_POLICY, fixDeadlineDays: 5 },
      publisher: "vestnik-delovoy.example",
      evidence: { sha256: "c".repeat(64), fetchedAt: "2024-05-02T08:00:00.000Z" },
      today: "2024-05-10T09:00:00.000Z",
    };
    const ru = noticeLetter(input, "ru");
    expect(ru.deadline).toBe("2024-05-15");
    expect(ru.subject).toBe("Требование об устранении нарушения условий использования материала «Статья»");
    expect(ru.body).toContain("заимствовано 62% текста материала (620 из 1");
    expect(ru.body).toContain("при допустимых 30%");
    expect(ru.body).toContain("гиперссылка на источник закрыта от индексации");
    expect(ru.body).toContain(`1. «${protectedText.slice(0, 20).trim()}»`);
    expect(ru.body).toContain("до 15 мая 2024 г.");
    expect(ru.body).toContain("c".repeat(64));
    const en = noticeLetter(input, "en");
    expect(en.body).toContain("62% of the article's text was reused");
    expect(en.body).toContain("by 15 May 2024");
    expect(en.body).toContain("make the hyperlink to the source followable by search engines");
  });
});

describe("sourceSegments", () => {
  it("marks boilerplate blocks in order and keeps the text whole", () => {
    const text = "Лид.\n\nТекст. Читайте также: другое.\n\nПолитика перепечатки.\nЧитать все новости";
    const segments = sourceSegments(text, ["Политика перепечатки.", "Читать все новости", "не найдено"]);
    expect(segments).toEqual([
      { text: "Лид.\n\nТекст. Читайте также: другое.\n\n", boilerplate: false },
      { text: "Политика перепечатки.", boilerplate: true },
      { text: "\n", boilerplate: false },
      { text: "Читать все новости", boilerplate: true },
    ]);
    expect(segments.map((s) => s.text).join("")).toBe(text);
  });
});

import { describe, expect, it } from "vitest";
import { measuredMatch } from "../support/measured-match.ts";
import type { CheckResult, Match } from "../../src/core/types.ts";
import type { Case } from "../../src/cases/case.ts";
import type { CaseStore, CheckToRecord, RecordedCheck } from "../../src/cases/case-store.ts";
import type { GoneToRecord } from "../../src/cases/record-check.ts";
import { CaseNotFoundError } from "../../src/cases/case-store.ts";
import { recordCheck, recordGone } from "../../src/cases/record-check.ts";
import { TransitionError } from "../../src/cases/status-machine.ts";
import { SqliteCaseStore } from "../../src/cases/sqlite-case-store.ts";
import { PostgresCaseStore } from "../../src/cases/postgres-case-store.ts";
import { CASE_TABLES } from "../../src/io/storage/postgres-tables/cases.ts";
import { storableText } from "../../src/io/storage/postgres-text.ts";
import { serialTransactions } from "../../src/io/storage/sqlite-transactions.ts";
import { asTransactionRepositories, type InTransaction } from "../../src/io/storage/repositories.ts";
import { storeBackends } from "./store-backends.ts";

/** A process's cases: the store, and checks recorded as the case service and the monitor record them, each in a unit of work. */
interface Cases extends CaseStore {
  recordCheck(input: CheckToRecord): Promise<RecordedCheck>;
  recordGone(input: GoneToRecord): Promise<RecordedCheck>;
}

function casesWith(store: CaseStore, transaction: <T>(work: (tx: InTransaction<CaseStore>) => Promise<T>) => Promise<T>): Cases {
  const cases: Cases = Object.create(store);
  cases.recordCheck = (input) => transaction((tx) => recordCheck(tx, input));
  cases.recordGone = (input) => transaction((tx) => recordGone(tx, input));
  return cases;
}

const backends = storeBackends<Cases>("cases", {
  sqlite: (db) => {
    const store = new SqliteCaseStore(db);
    // The test's connections stand for processes; in its one thread they take turns on the file (`serialTransactions`).
    const transaction = serialTransactions(db, asTransactionRepositories({ cases: store }));
    return casesWith(store, (work) => transaction((tx) => work(tx.cases)));
  },
  postgres: (db) => casesWith(new PostgresCaseStore(db), (work) => db.atomically((tx) => work(asTransactionRepositories({ cases: new PostgresCaseStore(tx) }).cases))),
  tables: CASE_TABLES,
});

const CAPS = { maxShare: 0.3, maxChars: null };
const SOURCE = "https://gorportal.example/news/";
const at = (day: number, hour = 12) => `2024-05-${String(day).padStart(2, "0")}T${String(hour).padStart(2, "0")}:00:00.000Z`;
/** An id no row can have on either database: a fraction, which PostgreSQL's int8 would refuse to compare. */
const FRACTION_ID = 1.5;

/** A measured reuse of `SOURCE + n`; a violation reuses over the cap and has no link back. */
function match(n: number, verdict: Match["verdict"], share: number): Match {
  return measuredMatch({ url: `${SOURCE}${n}`, title: `Статья ${n}` }, verdict, share, null);
}

function check(url: string, matches: Match[], when: string, title = "Копия"): CheckToRecord {
  const verdict = matches.some((m) => m.verdict === "violation") ? "violation" : matches.length > 0 ? "compliant" : "no_reuse";
  const result: CheckResult = { candidate: { url, title, chars: 2000, published: null }, verdict, matches };
  return { result, candidateText: `текст страницы ${url}`, evidenceSha256: "a".repeat(64), caps: CAPS, actor: "monitor", at: when };
}

describe.each(backends.map((b) => [b.name, b] as const))("%s cases: the same semantics", (_name, backend) => {
  it("opens a case per violated source with everything the check measured, and keeps the check", async () => {
    const cases = (await backend.database()).connect();
    const recorded = await cases.recordCheck(check("https://www.reposter.example/a?utm_source=vk", [match(1, "violation", 0.8), match(2, "compliant", 0.1)], at(1)));
    expect(recorded).toEqual({ checkId: recorded.checkId, opened: [recorded.opened[0]], updated: [], resolved: [], reopened: [] });
    const opened = (await cases.getCase(recorded.opened[0]!))!;
    expect(opened).toEqual({
      id: recorded.opened[0]!,
      candidate: { url: "https://www.reposter.example/a?utm_source=vk", domain: "reposter.example", title: "Копия" },
      source: { url: `${SOURCE}1`, title: "Статья 1" },
      status: "new",
      share: 0.8,
      reusedChars: 800,
      sourceChars: 1000,
      maxShare: 0.3,
      maxChars: null,
      violations: ["over_quota", "missing_link"],
      link: { present: false, href: null, target: null, nofollow: false, noindex: false, hidden: false },
      passages: [{ source: { start: 0, end: 800 }, candidate: { start: 10, end: 810 } }],
      firstSeen: at(1),
      lastSeen: at(1),
      updatedAt: at(1),
      resolution: null,
      lastCheckId: recorded.checkId!,
    } satisfies Case);
    const stored = (await cases.getCheck(recorded.checkId!))!;
    expect(stored).toEqual({ id: recorded.checkId, at: at(1), actor: "monitor", candidateText: "текст страницы https://www.reposter.example/a?utm_source=vk", result: check("https://www.reposter.example/a?utm_source=vk", [match(1, "violation", 0.8), match(2, "compliant", 0.1)], at(1)).result, evidenceSha256: "a".repeat(64) });
    expect(JSON.stringify(stored.result.matches[0]!.passages)).toBe('[{"source":{"start":0,"end":800},"candidate":{"start":10,"end":810}}]');
    expect(await cases.history(opened.id)).toEqual([{ id: expect.any(Number), caseId: opened.id, at: at(1), actor: "monitor", from: null, to: "new", comment: "opened: 80.0% of the source reused (cap 30.0%); over_quota, missing_link" }]);
    expect(await cases.observations(opened.id)).toEqual([{ id: expect.any(Number), caseId: opened.id, checkId: recorded.checkId, at: at(1), outcome: "violation", share: 0.8, violations: ["over_quota", "missing_link"], evidenceSha256: "a".repeat(64) }]);
  });

  it("refreshes, resolves and reopens a page's cases as later checks see it, under its normalized URL", async () => {
    const cases = (await backend.database()).connect();
    const page = "https://reposter.example/a";
    const first = await cases.recordCheck(check(`${page}?utm_source=tg`, [match(1, "violation", 0.8), match(2, "violation", 0.5)], at(1)));
    const [caseOne, caseTwo] = await Promise.all(first.opened.map(async (id) => (await cases.getCase(id))!));
    expect([caseOne!.source.url, caseTwo!.source.url]).toEqual([`${SOURCE}1`, `${SOURCE}2`]);

    const second = await cases.recordCheck(check(page, [match(1, "violation", 0.6), match(2, "licensed", 0.5)], at(2), "Копия, исправленная"));
    expect(second).toEqual({ checkId: second.checkId, opened: [], updated: [caseOne!.id], resolved: [caseTwo!.id], reopened: [] });
    expect(await cases.getCase(caseOne!.id)).toMatchObject({ share: 0.6, lastSeen: at(2), firstSeen: at(1), lastCheckId: second.checkId, candidate: { url: page, title: "Копия, исправленная" }, status: "new" });
    expect(await cases.getCase(caseTwo!.id)).toMatchObject({ status: "resolved", resolution: "resolved: the reuse is now covered by a license", updatedAt: at(2), lastSeen: at(1), share: 0.5 });

    const third = await cases.recordCheck(check(page, [match(2, "violation", 0.9)], at(3)));
    expect(third).toEqual({ checkId: third.checkId, opened: [], updated: [caseTwo!.id], resolved: [caseOne!.id], reopened: [caseTwo!.id] });
    expect((await cases.history(caseTwo!.id)).map((e) => [e.from, e.to, e.at])).toEqual([[null, "new", at(1)], ["new", "resolved", at(2)], ["resolved", "new", at(3)]]);
    expect((await cases.observations(caseOne!.id)).map((o) => [o.outcome, o.share, o.violations, o.checkId])).toEqual([
      ["violation", 0.8, ["over_quota", "missing_link"], first.checkId],
      ["violation", 0.6, ["over_quota", "missing_link"], second.checkId],
      ["no_reuse", 0, [], third.checkId],
    ]);

    const gone = await cases.recordGone({ candidateUrl: `${page}?utm_medium=x`, status: 410, evidenceSha256: "b".repeat(64), actor: "monitor", at: at(4) });
    expect(gone).toEqual({ checkId: null, opened: [], updated: [], resolved: [caseTwo!.id], reopened: [] });
    expect(await cases.getCase(caseTwo!.id)).toMatchObject({ status: "resolved", resolution: "resolved: the page is gone (HTTP 410)" });
    expect((await cases.observations(caseTwo!.id)).at(-1)).toMatchObject({ checkId: null, outcome: "gone", share: 0, violations: [], evidenceSha256: "b".repeat(64) });
    expect(await cases.recordGone({ candidateUrl: page, status: 404, evidenceSha256: "b".repeat(64), actor: "monitor", at: at(5) })).toEqual({ checkId: null, opened: [], updated: [], resolved: [], reopened: [] });
  });

  it("moves a case along the status machine on a person's request, and refuses unknown cases and steps it does not allow", async () => {
    const cases = (await backend.database()).connect();
    const { opened } = await cases.recordCheck(check("https://reposter.example/a", [match(1, "violation", 0.8)], at(1)));
    const id = opened[0]!;
    expect(await cases.changeStatus(id, "confirmed", { actor: "editor", comment: "", at: at(2) })).toMatchObject({ status: "confirmed", updatedAt: at(2), resolution: null });
    await expect(cases.changeStatus(id, "new", { actor: "editor", comment: "", at: at(3) })).rejects.toThrow(TransitionError);
    await expect(cases.changeStatus(id, "new", { actor: "editor", comment: "", at: at(3) })).rejects.toThrow('a case cannot go from "confirmed" to "new"');
    const dismissed = await cases.changeStatus(id, "dismissed", { actor: "lawyer", comment: "обзор прессы", at: at(4) });
    expect(dismissed).toMatchObject({ status: "dismissed", resolution: "dismissed by lawyer: обзор прессы", updatedAt: at(4) });
    expect(await cases.getCase(id)).toEqual(dismissed);
    expect((await cases.history(id)).map((e) => [e.actor, e.from, e.to, e.comment])).toEqual([
      ["monitor", null, "new", expect.stringMatching(/^opened: /)],
      ["editor", "new", "confirmed", ""],
      ["lawyer", "confirmed", "dismissed", "обзор прессы"],
    ]);
    await expect(cases.changeStatus(id + 1000, "confirmed", { actor: "editor", comment: "", at: at(5) })).rejects.toThrow(CaseNotFoundError);
    await expect(cases.changeStatus(FRACTION_ID, "confirmed", { actor: "editor", comment: "", at: at(5) })).rejects.toThrow(`case ${FRACTION_ID} does not exist`);
    expect(await cases.getCase(FRACTION_ID)).toBeNull();
    expect(await cases.getCheck(FRACTION_ID)).toBeNull();
    expect(await cases.history(FRACTION_ID)).toEqual([]);
    expect(await cases.observations(FRACTION_ID)).toEqual([]);
  });

  it("lists cases by status, violation, domain, first-seen window and text, newest sighting first, a page at a time", async () => {
    const cases = (await backend.database()).connect();
    const open = async (url: string, n: number, day: number, title = "Копия") => (await cases.recordCheck(check(url, [match(n, "violation", 0.5)], at(day), title))).opened[0]!;
    const a = await open("https://news.reposter.example/a", 1, 1, "Mayor's SPEECH");
    const b = await open("https://reposter.kz/b", 2, 2);
    const c = await open("https://otherposter.example/c", 3, 3, "100%_done\\ok");
    await cases.changeStatus(b, "dismissed", { actor: "lawyer", comment: "", at: at(4) });
    const ids = async (filter: Parameters<CaseStore["listCases"]>[0]) => (await cases.listCases(filter, { limit: 10, offset: 0 })).items.map((x) => x.id);

    expect(await ids({})).toEqual([c, b, a]);
    expect(await ids({ status: ["new", "confirmed"] })).toEqual([c, a]);
    expect(await ids({ violation: "over_quota" })).toEqual([c, b, a]);
    expect(await ids({ violation: "over_char_cap" })).toEqual([]);
    expect(await ids({ domain: "www.reposter.example" })).toEqual([a]);
    expect(await ids({ domain: "https://sub.reposter.kz/x" })).toEqual([b]);
    expect(await ids({ domain: "POSTER" })).toEqual([c, b, a]);
    expect(await ids({ from: "2024-05-02" })).toEqual([c, b]);
    expect(await ids({ until: "2024-05-02" })).toEqual([b, a]);
    expect(await ids({ until: at(2) })).toEqual([b, a]);
    expect(await ids({ until: "2024-05-02T11:59:59.999Z" })).toEqual([a]);
    // ASCII case is ignored (as SQLite's LIKE does, not other letters'); % and _ are wildcards; a backslash is a plain character.
    expect(await ids({ query: "speech" })).toEqual([a]);
    expect(await ids({ query: "0%_d" })).toEqual([c]);
    expect(await ids({ query: "e\\ok" })).toEqual([c]);
    expect(await ids({ query: `${SOURCE}2` })).toEqual([b]);
    expect(await ids({ status: ["new"], domain: "poster", query: "статья" })).toEqual([]);
    expect(await ids({ status: ["new"], domain: "poster", query: "Статья" })).toEqual([c, a]);

    const page = await cases.listCases({}, { limit: 2, offset: 1 });
    expect(page.total).toBe(3);
    expect(page.items.map((x) => x.id)).toEqual([b, a]);
    expect(page.items[1]).toEqual(await cases.getCase(a));
  });

  it("counts cases for the dashboard: by status, open ones by violation, new per day, domains with the most open", async () => {
    const cases = (await backend.database()).connect();
    const one = await cases.recordCheck(check("https://a.example/x?utm_source=vk", [match(1, "violation", 0.9)], at(1)));
    const two = await cases.recordCheck(check("https://www.b.example/y", [match(1, "violation", 0.4), match(2, "violation", 0.5)], at(3)));
    await cases.recordCheck(check("https://B.example/z", [match(3, "violation", 0.5)], at(3, 23)));
    await cases.changeStatus(two.opened[0]!, "dismissed", { actor: "lawyer", comment: "обзор прессы", at: at(4) });
    await cases.changeStatus(one.opened[0]!, "confirmed", { actor: "editor", comment: "", at: at(4) });
    const stats = await cases.stats({ days: 5, now: at(5), topDomains: 10 });
    expect(stats).toEqual({
      byStatus: { new: 2, confirmed: 1, notified: 0, resolved: 0, dismissed: 1 },
      openByViolation: { over_quota: 3, missing_link: 3 },
      newPerDay: [
        { day: "2024-05-01", count: 1 },
        { day: "2024-05-02", count: 0 },
        { day: "2024-05-03", count: 3 },
        { day: "2024-05-04", count: 0 },
        { day: "2024-05-05", count: 0 },
      ],
      // Most open cases first; among equals, the domain with more cases in all, then by name.
      topDomains: [
        { domain: "b.example", open: 2, total: 3 },
        { domain: "a.example", open: 1, total: 1 },
      ],
    });
    expect((await cases.stats({ days: 2, now: at(3), topDomains: 1 })).topDomains).toEqual([{ domain: "b.example", open: 2, total: 3 }]);
    expect((await cases.stats({ days: 1, now: at(9), topDomains: 10 })).newPerDay).toEqual([{ day: "2024-05-09", count: 0 }]);
  });

  it("records nothing of a check that fails: a second case for one page and source is refused", async () => {
    const cases = (await backend.database()).connect();
    const first = await cases.recordCheck(check("https://reposter.example/a", [match(1, "violation", 0.8)], at(1)));
    // Two matches of one source would open two cases of one pair; the unique constraint refuses the second.
    await expect(cases.recordCheck(check("https://reposter.example/b", [match(2, "violation", 0.5), match(2, "violation", 0.6)], at(2)))).rejects.toThrow(/unique/i);
    expect(await cases.getCheck(first.checkId! + 1)).toBeNull();
    expect((await cases.listCases({}, { limit: 10, offset: 0 })).items.map((c) => c.id)).toEqual(first.opened);
    const next = await cases.recordCheck(check("https://reposter.example/b", [match(2, "violation", 0.5)], at(3)));
    expect(next.opened).toHaveLength(1);
  });

  it("keeps a page's text and title with a NUL character, at the same offsets (PostgreSQL's text holds U+FFFD instead)", async () => {
    const cases = (await backend.database()).connect();
    const input = check("https://reposter.example/a", [match(1, "violation", 0.8)], at(1), "Ко\u0000пия");
    const recorded = await cases.recordCheck({ ...input, candidateText: "текст\u0000страницы" });
    expect([input.result.candidate.title, storableText(input.result.candidate.title)]).toContain((await cases.getCase(recorded.opened[0]!))!.candidate.title);
    const stored = (await cases.getCheck(recorded.checkId!))!;
    expect(["текст\u0000страницы", "текст\uFFFDстраницы"]).toContain(stored.candidateText);
    // The result is JSON, which keeps the NUL escaped on both.
    expect(stored.result.candidate.title).toBe("Ко\u0000пия");
  });

  it("opens one case per page and source when two workers record the same page at once, again and again", async () => {
    const database = await backend.database();
    const [a, b] = [database.connect(), database.connect()];
    const rounds = 15;
    const page = "https://reposter.example/hot";
    const results = await Promise.all(
      Array.from({ length: rounds }, (_, round) => [
        a.recordCheck(check(`${page}?utm_source=a${round}`, [match(1, "violation", 0.8), match(2, "violation", 0.5)], at(1 + (round % 9)))),
        b.recordCheck(check(`${page}?utm_source=b${round}`, [match(2, "violation", 0.6), match(1, "violation", 0.7)], at(1 + (round % 9)))),
      ]).flat(),
    );
    const listed = await a.listCases({}, { limit: 100, offset: 0 });
    expect(listed.items.map((c) => c.source.url).sort()).toEqual([`${SOURCE}1`, `${SOURCE}2`]);
    expect(results.flatMap((r) => r.opened).sort()).toEqual(listed.items.map((c) => c.id).sort());
    for (const c of listed.items) {
      expect(await b.observations(c.id)).toHaveLength(2 * rounds);
      expect((await b.history(c.id)).map((e) => e.to)).toEqual(["new"]);
    }
  });

  it("lets one of two people changing one case at once through two servers pass the transition check, and refuses the other", async () => {
    const database = await backend.database();
    const [a, b] = [database.connect(), database.connect()];
    for (let round = 0; round < 10; round++) {
      const { opened } = await a.recordCheck(check(`https://reposter.example/${round}`, [match(1, "violation", 0.8)], at(1)));
      const id = opened[0]!;
      const outcomes = await Promise.allSettled([
        a.changeStatus(id, "confirmed", { actor: "editor", comment: "", at: at(2) }),
        b.changeStatus(id, "confirmed", { actor: "lawyer", comment: "", at: at(2) }),
      ]);
      expect(outcomes.map((o) => o.status).sort()).toEqual(["fulfilled", "rejected"]);
      expect(outcomes.find((o) => o.status === "rejected")).toMatchObject({ reason: expect.any(TransitionError) });
      expect((await b.history(id)).map((e) => e.to)).toEqual(["new", "confirmed"]);
    }
  });

  it("keeps a case's history a chain when a check resolves it while a person moves it: each step starts where the last ended", async () => {
    const database = await backend.database();
    const [monitor, server] = [database.connect(), database.connect()];
    for (let round = 0; round < 10; round++) {
      const page = `https://reposter.example/${round}`;
      const { opened } = await monitor.recordCheck(check(page, [match(1, "violation", 0.8)], at(1)));
      const id = opened[0]!;
      // The page no longer reuses the source: the check resolves the case unless the person's step came first.
      await Promise.allSettled([monitor.recordCheck(check(page, [], at(2))), server.changeStatus(id, "confirmed", { actor: "editor", comment: "", at: at(2) })]);
      const steps = await server.history(id);
      expect(steps.at(-1)!.to).toBe("resolved");
      steps.slice(1).forEach((step, i) => expect(step.from).toBe(steps[i]!.to));
      expect((await server.getCase(id))!.status).toBe("resolved");
    }
  });
});

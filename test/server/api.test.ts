import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CheckResult } from "../../src/core/types.ts";
import type { Case, CaseEvent, Observation } from "../../src/cases/case.ts";
import { addSourceArticle, candidatePage, KEY, SOURCE, sourceText, startTestServer } from "./support.ts";
import type { TestServer } from "./support.ts";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
  await addSourceArticle(server);
});

afterAll(async () => {
  await server.close();
});

const CANDIDATE = "https://novosti-dnya.example/news/muka-eksport";

/** A feed item's full text: long enough (over 500 characters) for the feed loader to take it as the article. */
const FEED_PARAGRAPHS = [
  "Новый автомобильный мост через Иртыш в Семее откроют для движения в сентябре, сообщили в акимате области. Строительство шло три года и обошлось бюджету в 41 млрд тенге.",
  "Подрядчик завершил укладку асфальта на подходах к мосту и приступил к установке освещения. Испытания конструкции под нагрузкой пройдут в августе с участием независимых экспертов.",
  "По расчетам городских властей, новый мост разгрузит старую переправу на треть и сократит время в пути между левобережьем и центром города в часы пик почти вдвое.",
];

describe("health and authentication", () => {
  it("answers /api/health without a key", async () => {
    const response = await fetch(`${server.url}/api/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });

  it("refuses API routes without a key or with a wrong one, naming what to send", async () => {
    const none = await fetch(`${server.url}/api/cases`);
    expect(none.status).toBe(401);
    expect(((await none.json()) as { message: string }).message).toMatch(/Authorization: Bearer/);
    const wrong = await fetch(`${server.url}/api/cases`, { headers: { authorization: "Bearer not-the-key-at-all" } });
    expect(wrong.status).toBe(401);
    const ok = await server.call("GET", "/api/cases");
    expect(ok.status).toBe(200);
    expect(ok.headers.get("cache-control")).toBe("no-store");
  });

  it("serves the OpenAPI 3 document and the rendered docs", async () => {
    const doc = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as { openapi: string; paths: Record<string, unknown>; components: { schemas: Record<string, unknown> } };
    expect(doc.openapi).toMatch(/^3\./);
    for (const route of ["/api/check", "/api/cases", "/api/cases/{id}", "/api/cases/{id}/status", "/api/licenses", "/api/policy", "/api/sources/upload", "/api/evidence/{sha256}"]) {
      expect(doc.paths).toHaveProperty([route]);
    }
    expect(doc.components.schemas).toHaveProperty("CheckResult");
    // Every response says when it comes; none is left as the generator's "Default Response".
    expect(JSON.stringify(doc.paths)).not.toContain("Default Response");
    const check = (doc.paths["/api/check"] as { post: { responses: Record<string, { description: string }> } }).post.responses;
    expect(check["422"]!.description).toMatch(/could not be fetched or read/);
    expect(check["200"]!.description).not.toBe("");
    // The reference page draws the document (test/web/api-docs.test.ts): no key needed, no inline script.
    const docs = await fetch(`${server.url}/api/docs`);
    expect(docs.status).toBe(200);
    expect(docs.headers.get("content-security-policy")).toContain("script-src 'self'");
    const assets = [...(await docs.text()).matchAll(/(?:src|href)="(\/api\/docs\/[^"]+)"/g)].map((m) => m[1]!);
    expect(assets).toEqual(["/api/docs/api-docs.css", "/api/docs/api-docs.js"]);
    for (const asset of assets) expect((await fetch(`${server.url}${asset}`)).status).toBe(200);
  });
});

describe("POST /api/check", () => {
  let copy: CheckResult;
  let copyHeaders: Headers;
  const html = candidatePage(SOURCE.paragraphs);

  beforeAll(async () => {
    const response = await server.call<CheckResult>("POST", "/api/check", { url: CANDIDATE, html });
    expect(response.status).toBe(200);
    copy = response.body;
    copyHeaders = response.headers;
  });

  it("answers with the check contract and opens a case for the violation", async () => {
    expect(copy.candidate.url).toBe(CANDIDATE);
    expect(copy.verdict).toBe("violation");
    const match = copy.matches[0]!;
    expect(match.source.url).toBe(SOURCE.url);
    expect(match.share).toBeGreaterThan(0.9);
    expect(match.violations).toEqual(["over_quota", "missing_link"]);
    expect(match.passages.length).toBeGreaterThan(0);
    expect(copyHeaders.get("x-check-id")).toMatch(/^\d+$/);
    const opened = copyHeaders.get("x-cases-opened")!;
    expect(opened).toMatch(/^\d+$/);
    const detail = await server.call<{ case: Case; history: CaseEvent[]; observations: Observation[] }>("GET", `/api/cases/${opened}`);
    expect(detail.body.case).toMatchObject({ status: "new", candidate: { url: CANDIDATE, domain: "novosti-dnya.example" }, source: { url: SOURCE.url }, maxShare: 0.3 });
    expect(detail.body.case.violations).toEqual(["over_quota", "missing_link"]);
    expect(detail.body.history.map((e) => [e.from, e.to, e.actor])).toEqual([[null, "new", "admin"]]);
    expect(detail.body.observations).toHaveLength(1);
  });

  it("stores the submitted bytes as evidence, named by their SHA-256, downloadable and never rendered", async () => {
    const sha = createHash("sha256").update(Buffer.from(html, "utf8")).digest("hex");
    const evidence = await fetch(`${server.url}/api/evidence/${sha}`, { headers: { authorization: `Bearer ${KEY}` } });
    expect(evidence.status).toBe(200);
    expect(evidence.headers.get("content-type")).toBe("application/octet-stream");
    expect(evidence.headers.get("content-disposition")).toMatch(/^attachment/);
    expect(evidence.headers.get("x-content-sha256")).toBe(sha);
    expect(Buffer.from(await evidence.arrayBuffer()).toString("utf8")).toBe(html);
    const captures = await server.call<{ captures: { origin: string; status: number | null; fetchedAt: string }[] }>("GET", `/api/evidence/${sha}/captures`);
    expect(captures.body.captures[0]).toMatchObject({ origin: "submitted", status: null });
  });

  it("updates the same case when the page is checked again with a tracking parameter", async () => {
    const again = await server.call("POST", "/api/check", { url: `${CANDIDATE}?utm_source=telegram`, html });
    expect(again.headers.get("x-cases-opened")).toBe("");
    expect(again.headers.get("x-cases-updated")).toBe(copyHeaders.get("x-cases-opened"));
    const id = copyHeaders.get("x-cases-opened");
    const detail = await server.call<{ observations: Observation[] }>("GET", `/api/cases/${id}`);
    expect(detail.body.observations).toHaveLength(2);
  });

  it("accepts plain text and records checks that find no violation without opening a case", async () => {
    const text = "В Алматы завершили ремонт трех подземных переходов на проспекте Абая. Работы шли с весны и обошлись городу в 640 млн тенге.";
    const response = await server.call<CheckResult>("POST", "/api/check", { url: "https://other.example/remont", text });
    expect(response.status).toBe(200);
    expect(response.body.verdict).toBe("no_reuse");
    expect(response.headers.get("x-check-id")).toMatch(/^\d+$/);
    expect(response.headers.get("x-cases-opened")).toBe("");
  });

  it("rejects a request without html or text for a URL it cannot reach, and bad input naming the field", async () => {
    const missingUrl = await server.call<{ error: string; message: string; issues: { path: string }[] }>("POST", "/api/check", { html: "<p>x</p>" });
    expect(missingUrl.status).toBe(400);
    expect(missingUrl.body.issues.map((i) => i.path)).toContain("body.url");
    expect(missingUrl.body.message).toMatch(/^url: /);
    const both = await server.call<{ message: string }>("POST", "/api/check", { url: CANDIDATE, html: "<p>a</p>", text: "a" });
    expect(both.status).toBe(400);
    expect(both.body.message).toMatch(/either html or text/);
    const empty = await server.call<{ message: string }>("POST", "/api/check", { url: CANDIDATE, text: "   " });
    expect(empty.status).toBe(400);
    expect(empty.body.message).toContain(CANDIDATE);
  });

  it("resolves the case when the page is fixed (cut to a quotation with a link)", async () => {
    const fixed = candidatePage([SOURCE.paragraphs[3]!.split(": ")[0]!], SOURCE.url);
    const response = await server.call<CheckResult>("POST", "/api/check", { url: CANDIDATE, html: fixed });
    expect(response.body.verdict).toBe("compliant");
    const id = copyHeaders.get("x-cases-opened");
    expect(response.headers.get("x-cases-resolved")).toBe(id);
    const detail = await server.call<{ case: Case; history: CaseEvent[] }>("GET", `/api/cases/${id}`);
    expect(detail.body.case.status).toBe("resolved");
    expect(detail.body.case.resolution).toMatch(/complies with the policy/);
    expect(detail.body.history.at(-1)).toMatchObject({ from: "new", to: "resolved", actor: "admin" });
    // A violation seen again reopens it.
    await server.call("POST", "/api/check", { url: CANDIDATE, html });
    const reopened = await server.call<{ case: Case; history: CaseEvent[] }>("GET", `/api/cases/${id}`);
    expect(reopened.body.case.status).toBe("new");
    expect(reopened.body.history.at(-1)!.comment).toMatch(/reopened/);
  });
});

describe("cases", () => {
  let id: number;

  beforeAll(async () => {
    const response = await server.call("POST", "/api/check", {
      url: "https://kopilka-news.example/2024/muka",
      html: candidatePage(SOURCE.paragraphs.slice(0, 3), "https://vestnik-delovoy.example/"),
    });
    id = Number(response.headers.get("x-cases-opened"));
    expect(id).toBeGreaterThan(0);
  });

  it("walks the status path with comments and refuses a step it does not allow", async () => {
    const confirmed = await server.call<Case>("POST", `/api/cases/${id}/status`, { status: "confirmed", comment: "проверено" });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.status).toBe("confirmed");
    const skip = await server.call<{ error: string; message: string }>("POST", `/api/cases/${id}/status`, { status: "new" });
    expect(skip.status).toBe(409);
    expect(skip.body.message).toMatch(/cannot go from "confirmed" to "new"/);
    await server.call("POST", `/api/cases/${id}/status`, { status: "notified", comment: "письмо отправлено" });
    const detail = await server.call<{ history: CaseEvent[]; allowedSteps: string[] }>("GET", `/api/cases/${id}`);
    expect(detail.body.history.map((e) => `${e.from}->${e.to}:${e.comment}`)).toEqual([
      expect.stringMatching(/^null->new:opened/),
      "new->confirmed:проверено",
      "confirmed->notified:письмо отправлено",
    ]);
    expect(detail.body.allowedSteps).toEqual(["resolved", "dismissed"]);
    const bad = await server.call<{ issues: { path: string }[] }>("POST", `/api/cases/${id}/status`, { status: "closed" });
    expect(bad.status).toBe(400);
    expect(bad.body.issues[0]!.path).toBe("body.status");
    expect((await server.call("POST", "/api/cases/99999/status", { status: "confirmed" })).status).toBe(404);
  });

  it("filters by status, violation, domain and date", async () => {
    const list = async (query: string) => (await server.call<{ total: number; items: Case[] }>("GET", `/api/cases?${query}`)).body;
    expect((await list("status=notified")).items.map((c) => c.id)).toEqual([id]);
    expect((await list("status=open")).total).toBe(2);
    expect((await list("violation=link_not_to_article")).items.map((c) => c.id)).toEqual([id]);
    expect((await list("domain=kopilka-news.example")).items.map((c) => c.id)).toEqual([id]);
    expect((await list("domain=nowhere.example")).total).toBe(0);
    const today = new Date().toISOString().slice(0, 10);
    expect((await list(`from=${today}&until=${today}`)).total).toBe(2);
    expect((await list("until=2000-01-01")).total).toBe(0);
    const bad = await server.call<{ message: string }>("GET", "/api/cases?status=pending");
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/unknown status "pending"/);
  });

  it("exports cases as CSV and JSON", async () => {
    const csv = await server.call("GET", "/api/cases/export?format=csv&domain=kopilka-news.example");
    expect(csv.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(csv.headers.get("content-disposition")).toMatch(/attachment; filename="copyquota-cases-\d{4}-\d{2}-\d{2}\.csv"/);
    const lines = csv.text.replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines[0]).toMatch(/^id,status,candidate_url,candidate_domain/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain("https://kopilka-news.example/2024/muka");
    const json = await server.call<Case[]>("GET", "/api/cases/export?format=json");
    expect(Array.isArray(json.body)).toBe(true);
    expect(json.body.map((c) => c.id)).toContain(id);
  });

  it("writes the notice letter in Russian and English from the case", async () => {
    const ru = await server.call<{ subject: string; body: string; deadline: string }>("GET", `/api/cases/${id}/letter?lang=ru`);
    expect(ru.body.subject).toContain(SOURCE.title);
    expect(ru.body.body).toContain("https://kopilka-news.example/2024/muka");
    expect(ru.body.body).toMatch(/при допустимых 30%/);
    expect(ru.body.body).toContain("гиперссылка ведет не на исходный материал");
    expect(ru.body.body).toContain(SOURCE.paragraphs[0]!.slice(0, 40));
    expect(ru.body.deadline).toBe(new Date(Date.parse(new Date().toISOString().slice(0, 10)) + 3 * 86_400_000).toISOString().slice(0, 10));
    const en = await server.call("GET", `/api/cases/${id}/letter?lang=en&format=text`);
    expect(en.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(en.headers.get("content-disposition")).toContain(`notice-case-${id}-en.txt`);
    expect(en.text).toMatch(/the limit is 30%/);
    expect(en.text).toMatch(/SHA-256 checksum is [0-9a-f]{64}/);
  });
});

describe("sources", () => {
  it("lists, searches and shows a source with its boilerplate marked", async () => {
    const list = await server.call<{ total: number; items: { id: number; url: string; chars: number }[] }>("GET", "/api/sources?q=muka");
    expect(list.body.items).toHaveLength(0);
    const found = await server.call<{ items: { id: number; url: string }[] }>("GET", "/api/sources?q=test-article");
    expect(found.body.items.map((s) => s.url)).toEqual([SOURCE.url]);
    const detail = await server.call<{ protectedText: string; boilerplate: string[]; segments: { text: string; boilerplate: boolean }[] }>("GET", `/api/sources/${found.body.items[0]!.id}`);
    expect(detail.body.protectedText).not.toContain("При использовании материалов");
    expect(detail.body.segments.filter((s) => s.boilerplate).map((s) => s.text)).toEqual([SOURCE.notice]);
    expect(detail.body.segments.map((s) => s.text).join("")).toBe(sourceText());
    expect((await server.call("GET", "/api/sources/99999")).status).toBe(404);
  });

  it("adds sources from an uploaded JSONL archive or feed, reports a bad line by name, and removes one", async () => {
    const jsonl = [
      JSON.stringify({ url: "https://vestnik-delovoy.example/news/a1", title: "Первая", text: "Первый абзац статьи о ценах на топливо в регионах страны.\n\nВторой абзац о том, как меняются тарифы." }),
      "{not json",
      JSON.stringify({ url: "https://vestnik-delovoy.example/news/a2", title: "Вторая", text: "Текст второй статьи о строительстве новых школ в пригородах Алматы." }),
    ].join("\n");
    const response = await fetch(`${server.url}/api/sources/upload?filename=archive.jsonl`, {
      method: "POST",
      headers: { authorization: `Bearer ${KEY}`, "content-type": "application/octet-stream" },
      body: jsonl,
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { added: { url: string }[]; errors: { input: string; message: string }[] };
    expect(body.added.map((a) => a.url)).toEqual(["https://vestnik-delovoy.example/news/a1", "https://vestnik-delovoy.example/news/a2"]);
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0]!.message).toMatch(/^archive\.jsonl:2: /);
    const rss = `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Деловой вестник</title><link>https://vestnik-delovoy.example/</link>
<item><title>Из ленты</title><link>https://vestnik-delovoy.example/news/feed-1</link><pubDate>Tue, 02 Apr 2024 10:00:00 +0500</pubDate>
<content:encoded><![CDATA[${FEED_PARAGRAPHS.map((p) => `<p>${p}</p>`).join("")}]]></content:encoded></item>
</channel></rss>`;
    const feed = await fetch(`${server.url}/api/sources/upload?filename=feed.xml&reference=true`, {
      method: "POST",
      headers: { authorization: `Bearer ${KEY}`, "content-type": "application/rss+xml" },
      body: rss,
    });
    expect(((await feed.json()) as { added: { url: string }[] }).added.map((a) => a.url)).toEqual(["https://vestnik-delovoy.example/news/feed-1"]);
    const fromFeed = await server.call<{ items: { reference: boolean }[] }>("GET", "/api/sources?q=feed-1");
    expect(fromFeed.body.items[0]!.reference).toBe(true);
    const empty = await fetch(`${server.url}/api/sources/upload?filename=empty.html`, {
      method: "POST",
      headers: { authorization: `Bearer ${KEY}`, "content-type": "application/octet-stream" },
      body: "",
    });
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as { message: string }).message).toMatch(/^empty\.html: /);
    const { body: found } = await server.call<{ items: { id: number }[] }>("GET", "/api/sources?q=news/a2");
    expect((await server.call("DELETE", `/api/sources/${found.items[0]!.id}`)).status).toBe(200);
    expect((await server.call<{ items: unknown[] }>("GET", "/api/sources?q=news/a2")).body.items).toHaveLength(0);
  });
});

describe("licenses and policy", () => {
  it("grants, changes and withdraws a license, and a license turns a copy into licensed reuse", async () => {
    const bad = await server.call<{ issues: { path: string; message: string }[] }>("POST", "/api/licenses", { domain: "not a domain", until: "2024-13-40" });
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((i) => i.path).sort()).toEqual(["domain", "until"]);
    const created = await server.call<{ id: number; domain: string; lifts: string[] }>("POST", "/api/licenses", { domain: "partner-media.example", lifts: ["cap"], note: "договор 7" });
    expect(created.status).toBe(201);
    const check = await server.call<CheckResult>("POST", "/api/check", { url: "https://partner-media.example/x", html: candidatePage(SOURCE.paragraphs, SOURCE.url) });
    expect(check.body.verdict).toBe("licensed");
    const changed = await server.call<{ until: string }>("PUT", `/api/licenses/${created.body.id}`, { domain: "partner-media.example", until: "2020-01-01" });
    expect(changed.body.until).toBe("2020-01-01");
    expect((await server.call("DELETE", `/api/licenses/${created.body.id}`)).status).toBe(200);
    expect((await server.call("GET", `/api/licenses/${created.body.id}`)).status).toBe(404);
  });

  it("validates a policy naming each bad field, and applies a good one to later checks", async () => {
    const bad = await server.call<{ issues: { path: string; message: string }[] }>("PUT", "/api/policy", { maxShare: 30, link: { target: "page" }, maxshare: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((i) => i.path).sort()).toEqual(["link.target", "maxShare", "maxshare"]);
    expect(bad.body.issues.find((i) => i.path === "maxShare")!.message).toMatch(/write "30%"/);
    const licenses = await server.call<{ issues: { path: string }[] }>("PUT", "/api/policy", { licenses: [] });
    expect(licenses.body.issues[0]!.path).toBe("licenses");
    const good = await server.call<{ rules: { maxShare: number }; wording: { ru: string } }>("PUT", "/api/policy", { maxShare: "95%" });
    expect(good.body.rules.maxShare).toBeCloseTo(0.95);
    expect(good.body.wording.ru).toContain("95%");
    const check = await server.call<CheckResult>("POST", "/api/check", { url: "https://third.example/x", html: candidatePage(SOURCE.paragraphs.slice(0, 2), SOURCE.url) });
    expect(check.body.verdict).toBe("compliant");
    await server.call("PUT", "/api/policy", {});
    expect((await server.call<{ rules: { maxShare: number } }>("GET", "/api/policy")).body.rules.maxShare).toBe(0.3);
  });
});

describe("self-check", () => {
  it("tells a re-publisher what a draft reuses without recording anything", async () => {
    const before = (await server.call<{ total: number }>("GET", "/api/cases")).body.total;
    const response = await server.call<{ result: CheckResult; candidateText: string; sources: { url: string; protectedText: string }[] }>("POST", "/api/self-check", {
      text: SOURCE.paragraphs.join("\n\n"),
    });
    expect(response.status).toBe(200);
    expect(response.body.result.verdict).toBe("violation");
    expect(response.body.result.matches[0]!.violations).toContain("missing_link");
    expect(response.body.sources[0]!.url).toBe(SOURCE.url);
    expect(response.body.candidateText).toBe(SOURCE.paragraphs.join("\n\n"));
    expect((await server.call<{ total: number }>("GET", "/api/cases")).body.total).toBe(before);
    expect((await server.call("POST", "/api/self-check", {})).status).toBe(400);
  });
});

describe("UI session", () => {
  it("logs in with the key into an HttpOnly SameSite cookie, and needs the CSRF token to change anything", async () => {
    const wrong = await fetch(`${server.url}/api/session`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ key: "nope" }) });
    expect(wrong.status).toBe(401);
    const login = await fetch(`${server.url}/api/session`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ key: KEY }) });
    expect(login.status).toBe(200);
    const setCookie = login.headers.get("set-cookie")!;
    expect(setCookie).toMatch(/^cq_session=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    const { csrfToken, user } = (await login.json()) as { csrfToken: string; user: string };
    expect(user).toBe("admin");
    const cookie = setCookie.split(";")[0]!;
    expect((await fetch(`${server.url}/api/cases`, { headers: { cookie } })).status).toBe(200);
    const post = (headers: Record<string, string>) =>
      fetch(`${server.url}/api/licenses`, { method: "POST", headers: { cookie, "content-type": "application/json", ...headers }, body: JSON.stringify({ domain: "csrf.example" }) });
    expect((await post({})).status).toBe(403);
    expect((await post({ "x-csrf-token": "forged" })).status).toBe(403);
    expect((await post({ "x-csrf-token": csrfToken })).status).toBe(201);
    const logout = await fetch(`${server.url}/api/session`, { method: "DELETE", headers: { cookie, "x-csrf-token": csrfToken } });
    expect(logout.status).toBe(200);
    expect((await fetch(`${server.url}/api/cases`, { headers: { cookie } })).status).toBe(401);
  });
});

describe("API keys", () => {
  it("lets the admin issue a key shown once, records its holder as the actor, and revoke it", async () => {
    const issued = await server.call<{ id: number; name: string; key: string }>("POST", "/api/keys", { name: "editor.aigerim" });
    expect(issued.status).toBe(201);
    expect(issued.body.key).toMatch(/^cq_[A-Za-z0-9_-]{11}\.[A-Za-z0-9_-]{43}$/);
    const listed = await server.call<{ items: Record<string, unknown>[] }>("GET", "/api/keys");
    expect(listed.body.items.map((k) => k.name)).toEqual(["admin", "editor.aigerim"]);
    expect(JSON.stringify(listed.body)).not.toContain(issued.body.key);

    const editor = { authorization: `Bearer ${issued.body.key}` };
    const check = await server.call("POST", "/api/check", { url: "https://keys.example/copy", html: candidatePage(SOURCE.paragraphs) }, editor);
    const id = check.headers.get("x-cases-opened");
    await server.call("POST", `/api/cases/${id}/status`, { status: "dismissed", comment: "партнер" }, editor);
    const detail = await server.call<{ history: CaseEvent[] }>("GET", `/api/cases/${id}`);
    expect(detail.body.history.map((e) => e.actor)).toEqual(["editor.aigerim", "editor.aigerim"]);
    expect((await server.call("GET", "/api/keys", undefined, editor)).status).toBe(403);
    expect((await server.call("POST", "/api/keys", { name: "admin" })).status).toBe(400);

    expect((await server.call("DELETE", `/api/keys/${issued.body.id}`)).status).toBe(200);
    expect((await server.call("GET", "/api/cases", undefined, editor)).status).toBe(401);
    const adminId = listed.body.items.find((k) => k.name === "admin")!.id;
    expect((await server.call("DELETE", `/api/keys/${adminId}`)).status).toBe(409);
  });
});

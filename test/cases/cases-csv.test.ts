import { describe, expect, it } from "vitest";
import type { Case } from "../../src/cases/case.ts";
import { casesToCsv } from "../../src/cases/cases-csv.ts";

const CASE: Case = {
  id: 7,
  candidate: { url: "https://copy.example/a", domain: "copy.example", title: "Копия" },
  source: { url: "https://vestnik-delovoy.example/a", title: "Статья" },
  status: "new",
  share: 0.62,
  reusedChars: 620,
  sourceChars: 1000,
  maxShare: 0.3,
  maxChars: null,
  violations: ["over_quota"],
  link: { present: false, href: null, target: null, nofollow: false, noindex: false, hidden: false },
  passages: [],
  firstSeen: "2024-05-01T00:00:00.000Z",
  lastSeen: "2024-05-02T00:00:00.000Z",
  updatedAt: "2024-05-02T00:00:00.000Z",
  resolution: null,
  lastCheckId: 1,
};

/** Exports a case whose candidate page has `title` and expects `cell` as the title's field, between its neighbours. */
function expectTitleCell(title: string, cell: string): void {
  const csv = casesToCsv([{ ...CASE, candidate: { ...CASE.candidate, title } }]);
  expect(csv).toContain(`,copy.example,${cell},https://vestnik-delovoy.example/a,`);
}

describe("casesToCsv", () => {
  it.each([
    // The cases: each would run as a formula in some spreadsheet.
    ["x;=1+1", '"x;=1+1"'],
    [" =1+1", `"' =1+1"`],
    ["\u00a0=1+1", `"'\u00a0=1+1"`],
    ["\n=1+1", `"'\n=1+1"`],
    ["＝1+1", `"'＝1+1"`],
    // The other formula starts, plain and full-width, and invisible characters before them.
    ["=HYPERLINK(\"http://evil\")", `"'=HYPERLINK(""http://evil"")"`],
    ["+1", `"'+1"`],
    ["-1+2", `"'-1+2"`],
    ["@SUM(A1)", `"'@SUM(A1)"`],
    ["＋1", `"'＋1"`],
    ["－1", `"'－1"`],
    ["＠SUM(A1)", `"'＠SUM(A1)"`],
    ["\tx", `"'\tx"`],
    ["\rx", `"'\rx"`],
    ["\u3000\u2003=1", `"'\u3000\u2003=1"`],
    ["\u200b=1", `"'\u200b=1"`],
    ["\ufeff=1", `"'\ufeff=1"`],
  ])("neutralises or quotes %j", (title, cell) => {
    expectTitleCell(title, cell);
  });

  it.each([
    ["Статья, с запятой", '"Статья, с запятой"'],
    ["a;b", '"a;b"'],
    ['он сказал "да"', '"он сказал ""да"""'],
    ["две\r\nстроки", '"две\r\nстроки"'],
  ])("quotes %j, which holds a delimiter, a quote or a line end", (title, cell) => {
    expectTitleCell(title, cell);
  });

  it.each(["Курс тенге", "x=1", "1-2", "a@b.example", "   ", ""])("leaves %j as it is", (title) => {
    expectTitleCell(title, title);
  });

  it("writes a header row and numbers as numbers", () => {
    const [header, row] = casesToCsv([CASE]).split("\r\n");
    expect(header).toBe("id,status,candidate_url,candidate_domain,candidate_title,source_url,source_title,share,max_share,reused_chars,source_chars,violations,link_present,link_href,first_seen,last_seen,resolution");
    expect(row).toBe("7,new,https://copy.example/a,copy.example,Копия,https://vestnik-delovoy.example/a,Статья,0.62,0.3,620,1000,over_quota,false,,2024-05-01T00:00:00.000Z,2024-05-02T00:00:00.000Z,");
  });
});

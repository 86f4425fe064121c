import { describe, expect, it } from "vitest";
import { candidateVerdict, judgeMatch } from "../../src/core/policy/verdict.ts";
import type { MatchFacts } from "../../src/core/policy/verdict.ts";
import { DEFAULT_POLICY } from "../../src/core/policy/schema.ts";
import type { License, Policy } from "../../src/core/policy/policy.ts";
import type { LinkFinding, Match, MatchVerdict } from "../../src/core/types.ts";

const SOURCE = "https://vestnik-stepi.kz/economy/2024/03/zerno-eksport";

const ARTICLE_LINK: LinkFinding = { present: true, href: SOURCE, target: "article", nofollow: false, noindex: false, hidden: false };
const DOMAIN_LINK: LinkFinding = { ...ARTICLE_LINK, href: "https://vestnik-stepi.kz/", target: "domain" };
const NO_LINK: LinkFinding = { present: false, href: null, target: null, nofollow: false, noindex: false, hidden: false };

/** A compliant reuse under the seed policy (20% with a link to the article), with overrides. */
function facts(overrides: Partial<MatchFacts> = {}): MatchFacts {
  return {
    source: { url: SOURCE, published: "2024-03-12T09:00:00+05:00", reference: false },
    candidate: { url: "https://agro-novosti.kz/zerno", published: "2024-03-12T15:30:00+05:00", onPublisherDomain: false },
    share: 0.2,
    reusedChars: 800,
    link: ARTICLE_LINK,
    now: "2024-06-01T12:00:00Z",
    ...overrides,
  };
}

function policy(overrides: Partial<Policy> = {}): Policy {
  return { ...DEFAULT_POLICY, ...overrides };
}

/** The seed policy's cap, as a match judged under it carries it. */
const SEED_CAP = { maxShare: 0.3, maxChars: null };

function license(overrides: Partial<License> = {}): License {
  return { domain: "agro-novosti.kz", from: null, until: null, articles: [], lifts: ["cap", "link"], ...overrides };
}

describe("judgeMatch: the cap", () => {
  it("accepts reuse up to the share, inclusive", () => {
    expect(judgeMatch(facts({ share: 0.3 }), policy())).toEqual({ verdict: "compliant", violations: [], licensed: false, predatesSource: false, cap: SEED_CAP });
  });

  it("reports a share over the cap", () => {
    expect(judgeMatch(facts({ share: 0.31 }), policy())).toEqual({ verdict: "violation", violations: ["over_quota"], licensed: false, predatesSource: false, cap: SEED_CAP });
  });

  it("names the cap it judged against, the policy's in force, also when a license lifted it", () => {
    const strict = policy({ maxShare: 0.1, maxChars: 500, licenses: [license({ lifts: ["cap"] })] });
    expect(judgeMatch(facts({ share: 0.2 }), strict)).toMatchObject({ verdict: "licensed", cap: { maxShare: 0.1, maxChars: 500 } });
    expect(judgeMatch(facts({ share: 0, reusedChars: 0 }), strict).cap).toEqual({ maxShare: 0.1, maxChars: 500 });
  });

  it("reports reuse over the character cap, when there is one", () => {
    expect(judgeMatch(facts({ reusedChars: 1001 }), policy({ maxChars: 1000 })).violations).toEqual(["over_char_cap"]);
    expect(judgeMatch(facts({ reusedChars: 1000 }), policy({ maxChars: 1000 })).verdict).toBe("compliant");
    expect(judgeMatch(facts({ reusedChars: 100_000 }), policy()).verdict).toBe("compliant");
  });

  it("reports both caps and the link together", () => {
    const judged = judgeMatch(facts({ share: 0.9, reusedChars: 5000, link: NO_LINK }), policy({ maxChars: 1000 }));
    expect(judged.violations).toEqual(["over_quota", "over_char_cap", "missing_link"]);
  });
});

describe("judgeMatch: the link", () => {
  it("reports a missing link, and a hidden one as missing", () => {
    expect(judgeMatch(facts({ link: NO_LINK }), policy()).violations).toEqual(["missing_link"]);
    expect(judgeMatch(facts({ link: { ...ARTICLE_LINK, hidden: true } }), policy()).violations).toEqual(["missing_link"]);
  });

  it("reports a link to the domain when the policy asks for the article", () => {
    expect(judgeMatch(facts({ link: DOMAIN_LINK }), policy()).violations).toEqual(["link_not_to_article"]);
    const anyPage = policy({ link: { required: true, target: "domain", indexable: false } });
    expect(judgeMatch(facts({ link: DOMAIN_LINK }), anyPage).verdict).toBe("compliant");
  });

  it("reports a nofollow or noindex link when the policy asks for an indexable one", () => {
    const indexable = policy({ link: { required: true, target: "article", indexable: true } });
    expect(judgeMatch(facts({ link: { ...ARTICLE_LINK, nofollow: true } }), indexable).violations).toEqual(["link_not_indexable"]);
    expect(judgeMatch(facts({ link: { ...ARTICLE_LINK, noindex: true } }), indexable).violations).toEqual(["link_not_indexable"]);
    expect(judgeMatch(facts({ link: { ...ARTICLE_LINK, nofollow: true } }), policy()).verdict).toBe("compliant");
  });

  it("asks for no link when the policy does not", () => {
    const noLinkRule = policy({ link: { required: false, target: "article", indexable: true } });
    expect(judgeMatch(facts({ link: NO_LINK }), noLinkRule).verdict).toBe("compliant");
  });
});

describe("judgeMatch: what is never a violation", () => {
  it("a reference source is not the publisher's text", () => {
    const judged = judgeMatch(facts({ source: { url: SOURCE, published: null, reference: true }, share: 1, link: NO_LINK }), policy());
    expect(judged).toEqual({ verdict: "compliant", violations: [], licensed: false, predatesSource: false, cap: null });
  });

  it("nothing reused is nothing to judge", () => {
    expect(judgeMatch(facts({ share: 0, reusedChars: 0, link: NO_LINK }), policy()).verdict).toBe("compliant");
  });

  it("a candidate published before the source predates it", () => {
    const earlier = facts({ candidate: { url: "https://agro-novosti.kz/zerno", published: "2024-03-12T08:59:00+05:00", onPublisherDomain: false }, share: 1, link: NO_LINK });
    expect(judgeMatch(earlier, policy())).toEqual({ verdict: "predates_source", violations: [], licensed: false, predatesSource: true, cap: null });
  });

  it("compares instants across offsets", () => {
    // 09:00+05:00 is 04:00Z; 04:30Z is later, so the candidate does not predate.
    const later = facts({ candidate: { url: "https://agro-novosti.kz/zerno", published: "2024-03-12T04:30:00Z", onPublisherDomain: false }, share: 1 });
    expect(judgeMatch(later, policy()).verdict).toBe("violation");
    const sooner = facts({ candidate: { url: "https://agro-novosti.kz/zerno", published: "2024-03-12T03:30:00Z", onPublisherDomain: false }, share: 1 });
    expect(judgeMatch(sooner, policy()).verdict).toBe("predates_source");
  });

  it("compares days when either date has no time", () => {
    const dayOnlySource = { url: SOURCE, published: "2024-03-12", reference: false };
    const sameDay = facts({ source: dayOnlySource, candidate: { url: "https://agro-novosti.kz/zerno", published: "2024-03-12T00:10:00+05:00", onPublisherDomain: false }, share: 1 });
    expect(judgeMatch(sameDay, policy()).verdict).toBe("violation");
    const dayBefore = facts({ source: dayOnlySource, candidate: { url: "https://agro-novosti.kz/zerno", published: "2024-03-11T23:50:00+05:00", onPublisherDomain: false }, share: 1 });
    expect(judgeMatch(dayBefore, policy()).verdict).toBe("predates_source");
  });

  it("unknown or unreadable dates never predate", () => {
    for (const published of [null, "вчера", "2024-03"]) {
      const judged = judgeMatch(facts({ candidate: { url: "https://agro-novosti.kz/zerno", published, onPublisherDomain: false }, share: 1 }), policy());
      expect(judged).toMatchObject({ verdict: "violation", predatesSource: false });
    }
    const unknownSource = facts({ source: { url: SOURCE, published: null, reference: false }, share: 1 });
    expect(judgeMatch(unknownSource, policy()).verdict).toBe("violation");
  });
});

describe("judgeMatch: licenses", () => {
  const overCapNoLink = facts({ share: 0.8, link: NO_LINK });

  it("lifts everything it names: verdict licensed", () => {
    expect(judgeMatch(overCapNoLink, policy({ licenses: [license()] }))).toEqual({
      verdict: "licensed",
      violations: [],
      licensed: true,
      predatesSource: false,
      cap: SEED_CAP,
    });
  });

  it("lifts only what it names; what is left is still a violation", () => {
    expect(judgeMatch(overCapNoLink, policy({ licenses: [license({ lifts: ["cap"] })] }))).toEqual({
      verdict: "violation",
      violations: ["missing_link"],
      licensed: true,
      predatesSource: false,
      cap: SEED_CAP,
    });
    expect(judgeMatch(overCapNoLink, policy({ licenses: [license({ lifts: ["link"] })] })).violations).toEqual(["over_quota"]);
  });

  it("adds up what several applying licenses lift", () => {
    const licenses = [license({ lifts: ["cap"] }), license({ lifts: ["link"], articles: ["https://www.vestnik-stepi.kz/economy/"] })];
    expect(judgeMatch(overCapNoLink, policy({ licenses })).verdict).toBe("licensed");
  });

  it("lifts the character cap as part of the cap", () => {
    const judged = judgeMatch(facts({ reusedChars: 5000 }), policy({ maxChars: 1000, licenses: [license({ lifts: ["cap"] })] }));
    expect(judged.verdict).toBe("licensed");
  });

  it("is not needed, and not reported, for a compliant reuse", () => {
    expect(judgeMatch(facts(), policy({ licenses: [license()] }))).toMatchObject({ verdict: "compliant", licensed: false });
  });

  it("covers the licensee's subdomains and other editions, not other domains", () => {
    const licensed = (url: string): MatchVerdict => judgeMatch({ ...overCapNoLink, candidate: { url, published: "2024-03-12T15:30:00+05:00", onPublisherDomain: false } }, policy({ licenses: [license()] })).verdict;
    expect(licensed("https://regions.agro-novosti.kz/zerno")).toBe("licensed");
    expect(licensed("https://m.agro-novosti.kz/zerno")).toBe("licensed");
    expect(licensed("https://agro-novosti.com/zerno")).toBe("violation");
    expect(licensed("https://fake-agro-novosti.kz/zerno")).toBe("violation");
  });

  it("holds from its first to its last day, inclusive, by the candidate's date", () => {
    const window = license({ from: "2024-03-01", until: "2024-03-31" });
    const januarySource = { url: SOURCE, published: "2024-01-15", reference: false };
    const on = (published: string): MatchVerdict =>
      judgeMatch({ ...overCapNoLink, source: januarySource, candidate: { url: "https://agro-novosti.kz/zerno", published, onPublisherDomain: false } }, policy({ licenses: [window] })).verdict;
    expect(on("2024-02-29T23:59:00+05:00")).toBe("violation");
    expect(on("2024-03-01T00:01:00+05:00")).toBe("licensed");
    expect(on("2024-03-31T23:59:00+05:00")).toBe("licensed");
    expect(on("2024-04-01T00:00:00+05:00")).toBe("violation");
  });

  it("uses the judgement date when the candidate's date is unknown", () => {
    const undated = { ...overCapNoLink, candidate: { url: "https://agro-novosti.kz/zerno", published: null, onPublisherDomain: false } };
    const window = policy({ licenses: [license({ from: "2024-03-01", until: "2024-03-31" })] });
    expect(judgeMatch({ ...undated, now: "2024-03-15T10:00:00Z" }, window).verdict).toBe("licensed");
    expect(judgeMatch({ ...undated, now: "2024-06-01T10:00:00Z" }, window).verdict).toBe("violation");
  });

  it("covers only the articles under its prefixes, matching whole path segments", () => {
    const under = (prefix: string): MatchVerdict => judgeMatch(overCapNoLink, policy({ licenses: [license({ articles: [prefix] })] })).verdict;
    expect(under("https://vestnik-stepi.kz/economy/")).toBe("licensed");
    expect(under("http://www.vestnik-stepi.kz/economy")).toBe("licensed");
    expect(under("https://vestnik-stepi.kz/")).toBe("licensed");
    expect(under(`${SOURCE}/?utm_source=dogovor`)).toBe("licensed");
    expect(under("https://vestnik-stepi.kz/econ")).toBe("violation");
    expect(under("https://vestnik-stepi.kz/politics/")).toBe("violation");
  });

  it("does not turn a predating candidate or a reference source into a licensed one", () => {
    const licensed = policy({ licenses: [license()] });
    const earlier = { ...overCapNoLink, candidate: { url: "https://agro-novosti.kz/zerno", published: "2024-03-01", onPublisherDomain: false } };
    expect(judgeMatch(earlier, licensed)).toMatchObject({ verdict: "predates_source", licensed: false });
    const reference = { ...overCapNoLink, source: { url: SOURCE, published: null, reference: true } };
    expect(judgeMatch(reference, licensed)).toMatchObject({ verdict: "compliant", licensed: false });
  });
});

describe("judgeMatch: the publisher's own pages", () => {
  const ownPage = (overrides: Partial<MatchFacts>) => facts({ share: 1, link: NO_LINK, ...overrides, candidate: { url: "https://www.vestnik-stepi.kz/zerno", published: null, onPublisherDomain: true } });

  it("judges the publisher's own page as its own, whatever it takes and even when older than the source", () => {
    expect(judgeMatch(ownPage({}), policy())).toEqual({ verdict: "own_page", violations: [], licensed: false, predatesSource: false, cap: null });
    expect(judgeMatch({ ...ownPage({}), candidate: { url: "https://vestnik-stepi.kz/old", published: "2020-01-01", onPublisherDomain: true } }, policy()).verdict).toBe("own_page");
  });

  it("still treats a reference source (a press release) on the publisher's page as not the publisher's text", () => {
    expect(judgeMatch(ownPage({ source: { url: "https://gov.kz/press/1", published: null, reference: true } }), policy()).verdict).toBe("compliant");
  });
});

describe("candidateVerdict", () => {
  function match(verdict: MatchVerdict, overrides: Partial<Match> = {}): Match {
    return {
      source: { url: SOURCE, title: "Экспорт зерна вырос", published: "2024-03-12", reference: false },
      share: 0.2,
      reusedChars: 800,
      sourceChars: 4000,
      excludedChars: 0,
      link: ARTICLE_LINK,
      licensed: verdict === "licensed",
      predatesSource: verdict === "predates_source",
      verdict,
      cap: { maxShare: 0.3, maxChars: null },
      violations: verdict === "violation" ? ["over_quota"] : [],
      passages: [],
      excluded: [],
      ...overrides,
    };
  }
  const referenceMatch = match("compliant", { source: { url: "https://gov.kz/press/1", title: "Пресс-релиз", published: null, reference: true } });

  it("is a violation when any match is", () => {
    expect(candidateVerdict([match("compliant"), match("licensed"), match("violation")])).toBe("violation");
  });

  it("is licensed when a license was needed and nothing is violated", () => {
    expect(candidateVerdict([match("compliant"), match("licensed")])).toBe("licensed");
  });

  it("is the publisher's own page when its matches are, unless another match is violated or licensed", () => {
    expect(candidateVerdict([referenceMatch, match("own_page")])).toBe("own_page");
    expect(candidateVerdict([match("own_page"), match("violation")])).toBe("violation");
  });

  it("is compliant when it reused the publisher's own text within the rules", () => {
    expect(candidateVerdict([referenceMatch, match("compliant")])).toBe("compliant");
  });

  it("is no reuse without matches, or with only reference, empty or predating matches", () => {
    expect(candidateVerdict([])).toBe("no_reuse");
    expect(candidateVerdict([referenceMatch])).toBe("no_reuse");
    expect(candidateVerdict([match("compliant", { reusedChars: 0, share: 0 })])).toBe("no_reuse");
    expect(candidateVerdict([match("predates_source")])).toBe("no_reuse");
  });
});

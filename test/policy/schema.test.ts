import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY, PolicyError, parsePolicy } from "../../src/core/policy/schema.ts";

/** The PolicyError a document raises. */
function errorOf(json: unknown): PolicyError {
  try {
    parsePolicy(json, "policy.json");
  } catch (error) {
    if (error instanceof PolicyError) return error;
    throw error;
  }
  throw new Error("expected a PolicyError");
}

describe("DEFAULT_POLICY", () => {
  it("is the seed outlet's policy", () => {
    expect(DEFAULT_POLICY).toEqual({
      maxShare: 0.3,
      maxChars: null,
      minPassageChars: 0,
      link: { required: true, target: "article", indexable: false },
      licenses: [],
      excludeQuotations: false,
      publisherDomains: [],
      fixDeadlineDays: 3,
    });
  });

  it("is frozen all the way down", () => {
    expect(Object.isFrozen(DEFAULT_POLICY)).toBe(true);
    expect(Object.isFrozen(DEFAULT_POLICY.link)).toBe(true);
    expect(Object.isFrozen(DEFAULT_POLICY.licenses)).toBe(true);
  });
});

describe("parsePolicy", () => {
  it("fills an empty document with the defaults, in fresh objects", () => {
    const policy = parsePolicy({}, "policy.json");
    expect(policy).toEqual(DEFAULT_POLICY);
    policy.publisherDomains.push("stepnoy-vestnik.kz");
    expect(DEFAULT_POLICY.publisherDomains).toEqual([]);
  });

  it("keeps every given field and defaults the rest, also inside link", () => {
    const policy = parsePolicy(
      {
        maxShare: 0.5,
        maxChars: 1000,
        minPassageChars: 200,
        link: { indexable: true },
        excludeQuotations: true,
        publisherDomains: ["WWW.Stepnoy-Vestnik.KZ", "пример.рф"],
        fixDeadlineDays: 10,
      },
      "policy.json",
    );
    expect(policy).toEqual({
      maxShare: 0.5,
      maxChars: 1000,
      minPassageChars: 200,
      link: { required: true, target: "article", indexable: true },
      licenses: [],
      excludeQuotations: true,
      publisherDomains: ["stepnoy-vestnik.kz", "xn--e1afmkfd.xn--p1ai"],
      fixDeadlineDays: 10,
    });
  });

  it("accepts maxShare as a percentage string", () => {
    expect(parsePolicy({ maxShare: "30%" }, "p").maxShare).toBe(0.3);
    expect(parsePolicy({ maxShare: " 12.5 % " }, "p").maxShare).toBe(0.125);
    expect(parsePolicy({ maxShare: "0%" }, "p").maxShare).toBe(0);
    expect(parsePolicy({ maxShare: 1 }, "p").maxShare).toBe(1);
  });

  it("names the file, the field and the bad value", () => {
    expect(errorOf({ maxShare: 30 }).message).toBe('policy.json: maxShare: must be between 0 and 1 (got 30); for 30% write "30%"');
    expect(errorOf({ maxShare: "130%" }).message).toBe('policy.json: maxShare: must be between 0% and 100% (got "130%")');
    expect(errorOf({ maxShare: "треть" }).message).toBe('policy.json: maxShare: must be a fraction from 0 to 1 or a percentage like "30%" (got "треть")');
    expect(errorOf({ maxShare: -0.1 }).message).toBe("policy.json: maxShare: must be between 0 and 1 (got -0.1)");
    expect(errorOf({ maxChars: 99.5 }).message).toBe("policy.json: maxChars: must be a whole number of characters or null (got 99.5)");
    expect(errorOf({ maxChars: -1 }).message).toBe("policy.json: maxChars: must not be negative (got -1)");
    expect(errorOf({ minPassageChars: "200" }).message).toBe('policy.json: minPassageChars: must be a whole number of characters (got "200")');
    expect(errorOf({ minPassageChars: 80.5 }).message).toBe("policy.json: minPassageChars: must be a whole number of characters (got 80.5)");
    expect(errorOf({ minPassageChars: -1 }).message).toBe("policy.json: minPassageChars: must not be negative (got -1)");
    expect(errorOf({ link: { target: "page" } }).message).toBe('policy.json: link.target: must be one of "article", "domain" (got "page")');
    expect(errorOf({ link: { required: "да" } }).message).toBe('policy.json: link.required: must be true or false (got "да")');
    expect(errorOf({ excludeQuotations: 1 }).message).toBe("policy.json: excludeQuotations: must be true or false (got 1)");
    expect(errorOf({ publisherDomains: "stepnoy-vestnik.kz" }).message).toBe('policy.json: publisherDomains: must be a list (got "stepnoy-vestnik.kz")');
    expect(errorOf({ publisherDomains: ["kz"] }).message).toBe('policy.json: publisherDomains[0]: must be a domain like "partner.kz" (got "kz")');
    expect(errorOf({ fixDeadlineDays: 0 }).message).toBe("policy.json: fixDeadlineDays: must be at least 1 day (got 0)");
    expect(errorOf({ fixDeadlineDays: "3" }).message).toBe('policy.json: fixDeadlineDays: must be a number (got "3")');
  });

  it("rejects a document that is not an object", () => {
    expect(errorOf([]).message).toBe("policy.json: must be an object (got a list)");
    expect(errorOf(null).message).toBe("policy.json: must be an object (got null)");
  });

  it("rejects unknown keys and suggests the intended one", () => {
    const error = errorOf({ maxshare: 0.3, link: { requird: true }, licenses: [{ domain: "partner.kz", util: "2024-12-31" }], comment: "x" });
    expect(error.issues).toEqual([
      { path: "link.requird", message: 'unknown key (did you mean "required"?)' },
      { path: "licenses[0].util", message: 'unknown key (did you mean "until"?)' },
      { path: "maxshare", message: 'unknown key (did you mean "maxShare"?)' },
      { path: "comment", message: "unknown key" },
    ]);
  });

  it("lists every problem at once, one line each, and keeps the origin", () => {
    const error = errorOf({ maxShare: 101, link: { target: "site" }, fixDeadlineDays: 1.5 });
    expect(error.origin).toBe("policy.json");
    expect(error.message.split("\n")).toEqual([
      "policy.json: maxShare: must be between 0 and 1 (got 101)",
      'policy.json: link.target: must be one of "article", "domain" (got "site")',
      "policy.json: fixDeadlineDays: must be a whole number of days (got 1.5)",
    ]);
  });
});

describe("parsePolicy licenses", () => {
  it("fills license defaults: always, all articles, lifting the cap and the link rule", () => {
    expect(parsePolicy({ licenses: [{ domain: "Partner.KZ" }] }, "p").licenses).toEqual([
      { domain: "partner.kz", from: null, until: null, articles: [], lifts: ["cap", "link"] },
    ]);
  });

  it("keeps dates as calendar days and removes repeated lifts", () => {
    const [license] = parsePolicy(
      {
        licenses: [
          {
            domain: "www.partner.kz",
            from: "2024-01-01T09:00:00+06:00",
            until: "2024-12-31",
            articles: ["https://vestnik-stepi.kz/economy/"],
            lifts: ["link", "cap", "link"],
          },
        ],
      },
      "p",
    ).licenses;
    expect(license).toEqual({
      domain: "partner.kz",
      from: "2024-01-01",
      until: "2024-12-31",
      articles: ["https://vestnik-stepi.kz/economy/"],
      lifts: ["link", "cap"],
    });
  });

  it("accepts null bounds and a one-day window", () => {
    const licenses = parsePolicy({ licenses: [{ domain: "partner.kz", from: null, until: null }, { domain: "partner.kz", from: "2024-03-01", until: "2024-03-01" }] }, "p").licenses;
    expect(licenses.map((l) => [l.from, l.until])).toEqual([
      [null, null],
      ["2024-03-01", "2024-03-01"],
    ]);
  });

  it("names each bad license field", () => {
    const error = errorOf({
      licenses: [
        { from: "2024-01-01" },
        { domain: "partner.kz", from: "2024-02-30", until: "завтра", lifts: [] },
        { domain: "partner.kz", from: "2024-06-01", until: "2024-05-31", articles: ["ftp://vestnik-stepi.kz/"], lifts: ["all"] },
      ],
    });
    expect(error.issues).toEqual([
      { path: "licenses[0].domain", message: "is required" },
      { path: "licenses[1].from", message: 'must be a date like "2024-01-31" or an ISO timestamp (got "2024-02-30")' },
      { path: "licenses[1].until", message: 'must be a date like "2024-01-31" or an ISO timestamp (got "завтра")' },
      { path: "licenses[1].lifts", message: 'must name at least one of "cap", "link" (an empty list lifts nothing)' },
      { path: "licenses[2].articles[0]", message: 'must be an http(s) URL prefix like "https://kapital.kz/economic/" (got "ftp://vestnik-stepi.kz/")' },
      { path: "licenses[2].lifts[0]", message: 'must be one of "cap", "link" (got "all")' },
      { path: "licenses[2].until", message: "must not be before from (2024-06-01; got 2024-05-31)" },
    ]);
  });

  it("rejects licenses that are not objects", () => {
    expect(errorOf({ licenses: [null, 7, []] }).issues).toEqual([
      { path: "licenses[0]", message: "must be an object (got null)" },
      { path: "licenses[1]", message: "must be an object (got 7)" },
      { path: "licenses[2]", message: "must be an object (got a list)" },
    ]);
  });

  it("does not call a window reversed when one of its dates is itself bad", () => {
    expect(errorOf({ licenses: [{ domain: "partner.kz", from: "2024-13-01", until: "2024-01-01" }] }).issues).toEqual([
      { path: "licenses[0].from", message: 'must be a date like "2024-01-31" or an ISO timestamp (got "2024-13-01")' },
    ]);
  });
});

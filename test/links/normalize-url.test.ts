import { describe, expect, it } from "vitest";
import { isWithinDomain, normalizeHost, normalizeUrl, registrableDomain } from "../../src/core/links/normalize-url.ts";

const ARTICLE = "https://vestnik-stepi.kz/news/2024/03/zerno-eksport";

describe("normalizeUrl", () => {
  it("lower-cases scheme and host and treats http as https", () => {
    expect(normalizeUrl("HTTP://Vestnik-Stepi.KZ/news/2024/03/zerno-eksport")).toBe(ARTICLE);
  });

  it.each([
    ["www.", "https://www.vestnik-stepi.kz/news/2024/03/zerno-eksport"],
    ["m.", "https://m.vestnik-stepi.kz/news/2024/03/zerno-eksport"],
    ["amp.", "https://amp.vestnik-stepi.kz/news/2024/03/zerno-eksport"],
  ])("drops the %s host prefix", (_prefix, url) => {
    expect(normalizeUrl(url)).toBe(ARTICLE);
  });

  it("keeps a prefix when only a public suffix would remain, and keeps other subdomains", () => {
    expect(normalizeUrl("https://m.kz/x")).toBe("https://m.kz/x");
    expect(normalizeUrl("https://news.vestnik-stepi.kz/x")).toBe("https://news.vestnik-stepi.kz/x");
  });

  it.each([
    ["an /amp/ segment", "https://vestnik-stepi.kz/amp/news/2024/03/zerno-eksport"],
    ["a trailing /amp", "https://vestnik-stepi.kz/news/2024/03/zerno-eksport/amp"],
    ["a trailing /amp/", "https://vestnik-stepi.kz/news/2024/03/zerno-eksport/amp/"],
    ["?amp", "https://vestnik-stepi.kz/news/2024/03/zerno-eksport?amp"],
    ["?amp=1", "https://vestnik-stepi.kz/news/2024/03/zerno-eksport?amp=1"],
  ])("folds AMP variants: %s", (_variant, url) => {
    expect(normalizeUrl(url)).toBe(ARTICLE);
  });

  it("folds .amp.html onto .html and keeps amp parameters with other values", () => {
    expect(normalizeUrl("https://vestnik-stepi.kz/news/zerno.amp.html")).toBe("https://vestnik-stepi.kz/news/zerno.html");
    expect(normalizeUrl("https://vestnik-stepi.kz/news/zerno?amp=full")).toBe("https://vestnik-stepi.kz/news/zerno?amp=full");
    expect(normalizeUrl("https://vestnik-stepi.kz/news/ampula")).toBe("https://vestnik-stepi.kz/news/ampula");
  });

  it("drops the trailing slash but keeps the root", () => {
    expect(normalizeUrl(`${ARTICLE}/`)).toBe(ARTICLE);
    expect(normalizeUrl("https://vestnik-stepi.kz")).toBe("https://vestnik-stepi.kz/");
    expect(normalizeUrl("https://vestnik-stepi.kz/")).toBe("https://vestnik-stepi.kz/");
  });

  it("drops default ports and keeps others", () => {
    expect(normalizeUrl("http://vestnik-stepi.kz:80/news/2024/03/zerno-eksport")).toBe(ARTICLE);
    expect(normalizeUrl("https://vestnik-stepi.kz:443/news/2024/03/zerno-eksport")).toBe(ARTICLE);
    expect(normalizeUrl("https://vestnik-stepi.kz:8443/a")).toBe("https://vestnik-stepi.kz:8443/a");
  });

  it("drops the fragment", () => {
    expect(normalizeUrl(`${ARTICLE}#comments`)).toBe(ARTICLE);
  });

  it.each([
    "utm_source=telegram&utm_medium=social&utm_campaign=march",
    "UTM_Source=vk",
    "fbclid=IwAR0abc",
    "yclid=4815162342",
    "ysclid=lt1abc2def",
    "gclid=Cj0KCQ",
    "_openstat=ZGlyZWN0LnlhbmRleC5ydTsxOzE7",
    "from=yxnews",
  ])("drops tracking parameters: %s", (query) => {
    expect(normalizeUrl(`${ARTICLE}?${query}`)).toBe(ARTICLE);
  });

  it("keeps other parameters, sorted, after dropping tracking ones", () => {
    expect(normalizeUrl("https://vestnik-stepi.kz/search?q=zerno&utm_source=x&page=2&cat=agro")).toBe(
      "https://vestnik-stepi.kz/search?cat=agro&page=2&q=zerno",
    );
    expect(normalizeUrl("https://vestnik-stepi.kz/view?id=2&id=1")).toBe("https://vestnik-stepi.kz/view?id=1&id=2");
  });

  it("encodes percent-escapes one way: Cyrillic written or escaped, in any hex case, compares equal", () => {
    const escaped = normalizeUrl("https://vestnik-stepi.kz/news/%D0%B7%D0%B5%D1%80%D0%BD%D0%BE");
    expect(escaped).toBe("https://vestnik-stepi.kz/news/%D0%B7%D0%B5%D1%80%D0%BD%D0%BE");
    expect(normalizeUrl("https://vestnik-stepi.kz/news/зерно")).toBe(escaped);
    expect(normalizeUrl("https://vestnik-stepi.kz/news/%d0%b7%d0%b5%d1%80%d0%bd%d0%be")).toBe(escaped);
    expect(normalizeUrl("https://vestnik-stepi.kz/news/%D0%B7е%D1%80но")).toBe(escaped);
  });

  it("decodes escaped unreserved characters and keeps escaped delimiters escaped", () => {
    expect(normalizeUrl("https://vestnik-stepi.kz/%7Eredaktsiya/%61rkhiv")).toBe("https://vestnik-stepi.kz/~redaktsiya/arkhiv");
    expect(normalizeUrl("https://vestnik-stepi.kz/a%2Fb")).toBe("https://vestnik-stepi.kz/a%2Fb");
  });

  it("encodes query values one way, reading + as a space", () => {
    const expected = "https://vestnik-stepi.kz/search?q=%D1%83%D1%80%D0%BE%D0%B6%D0%B0%D0%B9%20%D0%B7%D0%B5%D1%80%D0%BD%D0%B0";
    expect(normalizeUrl("https://vestnik-stepi.kz/search?q=урожай+зерна")).toBe(expected);
    expect(normalizeUrl("https://vestnik-stepi.kz/search?q=%D1%83%D1%80%D0%BE%D0%B6%D0%B0%D0%B9%20%D0%B7%D0%B5%D1%80%D0%BD%D0%B0")).toBe(expected);
    expect(normalizeUrl("https://vestnik-stepi.kz/search?q=a%2Bb")).toBe("https://vestnik-stepi.kz/search?q=a%2Bb");
  });

  it("keeps escapes of other charsets byte for byte", () => {
    // windows-1251 "пр": not UTF-8, must survive unchanged rather than turn into U+FFFD.
    expect(normalizeUrl("https://vestnik-stepi.kz/tag/%ef%f0")).toBe("https://vestnik-stepi.kz/tag/%EF%F0");
  });

  it("converts internationalized hosts to punycode", () => {
    expect(normalizeUrl("http://пример.рф/")).toBe("https://xn--e1afmkfd.xn--p1ai/");
    expect(normalizeUrl("http://WWW.Пример.РФ/новости/")).toBe(normalizeUrl("https://xn--e1afmkfd.xn--p1ai/новости"));
  });

  it("resolves relative links against the base", () => {
    expect(normalizeUrl("../2024/03/zerno-eksport", "https://vestnik-stepi.kz/news/2023/")).toBe(ARTICLE);
    expect(normalizeUrl("/news/2024/03/zerno-eksport", "http://www.vestnik-stepi.kz/")).toBe(ARTICLE);
  });

  it("drops a trailing dot of the host", () => {
    expect(normalizeUrl("https://vestnik-stepi.kz./news/2024/03/zerno-eksport")).toBe(ARTICLE);
  });

  it.each(["mailto:redaktsiya@vestnik-stepi.kz", "javascript:void(0)", "ftp://vestnik-stepi.kz/a", "tel:+77172000000", "not a url", ""])(
    "returns null for %j",
    (href) => {
      expect(normalizeUrl(href)).toBeNull();
    },
  );

  it("is idempotent", () => {
    for (const url of [
      "http://WWW.Вестник-Степи.РФ:80/amp/новости/зерно.amp.html?utm_source=x&b=%d0%b1+в&a#top",
      "https://vestnik-stepi.kz/a%2Fb/%EF%F0?q=a%2Bb&amp=full",
    ]) {
      const once = normalizeUrl(url);
      expect(once).not.toBeNull();
      expect(normalizeUrl(once!)).toBe(once);
    }
  });
});

describe("registrableDomain", () => {
  it("gives the registrable domain of a host or URL", () => {
    expect(registrableDomain("news.kapital.kz")).toBe("kapital.kz");
    expect(registrableDomain("https://m.news.vestnik-stepi.kz/a?b=1")).toBe("vestnik-stepi.kz");
    expect(registrableDomain("gazeta.com.kz")).toBe("gazeta.com.kz");
    expect(registrableDomain("WWW.Vestnik-Stepi.KZ")).toBe("vestnik-stepi.kz");
  });

  it("gives internationalized domains in punycode", () => {
    expect(registrableDomain("новости.пример.рф")).toBe("xn--e1afmkfd.xn--p1ai");
  });

  it("treats a hosting platform's customer sites as separate domains", () => {
    expect(registrableDomain("https://vestnik.blogspot.com/news")).toBe("vestnik.blogspot.com");
  });

  it("keeps IP addresses and localhost as their own domain", () => {
    expect(registrableDomain("http://127.0.0.1:8080/a")).toBe("127.0.0.1");
    expect(registrableDomain("http://localhost:3000/")).toBe("localhost");
  });

  it("returns null for public suffixes and non-hosts", () => {
    expect(registrableDomain("kz")).toBeNull();
    expect(registrableDomain("com.kz")).toBeNull();
    expect(registrableDomain("")).toBeNull();
    expect(registrableDomain("no such host")).toBeNull();
  });
});

describe("normalizeHost and isWithinDomain", () => {
  it("normalizes hosts like normalizeUrl does", () => {
    expect(normalizeHost("WWW.Partner.KZ")).toBe("partner.kz");
    expect(normalizeHost("https://m.partner.kz/x")).toBe("partner.kz");
    expect(normalizeHost("")).toBeNull();
  });

  it("accepts the domain and its subdomains, not look-alikes", () => {
    expect(isWithinDomain("https://partner.kz/a", "partner.kz")).toBe(true);
    expect(isWithinDomain("https://www.partner.kz/a", "partner.kz")).toBe(true);
    expect(isWithinDomain("https://regions.partner.kz/a", "www.partner.kz")).toBe(true);
    expect(isWithinDomain("https://notpartner.kz/a", "partner.kz")).toBe(false);
    expect(isWithinDomain("https://partner.kz.evil.com/a", "partner.kz")).toBe(false);
    expect(isWithinDomain("https://partner.kz/a", "regions.partner.kz")).toBe(false);
  });
});

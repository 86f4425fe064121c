import { describe, expect, it } from "vitest";
import { isDateLine } from "../../src/core/extract/date-line.ts";
import { elementsInOrder } from "../../src/core/extract/elements.ts";
import { isSameSite } from "../../src/core/extract/link-blocks.ts";
import { hasNonArticleName } from "../../src/core/extract/non-article-names.ts";
import { parseDocument } from "../../src/core/extract/parse-document.ts";
import { isCommentsHeading, isRelatedHeading, opensWithRelatedHeading } from "../../src/core/extract/related-headings.ts";
import { smallTexts } from "../../src/core/extract/small-texts.ts";

function element(html: string): Element {
  return parseDocument(`<html><body>${html}</body></html>`).body.firstElementChild!;
}

describe("date lines", () => {
  it("are dates, times and counts in Russian, Kazakh and English", () => {
    for (const line of ["14 июля 2025, 09:20 1 284", "12 мар 2025, 14:05", "02.10.2024, 11:30", "14 шілде 2025 жыл", "Oct 9, 2025", "August 21, 2025 7:15 AM UTC", "5 ноября"]) {
      expect(isDateLine(line), line).toBe(true);
    }
  });

  it("are not sentences that carry a date, nor lines without a digit", () => {
    for (const line of ["14 июля суд вынес решение", "Обновлено сегодня", "The vote is on May 5"]) {
      expect(isDateLine(line), line).toBe(false);
    }
  });
});

describe("related headings", () => {
  it("are the headings of related lists, tags and most-read blocks, with their punctuation and counts", () => {
    for (const heading of ["Читайте также", "По теме:", "Похожие новости", "Оқи отырыңыз:", "Тақырыпқа қатысты", "Related Coverage", "Read more", "Самое читаемое", "Теги:", "Most popular"]) {
      expect(isRelatedHeading(heading), heading).toBe(true);
    }
  });

  it("are not paragraphs that start with the same words", () => {
    expect(isRelatedHeading("По теме реформы высказались депутаты")).toBe(false);
    expect(isRelatedHeading("Популярность тарифа выросла")).toBe(false);
    expect(opensWithRelatedHeading("Читайте также: Цены на муку выросли")).toBe(true);
    expect(opensWithRelatedHeading("Читайтесь")).toBe(false);
  });

  it("of comments take a count, and nothing else", () => {
    expect(isCommentsHeading("Комментарии (2)")).toBe(true);
    expect(isCommentsHeading("Пікірлер")).toBe(true);
    expect(isCommentsHeading("Comments")).toBe(true);
    expect(isCommentsHeading("Комментарии экспертов разошлись")).toBe(false);
  });
});

describe("non-article names", () => {
  it("are read from class, id, role and itemprop, as words of kebab, snake and camel case", () => {
    for (const html of ['<div class="article__tags"></div>', '<div id="readMore"></div>', '<div class="read-more"></div>', '<span itemprop="author"></span>', '<div class="Recirc share_box"></div>']) {
      expect(hasNonArticleName(element(html)), html).toBe(true);
    }
  });

  it("are whole words: names that merely contain one are not furniture", () => {
    for (const html of ['<div class="articleBody"></div>', '<div class="content-tagline-wrap"></div>', '<div class="photographer-story"></div>', '<p class="follow-up"></p>', "<div></div>"]) {
      expect(hasNonArticleName(element(html)), html).toBe(false);
    }
  });

  it("name an appeal for readers' support in a class, not in an id a heading's text may have made", () => {
    expect(hasNonArticleName(element('<div class="contributions-epic"></div>'))).toBe(true);
    expect(hasNonArticleName(element('<div class="support-us"></div>'))).toBe(true);
    expect(hasNonArticleName(element('<span class="mw-headline" id="State_support_and_contributions"></span>'))).toBe(false);
  });
});

describe("same-site links", () => {
  it("are relative links and links to the page's host or its subdomains", () => {
    expect(isSameSite("/economy/1", "delkapital.example")).toBe(true);
    expect(isSameSite("../1", null)).toBe(true);
    expect(isSameSite("https://www.delkapital.example/a", "delkapital.example")).toBe(true);
    expect(isSameSite("https://kz.delkapital.example/a", "delkapital.example")).toBe(true);
    expect(isSameSite("//cdn.other.example/a", "delkapital.example")).toBe(false);
    expect(isSameSite("https://other.example/a", "delkapital.example")).toBe(false);
    expect(isSameSite("https://other.example/a", null)).toBe(false);
  });
});

describe("small texts", () => {
  it("give each element's text up to the limit, and null past it", () => {
    const root = element("<div><p>Один <b>два</b> три</p><p>" + "слово ".repeat(100) + "</p></div>");
    const elements = elementsInOrder(root);
    const textOf = smallTexts(elements, 50);
    expect(textOf(elements[1]!)).toBe("Один два три");
    expect(textOf(elements[2]!)).toBe("два");
    expect(textOf(elements[3]!)).toBeNull();
    expect(textOf(root)).toBeNull();
  });
});

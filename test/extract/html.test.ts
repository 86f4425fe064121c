import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { extractPage, looksLikeHtml } from "../../src/core/extract/html.ts";
import type { PageLink } from "../../src/core/types.ts";

const pagesDir = path.resolve(import.meta.dirname, "../fixtures/pages");
const fixture = (name: string) => readFileSync(path.join(pagesDir, name), "utf8");

function linkTo(links: PageLink[], href: string): PageLink {
  const link = links.find((l) => l.href === href);
  if (!link) throw new Error(`no link to ${href} among ${links.map((l) => l.href).join(", ")}`);
  return link;
}

describe("extractPage on a modern news page", () => {
  const pageUrl = "https://priozersk-vesti.example/news/2024/03/most-cherez-losinku?from=rss";
  const page = extractPage(fixture("modern-article.html"), pageUrl);

  it("takes the canonical URL, resolved against the page URL, over og:url", () => {
    expect(page.url).toBe("https://priozersk-vesti.example/news/2024/03/most-cherez-losinku");
  });

  it("takes og:title as the title and article:published_time as the date", () => {
    expect(page.title).toBe("Мост через Лосинку откроют к осени");
    expect(page.published).toBe("2024-03-15T06:30:00.000Z");
  });

  it("keeps the article's paragraphs as collapsed blocks, without the title, date line, chrome or hidden text", () => {
    const blocks = page.text.split("\n\n");
    expect(blocks[0]).toMatch(/^Строительство нового моста через реку Лосинку/);
    expect(page.text).not.toContain("14 марта 2024");
    expect(blocks).toHaveLength(8);
    for (const block of blocks) expect(block).toBe(block.replace(/\s+/g, " ").trim());
    expect(page.text).toContain("Как ранее писали «Областные вести», контракт");
    expect(page.text).not.toContain("Мост через Лосинку откроют к осени");
    for (const chrome of ["Экономика", "Популярное", "Весенняя уборка", "О редакции", "Главная"]) {
      expect(page.text).not.toContain(chrome);
    }
    expect(page.text).not.toContain("недорогие окна");
  });

  it("lists every link of the document, resolved, without mailto, javascript and fragment links", () => {
    const hrefs = page.links.map((l) => l.href);
    expect(hrefs).toContain("https://priozersk-vesti.example/news/2024/02/tender-na-podhody");
    expect(hrefs).toContain("https://vk.example/priozersk");
    expect(hrefs.filter((h) => !h.startsWith("http"))).toEqual([]);
    expect(hrefs.some((h) => h.includes("#comments"))).toBe(false);
    expect(page.links).toHaveLength(25);
  });

  it("marks each kind of link", () => {
    const follow = linkTo(page.links, "https://oblvesti.example/news/12345");
    expect(follow).toEqual({
      href: "https://oblvesti.example/news/12345",
      text: "«Областные вести»",
      nofollow: false,
      noindex: false,
      hidden: false,
      mainContent: true,
    });
    for (const href of ["https://forum.priozersk.example/t/most", "https://petition.example/losinka", "https://shop.example/beton"]) {
      expect(linkTo(page.links, href)).toMatchObject({ nofollow: true, noindex: false, mainContent: true });
    }
    expect(linkTo(page.links, "https://eco-priozersk.example/report")).toMatchObject({ noindex: true, nofollow: false, mainContent: true });
    expect(linkTo(page.links, "https://rybnadzor.example/losinka")).toMatchObject({ noindex: true, mainContent: true });
    // The link right after <!--/noindex--> is indexable again.
    expect(page.links.filter((l) => l.noindex).map((l) => l.href)).toEqual([
      "https://eco-priozersk.example/report",
      "https://rybnadzor.example/losinka",
    ]);
  });

  it("keeps hidden links of an article paragraph as main content, marked hidden", () => {
    for (const href of ["https://seo-links.example/", "https://gov.example/zayavka", "https://seo-links.example/two"]) {
      expect(linkTo(page.links, href)).toMatchObject({ hidden: true, mainContent: true });
    }
    expect(page.links.filter((l) => l.hidden)).toHaveLength(3);
  });

  it("marks header, navigation, breadcrumbs, sidebar and footer links as not main content", () => {
    const chrome = page.links.filter((l) => !l.mainContent).map((l) => l.text);
    expect(chrome).toEqual([
      "Приозёрские вести", "Новости", "Экономика", "Общество", "Спорт", "Культура",
      "Главная", "Новости", "Город",
      "Весенняя уборка улиц начнётся на следующей неделе", "В школе № 15 открыли новый спортивный зал",
      "Автобус № 7 изменит маршрут с первого апреля",
      "О редакции", "Реклама", "Мы в соцсетях",
    ]);
  });
});

describe("extractPage on a legacy table-layout page", () => {
  const page = extractPage(fixture("legacy-table.html"), "http://zarechye-vestnik.example/news.php?id=812");

  it("leaves the navigation column out of the text and out of the main content", () => {
    expect(page.text.startsWith("Хлебозавод возобновил выпуск ржаного хлеба 12.02.2024\n\nЗаречный хлебозавод")).toBe(true);
    expect(page.text).not.toMatch(/Архив номеров|Гостевая книга|Администрация района/);
    const nav = page.links.filter((l) => !l.mainContent).map((l) => l.href);
    expect(nav).toEqual([
      "http://zarechye-vestnik.example/",
      "http://zarechye-vestnik.example/news.php",
      "http://zarechye-vestnik.example/archive.php",
      "http://zarechye-vestnik.example/adv.php",
      "http://zarechye-vestnik.example/guest.php",
      "http://zarechye-vestnik.example/contacts.php",
      "http://zarechye-admin.example/",
    ]);
    expect(linkTo(page.links, "http://zarechye-admin.example/school/pitanie.html").mainContent).toBe(true);
  });

  it("keeps the publisher's notice at the end of the article", () => {
    expect(page.text.endsWith("При перепечатке материалов ссылка на «Заречный вестник» обязательна.")).toBe(true);
  });

  it("takes the title Readability cleans from <title> and finds no URL or date in the markup", () => {
    expect(page.title).toBe("Хлебозавод возобновил выпуск ржаного хлеба");
    expect(page.url).toBeNull();
    expect(page.published).toBeNull();
  });
});

describe("extractPage metadata", () => {
  it("reads datePublished of the article node inside a JSON-LD @graph, and og:url without a canonical link", () => {
    const page = extractPage(fixture("jsonld-article.html"));
    expect(page.published).toBe("2024-05-20T08:45:00.000Z");
    expect(page.url).toBe("https://agro-priozersk.example/2024/05/rekordnyj-sev");
    expect(page.title).toBe("Фермеры Приозёрского района засеяли рекордную площадь");
    expect(page.text.split("\n\n")).toHaveLength(3);
    // Relative links resolve against the canonical URL when no page URL is given; the top menu is chrome.
    expect(page.links.map((l) => [l.href, l.mainContent])).toEqual([
      ["https://agro-priozersk.example/", false],
      ["https://agro-priozersk.example/rastenievodstvo/", false],
      ["https://agro-priozersk.example/tehnika/", false],
    ]);
  });

  it("falls back to <time datetime> in the article, then to the first h1 for the title", () => {
    const html = `<html><body><article><h1>Паводок отступил</h1><time datetime="2024-04-20">20 апреля</time>
      <p>${"Уровень воды в реке за сутки снизился на сорок сантиметров. ".repeat(8)}</p></article></body></html>`;
    const page = extractPage(html);
    expect(page.published).toBe("2024-04-20T00:00:00.000Z");
    expect(page.title).toBe("Паводок отступил");
  });

  it("reads an old CMS's <time datetime> above the body, but not one in the header or sidebar", () => {
    const html = `<html><body><div class="header"><time datetime="2025-11-28">сегодня</time></div>
      <div class="content"><h1>Паводок отступил</h1><div class="date"><time datetime="2024-04-20T08:00:00Z">20 апреля</time></div>
      <div class="news-text"><p>${"Уровень воды в реке за сутки снизился на сорок сантиметров. ".repeat(8)}</p></div></div>
      <div class="sidebar"><time datetime="2024-04-19">вчера</time></div></body></html>`;
    expect(extractPage(html).published).toBe("2024-04-20T08:00:00.000Z");
  });

  it("drops relative links when neither a page URL nor a canonical URL is known, and honours <base href>", () => {
    const body = `<p>${"Текст заметки о погоде. ".repeat(20)}<a href="/rel">отн</a> <a href="https://abs.example/x">абс</a></p>`;
    expect(extractPage(`<html><body>${body}</body></html>`).links.map((l) => l.href)).toEqual(["https://abs.example/x"]);
    const based = extractPage(`<html><head><base href="https://mirror.example/news/"></head><body>${body}</body></html>`, "https://site.example/a");
    expect(based.links.map((l) => l.href)).toEqual(["https://mirror.example/rel", "https://abs.example/x"]);
  });
});

describe("extractPage on unusual markup", () => {
  it("reads a fragment without <html> or <body>", () => {
    const page = extractPage(`<h1>Заголовок</h1><p>${"Первый абзац фрагмента без обёртки. ".repeat(10)}</p><p>Второй абзац.</p>`);
    expect(page.text.split("\n\n")).toEqual([expect.stringMatching(/^Первый абзац фрагмента/), "Второй абзац."]);
  });

  it("marks links between noindex comments that span several elements", () => {
    const html = `<html><body><article><p>${"Вводный абзац новости о ремонте дорог. ".repeat(8)}</p>
      <!--noindex--><div><p>Подробнее: <a href="https://a.example/1">первая</a></p></div>
      <p><a href="https://a.example/2">вторая</a><!-- /noindex --> и <a href="https://a.example/3">третья</a></p></article></body></html>`;
    const page = extractPage(html);
    expect(page.links.map((l) => [l.href, l.noindex])).toEqual([
      ["https://a.example/1", true],
      ["https://a.example/2", true],
      ["https://a.example/3", false],
    ]);
  });

  it("does not take a wrapper for chrome because of its class names", () => {
    const paragraphs = Array.from({ length: 4 }, (_, i) => `<p>Абзац ${i + 1} длинной заметки о ремонте набережной, который завершат к июлю. ${"Подробности работ. ".repeat(6)}</p>`);
    const html = `<html><body class="has-sidebar menu-closed"><div class="page-with-sidebar"><div class="post">
      ${paragraphs.join("")}<p>Источник: <a href="https://source.example/a">городская администрация</a>.</p></div>
      <div class="sidebar"><a href="/1">Раз</a> <a href="/2">Два</a> <a href="/3">Три</a></div></div></body></html>`;
    const page = extractPage(html, "https://site.example/n");
    expect(page.links.map((l) => [l.href, l.mainContent])).toEqual([
      ["https://source.example/a", true],
      ["https://site.example/1", false],
      ["https://site.example/2", false],
      ["https://site.example/3", false],
    ]);
    expect(page.text).not.toContain("Раз Два Три");
  });

  it("keeps a link in a hidden block of the article as main content, marked hidden", () => {
    const html = `<html><body><article><p>${"Первый абзац новости о транспортной реформе. ".repeat(8)}</p>
      <div style="display:none"><p>Скрыто: <a href="https://seo.example/">ссылка</a></p></div>
      <p>${"Второй абзац той же новости с подробностями. ".repeat(8)}</p></article></body></html>`;
    const page = extractPage(html);
    expect(page.links).toEqual([{ href: "https://seo.example/", text: "ссылка", nofollow: false, noindex: false, hidden: true, mainContent: true }]);
    expect(page.text).not.toContain("Скрыто");
  });

  it("returns empty text for a page with no text", () => {
    const page = extractPage("<html><head><title>Пусто</title></head><body><img src=a.png></body></html>");
    expect(page.text).toBe("");
    expect(page.title).toBe("Пусто");
  });
});

describe("looksLikeHtml", () => {
  it.each([
    ["<!DOCTYPE html><html></html>", true],
    ['<?xml version="1.0"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "x"><html>', true],
    ["  <!-- saved page --><html><body>", true],
    ["<p>Абзац</p>", true],
    ["<noindex><a href=x>y</a></noindex>", true],
    ['<?xml version="1.0"?><rss version="2.0"></rss>', false],
    ["<urlset></urlset>", false],
    ["Обычный текст со <b>вставкой</b>", false],
    ['{"url": "https://a.example"}', false],
  ])("%j → %s", (text, expected) => {
    expect(looksLikeHtml(text)).toBe(expected);
  });
});

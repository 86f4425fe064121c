import { describe, expect, it } from "vitest";
import { protectedTextOf, runExtraction } from "../../eval/tasks/extraction.ts";
import { metadataOf, readGoldenPages, type GoldenPage } from "../../eval/tasks/extraction-golden.ts";
import { prf, scoreTokens } from "../../eval/tasks/extraction-score.ts";
import { extractPage } from "../../src/core/extract/html.ts";

/**
 * Golden pages in the manner of Readability's test pages: each folder of test/fixtures/extraction holds a
 * fictional news page of our own, the article text a reader would protect, and the page's metadata.
 */
const pages = readGoldenPages();
const byName = (name: string): GoldenPage => {
  const page = pages.find((p) => p.name === name);
  if (!page) throw new Error(`no golden page ${name}`);
  return page;
};
/** Lowest F1 of one page: a page may lose a caption-like line, never a paragraph of its body. */
const MIN_PAGE_F = 0.9;
/** The issue's targets for the whole set. */
const MIN_PRECISION = 0.97;
const MIN_RECALL = 0.97;

describe("golden extraction pages", () => {
  it("are at least two dozen, in Russian, Kazakh and English", () => {
    expect(pages.length).toBeGreaterThanOrEqual(24);
    for (const prefix of ["ru-", "kk-", "en-"]) expect(pages.filter((p) => p.name.startsWith(prefix)).length).toBeGreaterThanOrEqual(5);
  });

  for (const page of pages) {
    it(`${page.name}: protected text matches expected.txt, metadata expected.json`, () => {
      const metadata = metadataOf(extractPage(page.html, page.foundAt));
      // A known shortcoming stays listed only while it lasts.
      if (page.expected.knownDifference) expect(metadata, page.expected.knownDifference).not.toEqual(metadataOf(page.expected));
      else expect(metadata).toEqual(metadataOf(page.expected));
      const score = prf([scoreTokens(protectedTextOf(page.html, page.foundAt), page.expectedText)]);
      expect(score.f, `precision ${score.precision.toFixed(3)}, recall ${score.recall.toFixed(3)}`).toBeGreaterThanOrEqual(MIN_PAGE_F);
    });
  }

  it("reach the issue's precision and recall over the whole set, and beat plain Readability", () => {
    const run = runExtraction(pages);
    const ours = prf(run.pages.map((p) => p.ours.score));
    const readability = prf(run.pages.map((p) => p.readability.score));
    expect(ours.precision).toBeGreaterThanOrEqual(MIN_PRECISION);
    expect(ours.recall).toBeGreaterThanOrEqual(MIN_RECALL);
    expect(ours.f).toBeGreaterThan(readability.f);
  });
});

describe("what is not the article", () => {
  it("drops a «Читайте также» heading and its list of the outlet's headlines, so sourceChars is the article's own", () => {
    const page = byName("ru-business-read-also");
    const text = protectedTextOf(page.html, page.foundAt);
    expect(text).not.toContain("Читайте также");
    for (const headline of ["Аграрии ожидают урожай", "Элеваторы севера заполнены", "Дефицит вагонов"]) expect(text).not.toContain(headline);
    expect(text.replace(/\s+/g, "").length).toBe(page.expectedText.replace(/\s+/g, "").length);
  });

  it("drops figure captions, photo credits, tags and the subscription prompt", () => {
    const page = byName("ru-business-read-also");
    const text = protectedTextOf(page.html, page.foundAt);
    for (const furniture of ["Фото: Арман Жунусов", "железная дорога", "Подписывайтесь", "Самое читаемое"]) expect(text).not.toContain(furniture);
  });

  it("drops an inline teaser in the middle of the body and keeps the paragraphs around it", () => {
    const page = byName("kk-oqi-otyrynyz");
    const blocks = protectedTextOf(page.html, page.foundAt).split("\n\n");
    expect(blocks.some((b) => b.includes("Облыста жылыту маусымы"))).toBe(false);
    expect(blocks[1]).toMatch(/^Қала әкімдігінің мәліметінше/);
    expect(blocks[2]).toMatch(/^Ескі құбырлар 1970 жылдары/);
  });

  it("drops a closing note set apart in italics: a call to send the newsroom videos, the author's biography, the interviewer's credit", () => {
    const notes = { "ru-tengri-inline-cards": "WhatsApp", "en-opinion-pullquote-comments": "Helen Marsh is", "ru-interview-qa": "Беседовала" };
    for (const [name, note] of Object.entries(notes)) {
      const page = byName(name);
      const text = protectedTextOf(page.html, page.foundAt);
      expect(text, name).not.toContain(note);
      // The body's own last paragraph stays.
      expect(text.split("\n\n").at(-1), name).toBe(page.expectedText.split("\n\n").at(-1));
    }
  });

  it("drops a prompt to follow the outlet on a messenger, after the body and outside its block", () => {
    const page = byName("kk-qazaqinform-sondai-aq");
    const text = protectedTextOf(page.html, page.foundAt);
    expect(text).not.toContain("Telegram арнамызға");
    expect(text).toContain("Айта кетейік, өткен оқу жылында облыста 7 мектеп пайдалануға берілген болатын.");
  });

  it("drops the byline block above the body and a video player's labels beside its caption", () => {
    const page = byName("en-image-source-more-on-story");
    const text = protectedTextOf(page.html, page.foundAt);
    for (const furniture of ["Iain MacRae", "Highlands and Islands reporter", "Duration 0:48", "Watch: the moment"]) expect(text).not.toContain(furniture);
    expect(text).toContain("the primary school closed for four days when teachers could not get across");
  });

  it("drops an appeal for readers' support named as such in its class, and a reuse notice after the body", () => {
    const guardian = byName("en-standfirst-newsletter-appeal");
    expect(protectedTextOf(guardian.html, guardian.foundAt)).not.toContain("support our journalism");
    const kapital = byName("ru-kapital-table-po-teme");
    expect(protectedTextOf(kapital.html, kapital.foundAt)).not.toContain("копирование материалов запрещено");
  });

  it("drops the comments that follow a «Комментарии» heading", () => {
    const page = byName("ru-author-box-comments");
    const text = protectedTextOf(page.html, page.foundAt);
    expect(text).not.toContain("сын приходит голодный");
    expect(text).not.toContain("Корреспондент отдела");
  });
});

describe("what is the article", () => {
  it("keeps an in-article numbered list of measures, item by item and in order", () => {
    const page = byName("ru-rbc-measures-list");
    const blocks = protectedTextOf(page.html, page.foundAt).split("\n\n");
    const first = blocks.indexOf("План включает пять основных мер:");
    expect(first).toBeGreaterThanOrEqual(0);
    expect(blocks.slice(first + 1, first + 6).map((b) => b.split(" ")[0])).toEqual(["реконструкция", "субсидирование", "закупка", "обнуление", "обучение"]);
  });

  it("keeps a Kazakh numbered list and an English key-points list, neither made of links", () => {
    const kk = byName("kk-measures-taqyrypqa");
    expect(protectedTextOf(kk.html, kk.foundAt)).toContain("тексерулер санын қысқарту");
    const en = byName("en-cards-key-points");
    expect(protectedTextOf(en.html, en.foundAt)).toContain("Pensioners and large families can apply for a 30% discount.");
  });

  it("keeps a data table with its caption", () => {
    const page = byName("ru-table-similar-news");
    const blocks = protectedTextOf(page.html, page.foundAt).split("\n\n");
    expect(blocks).toContain("Средняя цена 1 кв. м, тыс. тенге");
    expect(blocks).toContain("Шымкент");
    expect(blocks).not.toContain("В Астане перенесли сроки сдачи 14 жилых комплексов");
  });

  it("keeps the lead printed under the headline in a header block apart from the body's", () => {
    const page = byName("ru-tass-inline-tags");
    const blocks = protectedTextOf(page.html, page.foundAt).split("\n\n");
    expect(blocks[0]).toBe("Обе кометы относятся к долгопериодическим и вернутся к Солнцу не раньше чем через несколько тысяч лет");
  });

  it("keeps a body set in italics throughout, and a closing paragraph in italics longer than a sign-off", () => {
    const paragraph = (text: string) => `<p><em>${text}</em></p>`;
    const body = [
      "Городской суд оставил в силе решение о сносе незаконной пристройки к торговому центру на проспекте Мира, сообщили в акимате.",
      "Владелец центра обжаловал решение, однако апелляционная инстанция не нашла нарушений в действиях городской архитектурной инспекции.",
      "Пристройку площадью 400 кв. м должны демонтировать до конца месяца за счёт владельца, иначе работы выполнит подрядчик акимата.",
    ];
    const italic = `<html><body><article><h1>Пристройку снесут</h1>${body.map(paragraph).join("")}</article></body></html>`;
    expect(protectedTextOf(italic, "https://gazeta.example/news/1").split("\n\n")).toEqual(body);
    const background =
      "Напомним, в прошлом году инспекция выявила в городе 112 самовольных построек, из них 37 уже снесены по решению суда, а по остальным идут разбирательства. " +
      "Больше всего нарушений нашли в пригородных посёлках, где владельцы достраивали к домам магазины и кафе без разрешения на строительство.";
    const roman = `<html><body><article><h1>Пристройку снесут</h1>${body.map((text) => `<p>${text}</p>`).join("")}${paragraph(background)}</article></body></html>`;
    expect(protectedTextOf(roman, "https://gazeta.example/news/2")).toContain(background);
  });

  it("keeps a closing sentence in the body that cites a post on a messenger", () => {
    const html =
      "<html><body><article><h1>Заголовок</h1>" +
      "<p>В области с понедельника вводят ограничения на въезд большегрузов в города из-за весенней распутицы на дорогах.</p>" +
      "<p>Ограничения продлятся до 15 мая и не коснутся машин, которые везут продукты, топливо и медикаменты.</p>" +
      '<p>Об этом аким области написал в своём <a href="https://t.me/akim_example">Telegram-канале</a>.</p>' +
      "</article></body></html>";
    expect(protectedTextOf(html, "https://gazeta.example/news/3")).toContain("Об этом аким области написал в своём Telegram-канале.");
  });

  it("keeps a paragraph whose link goes to the outlet's own earlier article", () => {
    const html =
      "<html><body><article><h1>Заголовок</h1>" +
      "<p>Первый абзац статьи о строительстве моста через реку, который откроют к осени, как сообщили в администрации города.</p>" +
      '<p>Как <a href="/news/2024/02/tender">ранее писала наша газета</a>, подрядчика выбрали по итогам конкурса в феврале, и он обязался закончить работы в срок.</p>' +
      "<p>Третий абзац статьи: движение по мосту будет открыто для всех видов транспорта, кроме грузовиков массой более 40 тонн.</p>" +
      "</article></body></html>";
    expect(protectedTextOf(html, "https://gazeta.example/news/2024/03/most")).toContain("ранее писала наша газета");
  });

  it("keeps a closing sentence that links to the document it reports on", () => {
    const html =
      "<html><body><article><h1>Заголовок</h1>" +
      "<p>Правительство утвердило новые правила субсидирования перевозок, они вступят в силу с первого сентября этого года.</p>" +
      "<p>Субсидии получат перевозчики, которые работают на социально значимых маршрутах и обновили подвижной состав за последние пять лет.</p>" +
      '<p>Текст постановления опубликован на <a href="https://gov.example/docs/123">сайте правительства</a>.</p>' +
      "</article></body></html>";
    expect(protectedTextOf(html, "https://gazeta.example/news/2024/03/subsidii")).toContain("Текст постановления опубликован на сайте правительства.");
  });
});

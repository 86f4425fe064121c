import { describe, expect, it } from "vitest";
import { BOILERPLATE_PATTERNS, MAX_BOILERPLATE_CHARS, matchBoilerplate } from "../../src/core/boilerplate/patterns.ts";

/** Notices and prompts as outlets word them, each with the pattern that must recognize it. */
const BOILERPLATE: Array<[string, string]> = [
  // Reuse policies, Russian.
  [
    "При работе с материалами агентства «Степь Инфо» разрешено использовать не более 20% текста с обязательной активной ссылкой на сайт.",
    "reuse-terms-ru",
  ],
  ["При полном или частичном использовании материалов ссылка на «Экономист KZ» обязательна.", "reuse-terms-ru"],
  ["В случае цитирования материалов гиперссылка на первоисточник обязательна.", "reuse-terms-ru"],
  ["При использовании полного текста необходимо письменное согласие редакции.", "reuse-terms-ru"],
  ["Перепечатка запрещена.", "reprint-terms-ru"],
  ["ПЕРЕПЕЧАТКА ЗАПРЕЩЕНА", "reprint-terms-ru"],
  ["Полная перепечатка — только с разрешения редакции.", "reprint-terms-ru"],
  ["Копирование материалов без письменного разрешения редакции запрещено.", "reprint-terms-ru"],
  ["Полное копирование материалов запрещено.", "reprint-terms-ru"],
  ["Ссылка на источник обязательна.", "link-required-ru"],
  ["Обязательна активная гиперссылка на сайт издания.", "link-required-ru"],
  // Several sentences, each a notice.
  [
    "При цитировании материалов ссылка на сайт обязательна. Перепечатка без согласия редакции запрещена.",
    "reuse-terms-ru",
  ],
  // Kazakh.
  ["Материалдарды пайдаланғанда «Іскер хабаршы» сайтына сілтеме міндетті.", "reuse-terms-kk"],
  ["Редакцияның рұқсатынсыз материалдарды көшіріп басуға тыйым салынады.", "reprint-terms-kk"],
  ["Барлық құқықтар қорғалған.", "rights-reserved"],
  ["Сондай-ақ оқыңыз: Ұлттық банк базалық мөлшерлемені сақтады", "read-more-kk"],
  ["Барлық жаңалықтарды оқу ➤", "read-more-kk"],
  ["Telegram-арнамызға жазылыңыз!", "subscribe-kk"],
  ["Сурет: ашық дереккөздерден", "photo-credit"],
  ["Сурет ашық дереккөздерден алынды", "photo-source"],
  ["Қате таптыңыз ба? Оны белгілеп, Ctrl+Enter басыңыз.", "error-report"],
  ["Бөлісу", "share"],
  // English.
  ["All rights reserved.", "rights-reserved"],
  ["© 2024 Steppe Business Review. All rights reserved.", "rights-reserved"],
  ["Reproduction of this article in whole or in part is prohibited.", "reprint-terms-en"],
  ["Any republication without prior written permission is not allowed.", "reprint-terms-en"],
  ["When using our materials, a hyperlink to the original article is required.", "reuse-terms-en"],
  ["Read also: Central bank keeps the base rate", "read-more-en"],
  ["Subscribe to our Telegram channel", "subscribe-en"],
  ["Share this article: Facebook | X | LinkedIn", "share"],
  ["Photo: Reuters", "photo-credit"],
  ["Photo by J. Smith / Reuters", "photo-credit"],
  ["Photo courtesy of the Ministry of Energy", "photo-source"],
  ["Found a typo? Select it and press Ctrl+Enter.", "error-report"],
  ["Advertisement", "advertising"],
  // Copyright, navigation, subscriptions, sharing, credits, errors, advertising (Russian).
  ["© 2016–2024 «Деловой вестник». Все права защищены.", "rights-reserved"],
  ["Все права защищены", "rights-reserved"],
  ["Читайте также: Нацбанк сохранил базовую ставку на уровне 14,75%", "read-more-ru"],
  ["Читать все последние новости ➤", "read-more-ru"],
  ["ЧИТАТЬ ВСЕ НОВОСТИ", "read-more-ru"],
  ["Ещё по теме: тарифы на электроэнергию вырастут", "read-more-ru"],
  ["Все новости ➤", "read-more-ru"],
  ["Подписывайтесь на наш Telegram-канал", "subscribe-ru"],
  ["Больше новостей в нашем Telegram-канале", "subscribe-ru"],
  ["Мы в Telegram", "subscribe-ru"],
  ["Поделиться", "share"],
  ["Поделиться: Facebook, ВКонтакте, WhatsApp, Telegram", "share"],
  ["Фото: пресс-служба Министерства энергетики", "photo-credit"],
  ["Фото — Иван Петров", "photo-credit"],
  ["Фото: А. Иванов", "photo-credit"],
  ["Фото: Vestnik-delovoy.example", "photo-credit"],
  ["Фото из открытых источников", "photo-source"],
  ["Фото предоставлено пресс-службой акимата Алматы", "photo-source"],
  ["Фото: пресс-служба МВД. Читайте также: В Астане открылся новый терминал", "photo-credit"],
  ["Если вы нашли ошибку, выделите её и нажмите Ctrl+Enter", "error-report"],
  ["Нашли опечатку? Выделите ее и нажмите Ctrl + Enter.", "error-report"],
  ["Реклама", "advertising"],
  ["На правах рекламы", "advertising"],
  ["Реклама. Рекламодатель: ТОО «Степь Маркет». erid: 2VtzqwX7Kp3", "advertising"],
];

/** Real text that only resembles boilerplate: none of it may be taken for it. */
const PROSE: string[] = [
  // A long paragraph that opens with and mentions photos.
  "Фото- и видеофиксация нарушений на дорогах республиканского значения с 1 июля станет круглосуточной: в дополнение к 1,2 тыс. стационарных камер на трассах установят 400 передвижных комплексов. По данным комитета автомобильных дорог, в прошлом году камеры зафиксировали 2,8 млн нарушений скоростного режима, а сумма штрафов превысила 35 млрд тенге. Фото нарушителя, как и прежде, придет владельцу автомобиля в приложение электронного правительства.",
  "Фото: пресс-служба ведомства. Фото- и видеофиксация нарушений на дорогах с 1 июля станет круглосуточной.",
  "Фотографии с места происшествия опубликовали в соцсетях очевидцы.",
  "Фото и видео с открытия завода публикуют сотрудники предприятия, сообщает пресс-служба акимата.",
  "Фото: пресс-служба акимата. В понедельник в Астане открылся новый логистический терминал.",
  "Фото из открытых источников показывает, что строительство объекта началось еще в 2021 году.",
  // News about reuse rules: reported speech, or a notice opening followed by prose.
  "При использовании материалов СМИ без ссылки на источник нарушителю грозит штраф, сообщает пресс-служба министерства.",
  "При работе с материалами уголовного дела следователи обнаружили ссылку на офшорную компанию, заявил прокурор.",
  "Перепечатка запрещена. Тем не менее с начала года редакция зафиксировала 40 случаев копирования своих расследований.",
  "При копировании ключей в мастерской требуется разрешение владельца квартиры.",
  "Использование искусственного интеллекта в банках разрешается при соблюдении требований регулятора.",
  // Openings of ordinary sentences.
  "Реклама на телевидении подорожала за год на 18%.",
  "Подробности сделки стороны не раскрывают.",
  "Поделиться опытом в Астану приехали производители из пяти стран.",
  "Мы видим, что экспортерам мешают не пошлины, а логистика и сертификация.",
  "Читатели издания чаще всего интересуются новостями экономики.",
  "Share prices of the miner fell 4% after the announcement.",
  "Казахстан направит 120 млрд тенге на поддержку экспортеров несырьевых товаров",
];

describe("matchBoilerplate", () => {
  it.each(BOILERPLATE)("recognizes %j as %s", (block, name) => {
    expect(matchBoilerplate(block)).toBe(name);
  });

  it.each(PROSE)("keeps %j", (block) => {
    expect(matchBoilerplate(block)).toBeNull();
  });

  it("never takes a block longer than the cap, even one made of notices", () => {
    const notice = "Перепечатка запрещена.";
    const short = Array.from({ length: Math.floor(MAX_BOILERPLATE_CHARS / (notice.length + 1)) }, () => notice).join(" ");
    expect(short.length).toBeLessThanOrEqual(MAX_BOILERPLATE_CHARS);
    expect(matchBoilerplate(short)).toBe("reprint-terms-ru");
    expect(matchBoilerplate(`${short} ${notice}`)).toBeNull();
  });

  it("has one test case per pattern at least", () => {
    const tested = new Set(BOILERPLATE.map(([, name]) => name));
    expect(BOILERPLATE_PATTERNS.map((p) => p.name).filter((name) => !tested.has(name))).toEqual([]);
  });
});

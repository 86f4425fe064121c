/**
 * Fictional articles written for the store contract tests: the outlet «Заречные ведомости»
 * (`zarechye.example`), the city hall's press service (`zarechye-gov.example`), a republisher
 * (`gorportal.example`), their people and figures are all invented. Each of the outlet's articles ends with its
 * reuse notice (a built-in pattern) and an invitation to write in that no pattern knows, found only because it recurs
 * across the outlet's pages.
 */
import type { PageLink, TextDocument } from "../../src/core/types.ts";

const NOTICE = "При использовании материалов гиперссылка на «Заречные ведомости» обязательна.";
const LETTERS = "Редакция ждет ваших писем и фотографий по адресу: улица Набережная, 14, кабинет 3, с девяти до шести по будням.";

/** The mayor's words, published first by the city hall's press service, then quoted by the outlet. */
export const MAYOR_QUOTE =
  "«Мы не будем ждать первых заморозков. Все котельные города прошли гидравлические испытания, резервное топливо завезено на сорок пять суток, и если погода позволит, тепло в квартиры придет на неделю раньше графика», — заявил аким Заречья Тимур Абенов.";

export interface Article {
  url: string;
  title: string;
  published: string;
  paragraphs: string[];
}

export const HEATING: Article = {
  url: "https://zarechye.example/news/2025/09/otopitelnyj-sezon",
  title: "Отопительный сезон в Заречье начнется 1 октября",
  published: "2025-09-18T08:30:00+05:00",
  paragraphs: [
    "Отопительный сезон в Заречье стартует 1 октября, однако городские службы готовы подать тепло раньше, если среднесуточная температура три дня подряд опустится ниже восьми градусов. Об этом на аппаратном совещании сообщили в городском акимате.",
    "За лето энергетики заменили девять километров теплотрасс на улицах Набережной, Садовой и в микрорайоне Солнечный. Работы обошлись городскому бюджету в 1,4 млрд тенге, еще 300 млн тенге вложил собственник ТЭЦ.",
    MAYOR_QUOTE,
    "Управляющие компании должны до 25 сентября сдать паспорта готовности домов. По данным отдела ЖКХ, из 412 многоквартирных домов документы пока оформили только 287. Дома без паспорта подключат к отоплению в последнюю очередь.",
    "Жителей просят проверить батареи и сообщить о протечках по номеру единой диспетчерской службы 109. В первые дни после подачи тепла диспетчеры работают круглосуточно и принимают заявки также через мобильное приложение.",
    NOTICE,
    LETTERS,
  ],
};

export const BRIDGE: Article = {
  url: "https://zarechye.example/news/2025/09/centralnyj-most",
  title: "Ремонт Центрального моста продлится до конца ноября",
  published: "2025-09-20T10:15:00+05:00",
  paragraphs: [
    "Подрядчик не успевает закончить ремонт Центрального моста к обещанному сроку: движение по нему полностью откроют не раньше конца ноября. Первоначально работы должны были завершиться к Дню города.",
    "По словам заместителя акима Ирины Колесниковой, задержка связана с поставкой металлических балок из Караганды. Завод отгрузил первую партию только в середине августа, хотя по договору она должна была прийти в июне.",
    "Сейчас по мосту открыто одно направление — из центра в сторону левого берега. Общественный транспорт пустили в объезд через Северную дамбу, из-за чего время в пути на маршрутах № 4, 12 и 27 выросло в среднем на пятнадцать минут.",
    "Стоимость контракта составляет 2,6 млрд тенге. Акимат уже направил подрядчику претензию и намерен взыскать неустойку за каждый день просрочки, сообщили в отделе строительства.",
    NOTICE,
    LETTERS,
  ],
};

export const LIBRARY: Article = {
  url: "https://zarechye.example/news/2025/09/biblioteka-na-sadovoj",
  title: "На Садовой открылась обновленная детская библиотека",
  published: "2025-09-22T12:00:00+05:00",
  paragraphs: [
    "После двух лет реконструкции на улице Садовой вновь открылась детская библиотека имени Ахмета Байтурсынова. В здании заменили кровлю, окна и инженерные сети, а читальный зал расширили за счет бывшего актового зала.",
    "Фонд библиотеки пополнили на шесть тысяч книг, из них почти половина — на казахском языке. Для школьников оборудовали медиатеку с двенадцатью компьютерами и студию, где можно записывать подкасты и озвучивать мультфильмы.",
    "Директор библиотеки Гульмира Сапарова рассказала, что по выходным здесь будут проходить занятия по робототехнике и шахматам. Записаться на кружки можно бесплатно, достаточно читательского билета, который оформляют по свидетельству о рождении.",
    "Реконструкция обошлась в 480 млн тенге из местного бюджета. В следующем году акимат планирует обновить еще две библиотеки — в поселке Береговом и в микрорайоне Солнечный.",
    NOTICE,
    LETTERS,
  ],
};

/** The city hall's press release: the mayor's words verbatim, the rest worded its own way. */
export const PRESS_RELEASE: Article = {
  url: "https://zarechye-gov.example/press/2025-09-17-teplo",
  title: "Аким провел совещание о готовности к отопительному сезону",
  published: "2025-09-17T16:00:00+05:00",
  paragraphs: [
    "Под председательством акима города прошло совещание о готовности жилищно-коммунального хозяйства к зиме. Участники обсудили ход ремонтных работ на сетях и запасы топлива.",
    MAYOR_QUOTE,
    "Поручено обеспечить своевременное оформление паспортов готовности и информирование населения.",
  ],
};

/** An article by another outlet on another subject: shares no run of words with the outlet's articles. */
export const UNRELATED =
  "В областном центре завершился турнир по волейболу среди студенческих команд. Победителем стала сборная аграрного университета, обыгравшая в финале команду медицинского колледжа со счетом 3:1. Лучшим игроком турнира признали связующую Айжан Нурланову, которая получила от организаторов памятный кубок и сертификат на спортивную экипировку.";

export function sourceDocument(article: Article): TextDocument {
  return { url: article.url, title: article.title, published: article.published, text: article.paragraphs.join("\n\n"), links: [] };
}

/** A page of gorportal.example built from the given paragraphs, with a link in its body when one is given. */
export function republication(options: { slug: string; title: string; published: string; paragraphs: readonly string[]; linkTo?: string }): TextDocument {
  const links: PageLink[] = options.linkTo ? [{ href: options.linkTo, text: "Заречные ведомости", nofollow: false, noindex: false, hidden: false, mainContent: true }] : [];
  return { url: `https://gorportal.example/news/${options.slug}`, title: options.title, published: options.published, text: options.paragraphs.join("\n\n"), links };
}

/** The article's own paragraphs: without the reuse notice and the invitation to write in. */
export function bodyOf(article: Article): string[] {
  return article.paragraphs.filter((p) => p !== NOTICE && p !== LETTERS);
}

/** The invitation to write in, which only its recurrence across the outlet's pages marks as boilerplate. */
export const RECURRING_BLOCK = LETTERS;

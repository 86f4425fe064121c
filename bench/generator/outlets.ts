/**
 * The fictional outlets of the benchmark. Every name, domain and notice is invented for CopyQuota; the
 * notices are worded in the way Russian-language outlets word theirs, so that the boilerplate machinery meets
 * what it meets in production. Each outlet has a registrable domain of its own under the reserved `.example`
 * TLD (RFC 2606: nothing can reach a real site): were they subdomains of one domain, a reuser's link to its
 * own pages would count as a link to the publisher's domain.
 */
export interface Outlet {
  domain: string;
  name: string;
  /** The reuse notice printed at the end of every article (one paragraph, with the read-all line). */
  notice: string;
}

/** The publisher whose archive is indexed. */
export const PUBLISHER: Outlet = {
  domain: "stepnoy-vestnik.example",
  name: "Степной вестник",
  notice:
    "При использовании материалов информационного агентства «Степной вестник» допускается цитирование не более 30% текста " +
    "с обязательной активной гиперссылкой на источник. Полная перепечатка возможна только с письменного разрешения редакции.\n" +
    "Читать все новости ➤",
};

/** The ministry whose press releases are indexed as reference documents. */
export const REFERENCE_OUTLET: Outlet = {
  domain: "minekonomiki.example",
  name: "Пресс-служба министерства",
  notice: "Пресс-служба министерства экономики. Телефон для справок: +7 (7172) 00-00-00.",
};

/** Sites that reuse (or do not reuse) the publisher's articles. */
export const REUSERS: readonly Outlet[] = [
  { domain: "novosti-regiona.example", name: "Новости региона", notice: "Все права защищены. Копирование запрещено." },
  { domain: "biznes-lenta.example", name: "Бизнес-лента", notice: "Подписывайтесь на наш канал в Telegram." },
  { domain: "gorod-online.example", name: "Город онлайн", notice: "Нашли ошибку? Выделите ее и нажмите Ctrl+Enter." },
  { domain: "ekonomika-segodnya.example", name: "Экономика сегодня", notice: "Мнение редакции может не совпадать с мнением автора." },
];

/** Lines an outlet inserts into article bodies (boilerplate inside the text, as on real pages). */
export const READ_ALSO = "Читайте также:";
export const PHOTO_CREDIT = "Фото: пресс-служба";

import type { Random } from "./random.ts";

/** Words of fictional news, Russian with some Kazakh and English, so the text paths see real scripts. */
const WORDS = [
  "городской", "совет", "утвердил", "бюджет", "на", "следующий", "год", "мост", "через", "реку", "откроют",
  "осенью", "хлебозавод", "возобновил", "выпуск", "ржаного", "хлеба", "школа", "искусств", "закрылась",
  "ремонт", "библиотека", "жители", "района", "получили", "новые", "автобусы", "цены", "выросли", "процентов",
  "ёлка", "экспорт", "муки", "әкімдік", "жаңа", "мектеп", "қала", "council", "bridge", "opened", "report",
];

/** A sentence of 6 to 16 words, capitalised, with a full stop. */
export function sentence(random: Random): string {
  const words = Array.from({ length: random.between(6, 16) }, () => random.pick(WORDS));
  const text = words.join(" ");
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

/** A paragraph of 2 to 5 sentences. */
export function paragraph(random: Random): string {
  return Array.from({ length: random.between(2, 5) }, () => sentence(random)).join(" ");
}

/** An article's paragraphs: 1 to 8, so some are too short to be articles at all. */
export function paragraphs(random: Random): string[] {
  return Array.from({ length: random.between(1, 8) }, () => paragraph(random));
}

/** URLs an input may carry: good ones, and the kinds a hostile or broken archive holds. */
export function url(random: Random): string {
  const slug = `${random.int(100_000)}`;
  return random.pick([
    `https://fuzz-vestnik.example/news/${slug}`,
    `https://fuzz-vestnik.example/news/${slug}?utm_source=tg`,
    `http://127.0.0.1/news/${slug}`,
    `http://10.0.0.${random.int(255)}/p/${slug}`,
    `http://[::1]/n/${slug}`,
    `https://a b.example/${slug}`,
    `https://a\u202eb.example/${slug}`,
    `https://xn--/${slug}`,
    `https://[::1/${slug}`,
    `javascript:alert(${slug})`,
    `/relative/${slug}`,
    `news/${slug}`,
    "",
    `https://${"x".repeat(random.between(64, 300))}.example/`,
    `https://fuzz-vestnik.example/${"%".repeat(random.between(1, 5))}${slug}`,
  ]);
}

/** Dates as archives write them, good and bad. */
export function date(random: Random): string {
  return random.pick([
    "2024-03-15T09:30:00+05:00",
    "2024-03-15",
    "2017-11-25 23:49:47",
    "15.03.2024",
    "Fri, 15 Mar 2024 09:30:00 +0300",
    "2024-02-31",
    "вчера",
    "0000-00-00",
    "99999-01-01",
    "",
    "2024-13-40T25:61:61Z",
    `${random.int(10_000_000_000)}`,
  ]);
}

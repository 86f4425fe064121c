/** Fictional texts written for the alignment tests: a short article, and a long one built from numbered reports. */

/** A short article (about 60 words): each of its sentences is 5% of it or more. */
export const SHORT_ARTICLE = [
  "В посёлке Жаркамыс на западе области второй день нет водопровода.",
  "Авария произошла на насосной станции в ночь на вторник, когда отключилось электричество.",
  "Ремонтная бригада водоканала уже на месте, но сроки восстановления пока не называют.",
  "Воду жителям развозят цистернами по графику, который вывешен у здания акимата.",
  "Спасатели просят жителей беречь питьевую воду.",
  "Горячие обеды для пенсионеров готовит столовая местной школы.",
].join(" ");

/** The six-word sentence of `SHORT_ARTICLE`, a tenth of its words. */
export const SHORT_SENTENCE = "Спасатели просят жителей беречь питьевую воду";

const DISTRICTS = ["Алмалинском", "Бостандыкском", "Медеуском", "Ауэзовском", "Турксибском", "Жетысуском", "Наурызбайском", "Алатауском"];

/**
 * A long article (over 300 words): numbered road reports around `sentence`, so that one sentence of it is
 * well under 5% of its words and only passages of the minimum length count.
 */
export function longArticle(sentence: string): string {
  const reports = DISTRICTS.flatMap((district, i) => [
    `В ${district} районе бригада номер ${i + 11} заменила ${i * 7 + 40} метров трубопровода за ${i + 3} дня.`,
    `Движение по улице ${i + 101} восстановят к ${i + 12} числу, пообещали в управлении ${i + 5}.`,
  ]);
  return [...reports.slice(0, 8), sentence, ...reports.slice(8)].join(" ");
}

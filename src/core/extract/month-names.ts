/**
 * The words pages and archives write a month with, by month number: Russian nominative and genitive ("март",
 * "марта") and the abbreviations news sites print ("сен", "сент", "февр"), Kazakh names (which do not change in
 * a date: "14 наурыз", "2024 жылғы 14 наурыз"), English names and abbreviations. Only whole words count, so
 * "мар" is March but "марк" is nothing. Written lower case; no month's name has ё.
 */
const MONTH_WORDS: readonly (readonly string[])[] = [
  ["январь", "января", "янв", "қаңтар", "january", "jan"],
  ["февраль", "февраля", "фев", "февр", "ақпан", "february", "feb"],
  ["март", "марта", "мар", "наурыз", "march", "mar"],
  ["апрель", "апреля", "апр", "сәуір", "april", "apr"],
  ["май", "мая", "мамыр", "may"],
  ["июнь", "июня", "июн", "маусым", "june", "jun"],
  ["июль", "июля", "июл", "шілде", "july", "jul"],
  ["август", "августа", "авг", "тамыз", "august", "aug"],
  ["сентябрь", "сентября", "сен", "сент", "қыркүйек", "september", "sep", "sept"],
  ["октябрь", "октября", "окт", "қазан", "october", "oct"],
  ["ноябрь", "ноября", "ноя", "нояб", "қараша", "november", "nov"],
  ["декабрь", "декабря", "дек", "желтоқсан", "december", "dec"],
];

const MONTH_BY_WORD: ReadonlyMap<string, number> = new Map(MONTH_WORDS.flatMap((words, index) => words.map((word) => [word, index + 1] as const)));

/** The month (1–12) a word names, in any case, with or without an abbreviating dot; else null. */
export function monthNumber(word: string): number | null {
  return MONTH_BY_WORD.get(word.toLowerCase().replace(/\.$/, "")) ?? null;
}

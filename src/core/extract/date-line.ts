/**
 * A line that only dates the article or counts its views ("14 июля 2025, 09:20 1 284", "12.03.2024 | 10:15",
 * "Jul 14, 2025 9:20 am", "14 шілде 2025"): digits, separators, month and weekday names and the words of a
 * date, nothing else. Such a line is metadata, already read from the markup, not the article's text.
 */
const DATE_WORDS = new RegExp(
  "^(?:" +
    [
      "январ[яь]", "феврал[яь]", "марта?", "апрел[яь]", "ма[яй]", "июн[яь]", "июл[яь]", "августа?", "сентябр[яь]", "октябр[яь]", "ноябр[яь]",
      "декабр[яь]", "янв", "фев", "мар", "апр", "июн", "июл", "авг", "сен", "сент", "окт", "ноя", "дек", "года?", "г", "сегодня", "вчера", "обновлено", "опубликовано", "понедельник", "вторник", "среда", "четверг", "пятница",
      "суббота", "воскресенье", "қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз", "қыркүйек", "қазан", "қараша",
      "желтоқсан", "жыл", "жылы", "ж", "бүгін", "кеше", "january", "february", "march", "april", "may", "june", "july", "august",
      "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
      "am", "pm", "updated", "published", "today", "yesterday", "gmt", "utc",
    ].join("|") +
    ")$",
  "u",
);

/** Longest date line: a date, a time and a view count take about thirty characters; a sentence with a date takes more. */
const MAX_DATE_LINE_CHARS = 50;

/** Whether a block's text is only a date, a time and counts. */
export function isDateLine(text: string): boolean {
  if (text.length > MAX_DATE_LINE_CHARS || !/\d/.test(text)) return false;
  const words = text.toLowerCase().split(/[^\p{L}]+/u).filter((word) => word !== "");
  return words.every((word) => DATE_WORDS.test(word));
}

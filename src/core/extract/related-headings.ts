/**
 * Headings that introduce a block of links to other articles or of page furniture, in Russian, Kazakh and
 * English, lower-cased with ё as е. A heading alone proves nothing ("По теме" may title a paragraph); the
 * cleaner removes one only with the link block it introduces, or when it leads a paragraph made of a link.
 */
const RELATED_HEADING = new RegExp(
  "^(?:" +
    [
      "читайте (?:также|еще|тоже|по теме)", "читать (?:также|еще)", "смотрите (?:также|еще)", "(?:еще |материалы |новости |статьи )?по теме",
      "похожие (?:новости|материалы|статьи|публикации)", "другие (?:новости|материалы|статьи)", "самое (?:читаемое|популярное|обсуждаемое)",
      "популярное", "популярные (?:новости|материалы)", "главное(?: за (?:день|неделю))?", "рекомендуем(?: прочитать)?",
      "вам (?:может быть|будет) интересно", "теги", "метки", "ключевые слова", "новости партнеров", "последние новости",
      "лента новостей", "сондай-ақ оқыңыз", "оқи отырыңыз", "тақырыпқа қатысты(?: жаңалықтар)?", "ұқсас жаңалықтар",
      "көп оқылған(?:дар)?", "тегтер", "соңғы жаңалықтар", "басқа жаңалықтар", "related(?: articles| stories| news| coverage)?",
      "read (?:more|also|next)", "more (?:on this|stories|news|from)", "you (?:may|might) also like", "most (?:read|popular|viewed)",
      "trending", "tags", "topics", "see also", "recommended(?: for you)?", "latest news",
    ].join("|") +
    ")(?![\\p{L}])",
  "u",
);

/** Headings of the discussion under an article: the heading and all that follows it are readers' text. */
const COMMENTS_HEADING = /^(?:комментарии|обсуждение|отзывы|пікірлер|comments|discussion|reader comments)(?:\s*[(\d].*)?[:\s]*$/u;

/** Longest text taken for a heading: a heading is a few words, a paragraph that opens with them is not one. */
export const MAX_HEADING_CHARS = 60;

function fold(text: string): string {
  return text.trim().toLowerCase().replace(/ё/g, "е");
}

/** Whether a short text is, or opens with, a heading of related links, tags or page furniture. */
export function opensWithRelatedHeading(text: string): boolean {
  return RELATED_HEADING.test(fold(text));
}

/** Whether a text is a related-links heading and nothing else (its punctuation and a count aside). */
export function isRelatedHeading(text: string): boolean {
  const folded = fold(text).replace(/[\s:.!(\d)»>→➤-]+$/u, "");
  return folded.length <= MAX_HEADING_CHARS && RELATED_HEADING.test(folded) && folded.replace(RELATED_HEADING, "").trim() === "";
}

/** Whether a text is the heading of readers' comments. */
export function isCommentsHeading(text: string): boolean {
  const folded = fold(text);
  return folded.length <= MAX_HEADING_CHARS && COMMENTS_HEADING.test(folded);
}

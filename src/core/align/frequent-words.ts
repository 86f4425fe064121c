import type { KeyCode } from "../types.ts";
import { keyCode } from "../fingerprint/hash.ts";
import { stemWord } from "../text/stem.ts";

/**
 * Russian function words, the reporting verbs and nouns of news formulas, and the agencies and months of
 * datelines ("МОСКВА, 10 авг - РИА Новости", which every report of that agency and day opens with), as the
 * tokenizer folds them: words that make up most of a stock sentence and say nothing of which article it came from.
 */
const FREQUENT_WORDS = [
  "в", "во", "и", "не", "на", "с", "со", "что", "а", "по", "это", "этом", "этот", "эти", "как", "из", "у", "к", "ко", "о", "об", "от",
  "до", "за", "для", "же", "так", "то", "тот", "все", "всё", "его", "ее", "их", "он", "она", "они", "мы", "вы", "я", "бы", "ли", "или",
  "но", "уже", "ещё", "еще", "также", "при", "под", "над", "после", "перед", "который", "которые", "был", "была", "было", "были", "быть",
  "будет", "есть", "год", "году", "года", "сообщил", "сообщила", "сообщили", "сообщает", "сообщается", "заявил", "заявила", "заявили",
  "отметил", "отметила", "сказал", "сказала", "передает", "пишет", "говорится", "сообщении", "словам", "данным", "пресс", "служба",
  "службе", "службы", "агентство", "агентству", "корреспондент", "источник", "информации", "понедельник", "вторник", "среду", "четверг",
  "пятницу", "субботу", "воскресенье", "риа", "новости", "тасс", "итар", "интерфакс", "рбк", "прайм", "рейтер", "января",
  "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря", "янв", "фев", "мар",
  "апр", "июн", "июл", "авг", "сен", "сент", "окт", "ноя", "нояб", "дек", "reuters", "ap", "afp", "bloomberg", "the", "a", "an", "of",
  "to", "in", "and", "is", "was", "said", "on", "for", "by", "with", "that",
];

let frequentCodes: ReadonlySet<KeyCode> | null = null;

/**
 * The key codes of `FREQUENT_WORDS`. Stemmed lazily: the stemmer's memo is shared, and a module that stems at
 * import would fill it for every importer.
 */
export function frequentWords(): ReadonlySet<KeyCode> {
  frequentCodes ??= new Set(FREQUENT_WORDS.map((w) => keyCode(stemWord(w))));
  return frequentCodes;
}


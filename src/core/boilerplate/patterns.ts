import type { Span } from "../types.ts";
import { foldText } from "../text/normalize.ts";

/** What a boilerplate block is for. */
export type BoilerplateKind =
  | "reuse-policy"
  | "copyright"
  | "read-more"
  | "subscribe"
  | "share"
  | "photo-credit"
  | "error-report"
  | "advertising";

/** A built-in pattern of site boilerplate. */
export interface BoilerplatePattern {
  /** Stable name reported when a block matches; `-ru`, `-kk` or `-en` ends it when it covers one language. */
  name: string;
  kind: BoilerplateKind;
  /**
   * Matches one whole sentence of boilerplate, anchored at both ends.
   * It is tested against `foldText` output, so it is written in lower case with "е" for "ё",
   * `"` for any quote and `-` for any dash: that is what makes matching case-, ё- and quote-insensitive.
   */
  regex: RegExp;
  /**
   * Words one of which every sentence the pattern matches contains, tested first when given: a pattern that
   * must scan the sentence for a word cost more than all the others together (~20 µs a source's analysis).
   */
  needs?: readonly string[];
}

/**
 * Longest block that can be boilerplate, in characters. A policy notice is one to three sentences: the seed
 * outlet's two-rule notice is 210 characters, our fixture outlet's 183, and adding a third rule (an absolute
 * character cap, an indexable-link demand) keeps it under about 350. Real paragraphs are mostly longer, and
 * one of this length made only of notice-like sentences is implausible, so the cap loses nothing while it
 * bounds the damage of a mistaken match to a short block.
 */
export const MAX_BOILERPLATE_CHARS = 400;

/**
 * Phrases of reported speech. A notice never attributes words to anyone, while a news sentence about
 * reuse rules ("при использовании материалов без ссылки … штраф, сообщает ведомство") does: sentences
 * with such a phrase are never taken for a reuse-policy notice.
 */
const REPORTED_SPEECH = String.raw`(?!.*(?:сообща|сообщил|говорится|заявил|отметил|рассказал|по словам|по данным|said|reported|told|according to))`;

/**
 * A lookahead for the words a pattern can begin with, put before `REPORTED_SPEECH`: that lookahead scans the
 * whole sentence, and every short paragraph's first sentence is tried against every pattern, so the cheap
 * test of the first word goes first. It changes no match: the pattern itself begins with one of the words.
 */
function opening(words: string): string {
  return `(?=(?:${words}))`;
}

const SOCIAL = String.raw`(?:facebook|twitter|x|vk|вконтакте|telegram|телеграм|whatsapp|viber|одноклассники|ok|linkedin|instagram|threads|email|e-mail|почта|в соцсетях|в социальных сетях|новостью|ссылкой|с друзьями|копировать ссылку|copy link)`;

const CHANNELS = String.raw`(?:telegram|телеграм|instagram|инстаграм|youtube|facebook|whatsapp|вконтакте|vk|дзен|tiktok|threads|соцсет|канал)`;

function pattern(name: string, kind: BoilerplateKind, source: string, needs?: readonly string[]): BoilerplatePattern {
  return { name, kind, regex: new RegExp(`^(?:${source})$`, "iu"), ...(needs ? { needs } : {}) };
}

/** The built-in patterns, Russian, Kazakh and English. */
export const BOILERPLATE_PATTERNS: readonly BoilerplatePattern[] = [
  // "При работе с материалами … разрешено … с обязательной гиперссылкой", "При полном или частичном
  // использовании материалов ссылка … обязательна", "При использовании полного материала необходимо разрешение",
  // "В случае цитирования … гиперссылка обязательна".
  pattern(
    "reuse-terms-ru",
    "reuse-policy",
    String.raw`${opening("при|в случае")}${REPORTED_SPEECH}(?=.*(?:материал|текст|публикаци|стат|контент|информаци|сайт|издани|источник))(?:при|в случае)\s+(?:(?:полн|частичн|люб)[а-я]*(?:\s+или\s+частичн[а-я]*)?\s+)?(?:работ|использовани|цитировани|перепечатк|копировани|заимствовани|воспроизведени|размещени)[а-я]*\s.*(?:ссылк|разрешени|согласи|запрещ|обязательн).*`,
  ),
  // "Перепечатка запрещена", "Полная перепечатка - только с разрешения редакции",
  // "Копирование материалов без письменного согласия запрещено", "Полное копирование материалов запрещено".
  pattern(
    "reprint-terms-ru",
    "reuse-policy",
    String.raw`${opening("полн|частичн|люб|перепечатка|копирование|воспроизведение|републикация|использование|цитирование")}${REPORTED_SPEECH}(?:(?:полн(?:ая|ое)|частичн(?:ая|ое)|полн(?:ая|ое) или частичн(?:ая|ое)|люб(?:ая|ое))\s+)?(?:перепечатка|копирование|воспроизведение|републикация|(?:использование|цитирование)\s+(?:материалов|текстов|публикаций|статей|контента))(?:\s.*)?\s(?:запрещ|только\s+(?:с|при|по)\s|не допускается|не разрешается).*`,
  ),
  // "Ссылка на источник обязательна", "Обязательна активная гиперссылка на …".
  pattern(
    "link-required-ru",
    "reuse-policy",
    String.raw`(?:(?:активная|прямая|индексируемая)\s+)?(?:гипер)?ссылка\s.*(?:обязательна|обязательно|необходима|требуется)\.?|обязательн[аоы]\s+(?:(?:активная|прямая|индексируемая)\s+)?(?:гипер)?ссылк.*`,
  ),
  // "Материалдарды пайдаланғанда … сілтеме міндетті" (when using materials, a link is mandatory).
  pattern(
    "reuse-terms-kk",
    "reuse-policy",
    String.raw`(?=.*материал)(?=.*(?:пайдалан|көшір|жарияла|қолдан))(?=.*сілтеме).*(?:міндетті|қажет|тиіс|шарт).*`,
    ["сілтеме"],
  ),
  // "… көшіріп басуға тыйым салынады" (reprinting is prohibited).
  pattern("reprint-terms-kk", "reuse-policy", String.raw`.*(?:көшіріп басу|көшіру|қайта жариялау).*тыйым салынады.*`, ["тыйым салынады"]),
  // "When using our materials, a hyperlink … is required", "If quoting, credit …".
  pattern(
    "reuse-terms-en",
    "reuse-policy",
    String.raw`${opening("when|if")}${REPORTED_SPEECH}(?:when|if)\s+(?:using|quoting|citing|republishing|reproducing|reprinting|sharing)\s.*(?:link|credit|attribution|permission|consent|required|must).*`,
  ),
  // "Reproduction … is prohibited", "Any republication without written permission is not allowed".
  pattern(
    "reprint-terms-en",
    "reuse-policy",
    String.raw`${opening("any|full|partial|reproduction|republication|redistribution|reprinting|copying")}${REPORTED_SPEECH}(?:(?:any|full|partial|full or partial)\s+)?(?:reproduction|republication|redistribution|reprinting|copying)\s.*(?:prohibited|forbidden|not permitted|not allowed|without.*(?:permission|consent)|only with).*`,
  ),
  // "© 2024 Деловой вестник", "Все права защищены", "Барлық құқықтар қорғалған", "All rights reserved".
  pattern(
    "rights-reserved",
    "copyright",
    String.raw`(?:(?:©|\(c\)|copyright)\s*.*)?(?:все права защищены|все права сохранены|барлық құқықтар қорғалған|all rights reserved)\.?|(?:©|\(c\)|copyright\s).{0,120}`,
  ),
  // "Читайте также: …", "Читать все последние новости ➤", "Еще по теме: …", "Все новости ➤".
  pattern(
    "read-more-ru",
    "read-more",
    String.raw`(?:читайте|читать|смотрите|смотреть)\s+(?:также|еще|тоже|по теме|все|больше|далее|подробнее|новости|последние)(?:[\s:].*)?|(?:(?:еще|новости|материалы)\s+)?по теме\s*:.*|(?:все|последние|главные)\s+новости(?:\s*[➤>»→].*)?|подробнее\s*[➤>»→:].*`,
  ),
  // "Сондай-ақ оқыңыз: …" (also read), "Оқи отырыңыз" (keep reading), "Барлық жаңалықтар ➤" (all news).
  pattern(
    "read-more-kk",
    "read-more",
    String.raw`(?:сондай-ақ\s+|тағы\s+)?оқыңыз\s*:.*|оқи отырыңыз.*|барлық\s+жаңалықтар.*`,
  ),
  // "Read also: …", "Read more ➤", "See all news", "Related: …".
  pattern("read-more-en", "read-more", String.raw`(?:read|see)\s+(?:also|more|next|all)(?:[\s:➤>»→].*)?|(?:related|more on this|more news)\s*:.*`),
  // "Подписывайтесь на наш Telegram-канал", "Мы в Telegram", "Больше новостей в нашем Telegram-канале".
  pattern(
    "subscribe-ru",
    "subscribe",
    String.raw`(?:подписывайтесь|подпишитесь|присоединяйтесь|следите\s+за\s+(?:нами|новостями)|читайте\s+нас)(?:[\s,:!].*)?|(?:мы|наш[аи]?)\s+(?:в\s+)?${CHANNELS}.*|(?:больше|все|самые|главные|актуальные)\s.*\s(?:в|на)\s+наш(?:ем|их|ей)?\s.*${CHANNELS}.*`,
  ),
  // "Telegram-арнамызға жазылыңыз" (subscribe to our Telegram channel).
  pattern("subscribe-kk", "subscribe", String.raw`.*(?:арнамызға|арнасына|парақшамызға|каналымызға)\s+жазылыңыз.*|жазылыңыз(?:[\s:!].*)?`, ["жазылыңыз"]),
  // "Subscribe to our Telegram channel", "Follow us on …".
  pattern("subscribe-en", "subscribe", String.raw`(?:subscribe|follow us|join us|sign up)(?:[\s,:!].*)?`),
  // "Поделиться", "Поделиться: Facebook WhatsApp Telegram", "Share this article", "Бөлісу".
  pattern(
    "share",
    "share",
    String.raw`(?:поделиться|поделитесь|share(?:\s+this)?(?:\s+(?:article|story|post|page))?|бөлісу|бөлісіңіз)\s*:?(?:[\s,|/·•]*${SOCIAL})*[\s,|/·•]*`,
  ),
  // "Фото: пресс-служба …", "Фото — Иван Петров", "Photo: Reuters", "Photo by …", "Сурет: …". A dash counts
  // only with a space on both sides, so "Фото- и видеофиксация" stays prose.
  pattern(
    "photo-credit",
    "photo-credit",
    String.raw`(?:фото|фотография|фото и видео|видео|иллюстрация|коллаж|инфографика|сурет|бейне|photos?|image|picture|video|illustration)(?:\s*\/\s*(?:видео|video))?(?:\s*[:©]|\s+(?:-|by)\s).{1,150}`,
  ),
  // "Фото из открытых источников", "Фото предоставлено пресс-службой …", "Photo courtesy of …",
  // "Сурет ашық дереккөздерден алынды" (photo taken from open sources).
  pattern(
    "photo-source",
    "photo-credit",
    String.raw`(?:фото|фотография|иллюстрация|изображение)\s+(?:из\s+открытых\s+источников|из\s+архива.{0,80}|предоставлено.{0,120}|с\s+сайта.{0,100}|автора|из\s+соцсетей|из\s+социальных\s+сетей)\.?|(?:photos?|image)\s+(?:courtesy\s+of|credit)\s*:?.{1,150}|сурет\s+(?:ашық\s+дереккөздерден|.{0,80}алынды).{0,60}`,
  ),
  // "Если вы нашли ошибку, выделите ее и нажмите Ctrl+Enter", its Kazakh and English forms, and the
  // question that often comes as a sentence of its own ("Нашли опечатку?", "Қате таптыңыз ба?", "Found a typo?").
  pattern(
    "error-report",
    "error-report",
    String.raw`.{0,160}ctrl\s*\+\s*enter.{0,80}|(?:вы\s+)?(?:нашли|заметили|увидели)\s+(?:ошибку|опечатку)\s*\?|қате\s+(?:таптыңыз|байқадыңыз)(?:\s+ба)?\s*\?|(?:found|spotted|see)\s+(?:a\s+)?(?:typo|mistake|error)\s*\?`,
    ["ctrl", "?"],
  ),
  // "Реклама", "На правах рекламы", "Партнерский материал", "Жарнама", "Рекламодатель: …", "erid: …".
  pattern(
    "advertising",
    "advertising",
    String.raw`(?:реклама|на правах рекламы|партнерский материал|спонсорский материал|жарнама|advertisement|sponsored(?: content)?|promo|промо)\.?|(?:рекламодатель|erid)\s*:?.{0,150}`,
  ),
];

const sentences = new Intl.Segmenter("ru", { granularity: "sentence" });

/** A sentence that ends in a capital initial ("Фото: А. ", "Photo: J. "): the name goes on after it. */
const ENDS_IN_INITIAL = /(?:^|[\s.])\p{Lu}\.\s*$/u;

/**
 * The name of the pattern a block matches as boilerplate, or null.
 * A block is boilerplate when it is at most `MAX_BOILERPLATE_CHARS` long and every sentence of it matches
 * a pattern whole: a one-line credit, or a notice of several sentences ("При работе … гиперссылкой на
 * источник. При использовании полного материала необходимо разрешение редакции."). Requiring every
 * sentence keeps a paragraph that merely opens with notice wording, or a credit run together with prose.
 * When several sentences match, the first one's pattern is named.
 */
export function matchBoilerplate(block: string): string | null {
  const text = block.trim();
  if (text === "" || text.length > MAX_BOILERPLATE_CHARS) return null;
  return matchFoldedBoilerplate(text, foldText(text), [...sentences.segment(text)].map((s) => s.index));
}

/**
 * `matchBoilerplate` of a trimmed block whose folded form and sentence starts are already known (the
 * indexer has both from tokenizing it). The starts are Segmenter's on the original, because the sentence
 * rules need capitals; folding keeps offsets, so they slice the folded text too.
 */
export function matchFoldedBoilerplate(text: string, folded: string, sentenceStarts: readonly number[]): string | null {
  if (text === "" || text.length > MAX_BOILERPLATE_CHARS) return null;
  let first: string | null = null;
  for (const { start, end } of sentenceRanges(text, sentenceStarts)) {
    const name = matchingPattern(folded.slice(start, end).trim());
    if (name === null) return null;
    first ??= name;
  }
  return first;
}

/** Sentence ranges from their starts. ICU breaks after an initial followed by a capitalized name, so such a break is undone. */
function sentenceRanges(text: string, starts: readonly number[]): Span[] {
  const ranges: Span[] = [];
  for (let i = 0; i < starts.length; i++) {
    const end = starts[i + 1] ?? text.length;
    const previous = ranges.at(-1);
    if (previous !== undefined && ENDS_IN_INITIAL.test(text.slice(previous.start, previous.end))) previous.end = end;
    else ranges.push({ start: starts[i]!, end });
  }
  return ranges;
}

function matchingPattern(folded: string): string | null {
  for (const { name, regex, needs } of BOILERPLATE_PATTERNS) {
    if ((needs === undefined || needs.some((word) => folded.includes(word))) && regex.test(folded)) return name;
  }
  return null;
}

import type { Policy } from "../core/policy/policy.ts";
import type { IsoDate, Violation } from "../core/types.ts";
import type { Case } from "./case.ts";

export type LetterLanguage = "ru" | "en";

export const LETTER_LANGUAGES: readonly LetterLanguage[] = Object.freeze(["ru", "en"]);

/** What a notice is filled from. */
export interface NoticeInput {
  case: Case;
  /** The source article; its protected text gives the quoted passages (null when the source was removed). */
  source: { url: string; title: string; published: IsoDate; protectedText: string } | null;
  policy: Policy;
  /** Who sends the notice: the publisher's name or domain. */
  publisher: string;
  /** The capture the case rests on. */
  evidence: { sha256: string; fetchedAt: string } | null;
  /** The day the letter is written (ISO); the deadline counts from it. */
  today: string;
}

export interface NoticeLetter {
  language: LetterLanguage;
  subject: string;
  /** Plain text, lines separated by "\n": safe to show with `textContent` and to send as is. */
  body: string;
  /** The day by which the reuser is asked to comply, `YYYY-MM-DD`. */
  deadline: string;
}

/**
 * How many passages a notice quotes, and how long each quote may be: enough for the recipient to find the
 * copied text on their page, short enough that the letter is not itself a copy of the article.
 */
const QUOTED_PASSAGES = 3;
const QUOTE_CHARS = 280;

/** A notice asking a reuser to comply with the policy, filled from a case, in Russian or English. */
export function noticeLetter(input: NoticeInput, language: LetterLanguage): NoticeLetter {
  const words = WORDS[language];
  const deadline = addDays(input.today, input.policy.fixDeadlineDays);
  const c = input.case;
  const title = input.source?.title || c.source.title || c.source.url;
  const quotes = quotesOf(c, input.source?.protectedText ?? null);
  const lines: string[] = [
    `${words.to}: ${words.ownerOf(c.candidate.domain)}`,
    `${words.from}: ${words.editors(input.publisher)}`,
    `${words.date}: ${formatDay(input.today, language)}`,
    "",
    words.greeting,
    "",
    words.found({
      page: c.candidate.url,
      seen: formatDay(c.lastSeen, language),
      title,
      published: input.source?.published ? formatDay(input.source.published, language) : null,
      source: c.source.url,
    }),
    "",
    `${words.termsLead}: ${policyWording(input.policy, language)}`,
    "",
    `${words.violationsLead}:`,
    ...c.violations.map((v, i) => `— ${describeViolation(v, c, language)}${i === c.violations.length - 1 ? "." : ";"}`),
    "",
  ];
  if (quotes.length > 0) {
    lines.push(`${words.passagesLead(c.passages.length)}:`);
    quotes.forEach((quote, i) => lines.push(`${i + 1}. «${quote}»`));
    lines.push("");
  }
  lines.push(words.request(formatDay(deadline, language), remedies(c.violations, c, language)), "");
  if (input.evidence) lines.push(words.evidence(formatDay(input.evidence.fetchedAt, language), input.evidence.sha256), "");
  lines.push(words.regards, words.editors(input.publisher));
  return { language, subject: words.subject(title), body: lines.join("\n"), deadline };
}

/** The policy's rules as one sentence, as a publisher would print them under an article. */
export function policyWording(policy: Policy, language: LetterLanguage): string {
  const share = formatPercent(policy.maxShare, language);
  if (language === "ru") {
    let text = `допускается использование не более ${share} текста материала`;
    if (policy.maxChars !== null) text += ` и не более ${formatNumber(policy.maxChars, language)} знаков`;
    if (policy.link.required) {
      text += `, с обязательной гиперссылкой на ${policy.link.target === "article" ? "исходный материал" : "сайт издания"}`;
      if (policy.link.indexable) text += ", открытой для индексации (без rel=\"nofollow\" и <noindex>)";
    }
    if (policy.excludeQuotations) text += "; цитаты третьих лиц в объем не засчитываются";
    return `${text}. Использование в большем объеме — только с письменного разрешения редакции.`;
  }
  let text = `no more than ${share} of an article's text may be reused`;
  if (policy.maxChars !== null) text += `, and no more than ${formatNumber(policy.maxChars, language)} characters`;
  if (policy.link.required) {
    text += `, with a mandatory hyperlink to ${policy.link.target === "article" ? "the original article" : "the publisher's site"}`;
    if (policy.link.indexable) text += " that search engines may follow (no rel=\"nofollow\", no <noindex>)";
  }
  if (policy.excludeQuotations) text += "; quotations of third parties do not count";
  return `${text}. Any larger reuse requires the editors' written permission.`;
}

function describeViolation(violation: Violation, c: Case, language: LetterLanguage): string {
  const ru = language === "ru";
  switch (violation) {
    case "over_quota":
      return ru
        ? `заимствовано ${formatPercent(c.share, language)} текста материала (${formatNumber(c.reusedChars, language)} из ${formatNumber(c.sourceChars, language)} знаков) при допустимых ${formatPercent(c.maxShare, language)}`
        : `${formatPercent(c.share, language)} of the article's text was reused (${formatNumber(c.reusedChars, language)} of ${formatNumber(c.sourceChars, language)} characters); the limit is ${formatPercent(c.maxShare, language)}`;
    case "over_char_cap":
      return ru
        ? `заимствовано ${formatNumber(c.reusedChars, language)} знаков при допустимых ${formatNumber(c.maxChars ?? 0, language)}`
        : `${formatNumber(c.reusedChars, language)} characters were reused; the limit is ${formatNumber(c.maxChars ?? 0, language)}`;
    case "missing_link":
      return ru ? "на странице нет гиперссылки на источник" : "the page has no hyperlink to the source";
    case "link_not_to_article":
      return ru
        ? `гиперссылка ведет не на исходный материал, а на другую страницу сайта (${c.link.href ?? ""})`
        : `the hyperlink points to another page of our site (${c.link.href ?? ""}), not to the article`;
    case "link_not_indexable":
      return ru
        ? "гиперссылка на источник закрыта от индексации (rel=\"nofollow\" или <noindex>)"
        : "the hyperlink to the source is hidden from search engines (rel=\"nofollow\" or <noindex>)";
  }
}

/** What the reuser can do to comply, from the violations found. */
function remedies(violations: readonly Violation[], c: Case, language: LetterLanguage): string[] {
  const ru = language === "ru";
  const out: string[] = [];
  if (violations.includes("over_quota") || violations.includes("over_char_cap")) {
    out.push(ru ? "сократить заимствованный текст до допустимого объема" : "cut the reused text down to the permitted amount");
  }
  if (violations.includes("missing_link") || violations.includes("link_not_to_article")) {
    out.push(ru ? `разместить гиперссылку на ${c.source.url}` : `add a hyperlink to ${c.source.url}`);
  }
  if (violations.includes("link_not_indexable")) {
    out.push(ru ? "открыть гиперссылку на источник для индексации" : "make the hyperlink to the source followable by search engines");
  }
  return out;
}

/** The longest passages, in source order, quoted from the source's protected text and shortened. */
function quotesOf(c: Case, protectedText: string | null): string[] {
  if (protectedText === null) return [];
  return [...c.passages]
    .sort((a, b) => b.source.end - b.source.start - (a.source.end - a.source.start))
    .slice(0, QUOTED_PASSAGES)
    .sort((a, b) => a.source.start - b.source.start)
    .map((p) => shorten(protectedText.slice(p.source.start, p.source.end).replace(/\s+/g, " ").trim()))
    .filter((quote) => quote.length > 0);
}

function shorten(text: string): string {
  if (text.length <= QUOTE_CHARS) return text;
  const cut = text.lastIndexOf(" ", QUOTE_CHARS);
  return `${text.slice(0, cut > QUOTE_CHARS / 2 ? cut : QUOTE_CHARS)}…`;
}

function addDays(iso: string, days: number): string {
  return new Date(Date.parse(iso.slice(0, 10)) + days * 86_400_000).toISOString().slice(0, 10);
}

const LOCALES: Record<LetterLanguage, string> = { ru: "ru-RU", en: "en-GB" };

function formatDay(iso: string, language: LetterLanguage): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  const day = new Intl.DateTimeFormat(LOCALES[language], { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(time);
  return language === "ru" ? `${day.replace(/ г\.$/, "")} г.` : day;
}

function formatPercent(share: number, language: LetterLanguage): string {
  return `${new Intl.NumberFormat(LOCALES[language], { maximumFractionDigits: 1 }).format(share * 100)}%`;
}

function formatNumber(n: number, language: LetterLanguage): string {
  return new Intl.NumberFormat(LOCALES[language]).format(n);
}

interface Words {
  subject(title: string): string;
  to: string;
  from: string;
  date: string;
  ownerOf(domain: string): string;
  editors(publisher: string): string;
  greeting: string;
  found(f: { page: string; seen: string; title: string; published: string | null; source: string }): string;
  termsLead: string;
  violationsLead: string;
  passagesLead(count: number): string;
  request(deadline: string, remedies: string[]): string;
  evidence(day: string, sha256: string): string;
  regards: string;
}

const WORDS: Record<LetterLanguage, Words> = {
  ru: {
    subject: (title) => `Требование об устранении нарушения условий использования материала «${title}»`,
    to: "Кому",
    from: "От",
    date: "Дата",
    ownerOf: (domain) => `владельцу сайта ${domain}`,
    editors: (publisher) => `редакция ${publisher}`,
    greeting: "Уважаемые коллеги!",
    found: (f) =>
      `На странице ${f.page} (проверена ${f.seen}) с нарушением условий использования размещен материал «${f.title}», ` +
      `опубликованный нами${f.published ? ` ${f.published}` : ""} по адресу ${f.source}.`,
    termsLead: "Условия использования наших материалов",
    violationsLead: "Выявленные нарушения",
    passagesLead: (count) => `Совпадающие фрагменты (всего ${count}), в том числе`,
    request: (deadline, remedies) =>
      `Просим в срок до ${deadline} ${remedies.length > 0 ? `${remedies.join(", ")} либо удалить материал` : "удалить материал"}. ` +
      "Если у вас есть письменное разрешение редакции на такое использование, сообщите нам его реквизиты.",
    evidence: (day, sha256) => `Копия страницы сохранена нами ${day}; ее контрольная сумма SHA-256: ${sha256}.`,
    regards: "С уважением,",
  },
  en: {
    subject: (title) => `Notice of breach of the terms of use of the article "${title}"`,
    to: "To",
    from: "From",
    date: "Date",
    ownerOf: (domain) => `the owner of ${domain}`,
    editors: (publisher) => `the editors of ${publisher}`,
    greeting: "Dear colleagues,",
    found: (f) =>
      `The page ${f.page} (checked on ${f.seen}) reuses our article "${f.title}", published${f.published ? ` on ${f.published}` : ""} at ` +
      `${f.source}, in breach of our terms of use.`,
    termsLead: "Our terms of use",
    violationsLead: "What we found",
    passagesLead: (count) => `Matching passages (${count} in all), among them`,
    request: (deadline, remedies) =>
      `We ask you, by ${deadline}, to ${remedies.length > 0 ? `${remedies.join(", ")}, or remove the article` : "remove the article"}. ` +
      "If you hold the editors' written permission for this reuse, please send us its details.",
    evidence: (day, sha256) => `We saved a copy of the page on ${day}; its SHA-256 checksum is ${sha256}.`,
    regards: "Kind regards,",
  },
};

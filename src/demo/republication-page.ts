/**
 * Demo republications: HTML pages of fictional re-publishers that reuse a source article in the ways the
 * dashboard should show — whole copies, excerpts, rewrites, with and without a link back.
 */

/** How a demo page links back to the source. */
export type DemoLink =
  | { kind: "none" }
  | { kind: "article"; rel?: string }
  | { kind: "domain"; href: string };

export interface DemoPage {
  url: string;
  title: string;
  published: string;
  /** The page's own paragraphs: reused ones and the re-publisher's own words. */
  paragraphs: string[];
  link: DemoLink;
  sourceUrl: string;
  /** The re-publisher's name, shown in its header and footer. */
  outlet: string;
}

/** A re-publisher's page: site chrome around an article, with the link back (if any) inside the article. */
export function republicationPage(page: DemoPage): string {
  const linkLine =
    page.link.kind === "none"
      ? ""
      : page.link.kind === "article"
        ? `<p>Источник: <a href="${escapeHtml(page.sourceUrl)}"${page.link.rel ? ` rel="${escapeHtml(page.link.rel)}"` : ""}>${escapeHtml(hostOf(page.sourceUrl))}</a></p>`
        : `<p>По материалам <a href="${escapeHtml(page.link.href)}">${escapeHtml(hostOf(page.link.href))}</a></p>`;
  return `<!doctype html>
<html lang="ru">
<head>
<meta charset="utf-8">
<title>${escapeHtml(page.title)} — ${escapeHtml(page.outlet)}</title>
<link rel="canonical" href="${escapeHtml(page.url)}">
<meta property="og:title" content="${escapeHtml(page.title)}">
<meta property="article:published_time" content="${escapeHtml(page.published)}">
</head>
<body>
<header><a href="/">${escapeHtml(page.outlet)}</a>
<nav><a href="/news/">Новости</a> <a href="/economy/">Экономика</a> <a href="/about/">О нас</a></nav></header>
<main>
<article>
<h1>${escapeHtml(page.title)}</h1>
${page.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join("\n")}
${linkLine}
</article>
</main>
<footer><p>© ${escapeHtml(page.outlet)}. Все права защищены.</p></footer>
</body>
</html>
`;
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
}

/** A text's sentences: cut after ., ! or ? (and a closing quote) followed by a space and a capital letter. */
export function sentencesOf(paragraph: string): string[] {
  return paragraph
    .split(/(?<=[.!?…][»"]?)\s+(?=[«"A-ZА-ЯЁ0-9])/u)
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * Word swaps a rewriter makes: synonyms and changed word forms common in Russian business news. Matched
 * as whole words, first letter's case kept.
 */
const SWAPS: readonly [string, string][] = [
  ["сообщает", "передает"],
  ["сообщили", "рассказали"],
  ["выросли", "увеличились"],
  ["вырос", "увеличился"],
  ["правительство", "кабинет министров"],
  ["компании", "предприятия"],
  ["примерно", "около"],
  ["также", "кроме того"],
  ["однако", "впрочем"],
  ["планирует", "намерена"],
  ["отметил", "подчеркнул"],
  ["отметила", "подчеркнула"],
  ["рассказал", "сообщил"],
  ["является", "стал"],
];

/**
 * A rewrite of paragraphs: sentences of each paragraph in another order (each pair swapped) and words
 * swapped for synonyms — the "рерайтинг" policies forbid, which detection must survive.
 */
export function rewrite(paragraphs: readonly string[]): string[] {
  return paragraphs.map((paragraph) => {
    const sentences = sentencesOf(paragraph);
    for (let i = 0; i + 1 < sentences.length; i += 2) [sentences[i], sentences[i + 1]] = [sentences[i + 1]!, sentences[i]!];
    return sentences.map(swapWords).join(" ");
  });
}

function swapWords(sentence: string): string {
  let out = sentence;
  for (const [from, to] of SWAPS) {
    out = out.replace(new RegExp(`(?<![\\p{L}])(${from[0]}|${from[0]!.toUpperCase()})${from.slice(1)}(?![\\p{L}])`, "gu"), (_m, first: string) =>
      first === first.toUpperCase() ? to[0]!.toUpperCase() + to.slice(1) : to,
    );
  }
  return out;
}

/**
 * Renders a reuser's page: another outlet's article that embeds an excerpt of the publisher's article,
 * inside realistic site chrome (navigation, "read also" sidebar, share buttons, footer with its own notice
 * and partner links). All chrome text here is our own invention.
 */

/** How the page links back to the source article. */
export type LinkVariant = "none" | "article" | "domain" | "nofollow" | "noindex" | "utm" | "footer";

export const LINK_VARIANTS: readonly LinkVariant[] = ["none", "article", "domain", "nofollow", "noindex", "utm", "footer"];

/** A reuser's site. Three layouts cover a modern semantic page, an old CMS's div soup, and a portal with widgets. */
export interface ReuserSite {
  domain: string;
  name: string;
  layout: "semantic" | "cms" | "portal";
}

export const REUSER_SITES: readonly ReuserSite[] = [
  { domain: "gorod-novosti.example", name: "Городские новости", layout: "semantic" },
  { domain: "delovoy-vestnik.example", name: "Деловой вестник", layout: "cms" },
  { domain: "region24.example", name: "Регион 24", layout: "portal" },
  { domain: "pribrezhnye-vesti.example", name: "Прибрежные вести", layout: "semantic" },
  { domain: "news-agregator.example", name: "Новости дня", layout: "portal" },
  { domain: "stepnoy-kurier.example", name: "Степной курьер", layout: "cms" },
];

/** A reuser the suite's policy licenses (the license lifts the cap), and one whose license has expired. */
export const LICENSED_SITE: ReuserSite = { domain: "partner-media.example", name: "Партнёр Медиа", layout: "semantic" };
export const EXPIRED_LICENSE_SITE: ReuserSite = { domain: "old-partner.example", name: "Старый партнёр", layout: "cms" };

const SECTIONS = ["Политика", "Экономика", "Общество", "Происшествия", "Спорт", "Культура"];

const SIDEBAR_HEADLINES = [
  "В городе открылась новая библиотека для детей",
  "Синоптики пообещали тёплые выходные",
  "На объездной дороге начался ремонт покрытия",
  "Школьники собрали три тонны макулатуры",
  "Городской парк закроют на реконструкцию до осени",
  "Фермеры рассказали о видах на урожай",
];

export interface PageContent {
  site: ReuserSite;
  url: string;
  title: string;
  /** ISO timestamp shown in the page's metadata. */
  published: string;
  /** Paragraphs of the reuser's own text shown before the excerpt. */
  before: string[];
  /** The excerpt's paragraphs (already obfuscated). */
  excerpt: string[];
  /** The reuser's own paragraphs after the excerpt. */
  after: string[];
  link: LinkVariant;
  /** Where a main-content link sits: as a "reports" sentence before the excerpt, or a "Source:" line after it. */
  linkPlacement: "lead" | "credit";
  sourceUrl: string;
  /** Text of the link (the source outlet's name). */
  sourceName: string;
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** The href a link variant points to. */
export function linkHref(content: Pick<PageContent, "link" | "sourceUrl" | "site">): string | null {
  const { link, sourceUrl, site } = content;
  switch (link) {
    case "none":
      return null;
    case "domain":
      return `${new URL(sourceUrl).origin}/`;
    case "utm":
      return `${sourceUrl}${sourceUrl.includes("?") ? "&" : "?"}utm_source=${site.domain.split(".")[0]}&utm_medium=referral&utm_campaign=news`;
    default:
      return sourceUrl;
  }
}

function anchor(content: PageContent): string {
  const href = linkHref(content);
  if (href === null) return esc(content.sourceName);
  const a = `<a href="${esc(href)}"${content.link === "nofollow" ? ' rel="nofollow noopener"' : ""} target="_blank">${esc(content.sourceName)}</a>`;
  return content.link === "noindex" ? `<noindex>${a}</noindex>` : a;
}

function articleParagraphs(content: PageContent): string[] {
  const mainLink = content.link !== "none" && content.link !== "footer";
  const before = [...content.before];
  const after = [...content.after];
  const excerpt = content.excerpt.map((p) => `<p>${esc(p)}</p>`);
  const ps = before.map((p) => `<p>${esc(p)}</p>`);
  if (mainLink && content.linkPlacement === "lead") ps.push(`<p>Об этом сообщает ${anchor(content)}.</p>`);
  ps.push(...excerpt);
  if (mainLink && content.linkPlacement === "credit") ps.push(`<p>Источник: ${anchor(content)}</p>`);
  ps.push(...after.map((p) => `<p>${esc(p)}</p>`));
  return ps;
}

function footer(content: PageContent): string {
  const partner =
    content.link === "footer" ? `<li><a href="${esc(content.sourceUrl)}">${esc(content.sourceName)}</a></li>` : "";
  return `<p>© 2024 ${esc(content.site.name)}. Все права защищены. Использование материалов сайта разрешено только с активной гиперссылкой.</p>
<div class="partners"><span>Наши партнёры:</span><ul><li><a href="https://meteo.example/">Погода</a></li>${partner}<li><a href="https://afisha.example/">Афиша</a></li></ul></div>`;
}

function nav(site: ReuserSite): string {
  return SECTIONS.map((s, i) => `<li><a href="https://${site.domain}/section/${i + 1}">${esc(s)}</a></li>`).join("");
}

function sidebar(site: ReuserSite): string {
  return SIDEBAR_HEADLINES.map((h, i) => `<li><a href="https://${site.domain}/news/related-${i + 1}">${esc(h)}</a></li>`).join("");
}

function head(content: PageContent, charset: string, extra: string): string {
  return `<head><meta charset="${charset}"><title>${esc(content.title)} — ${esc(content.site.name)}</title>
<link rel="canonical" href="${esc(content.url)}">
<meta property="og:title" content="${esc(content.title)}">
${extra}</head>`;
}

/** The whole page as HTML text, declaring `charset` in a `<meta>` tag. */
export function renderPage(content: PageContent, charset: "utf-8" | "windows-1251"): string {
  const { site } = content;
  const paragraphs = articleParagraphs(content).join("\n");
  const shownDate = formatRuDate(content.published);
  switch (site.layout) {
    case "semantic":
      return `<!DOCTYPE html><html lang="ru">${head(content, charset, `<meta property="article:published_time" content="${content.published}">`)}
<body><header><a href="https://${site.domain}/" class="logo">${esc(site.name)}</a><nav><ul>${nav(site)}</ul></nav></header>
<main><article><h1>${esc(content.title)}</h1><time datetime="${content.published}">${shownDate}</time>
<div class="article-body">
${paragraphs}
</div>
<div class="share">Поделиться: <a href="https://vk.com/share.php?url=${encodeURIComponent(content.url)}">ВКонтакте</a> <a href="https://t.me/share/url?url=${encodeURIComponent(content.url)}">Telegram</a></div>
</article>
<aside><h3>Читайте также</h3><ul>${sidebar(site)}</ul></aside></main>
<footer>${footer(content)}</footer></body></html>`;
    case "cms":
      return `<!DOCTYPE html><html>${head(content, charset, "")}
<body><div id="top"><div class="logo"><a href="https://${site.domain}/">${esc(site.name)}</a></div><div class="menu"><ul>${nav(site)}</ul></div></div>
<div id="wrapper"><div id="content"><div class="news-item">
<h1 class="title">${esc(content.title)}</h1>
<div class="date"><time datetime="${content.published}">${shownDate}</time></div>
<div class="text">
${paragraphs}
</div></div></div>
<div class="right-col"><div class="block-title">Последние новости</div><ul>${sidebar(site)}</ul></div></div>
<div id="bottom">${footer(content)}</div></body></html>`;
    case "portal":
      return `<!DOCTYPE html><html lang="ru">${head(
        content,
        charset,
        `<script type="application/ld+json">${JSON.stringify({ "@context": "https://schema.org", "@type": "NewsArticle", headline: content.title, datePublished: content.published })}</script>`,
      )}
<body><div class="header"><a href="https://${site.domain}/">${esc(site.name)}</a><ul class="menu">${nav(site)}</ul></div>
<div class="layout"><div class="main-column"><div class="article">
<h1>${esc(content.title)}</h1><div class="article-meta"><span class="date">${shownDate}</span></div>
<div class="article-text">
${paragraphs}
</div>
<div class="subscribe">Подписывайтесь на наш канал в Telegram, чтобы первыми узнавать главные новости.</div>
</div>
<div class="related"><h3>Новости партнёров</h3><ul>${sidebar(site)}</ul></div></div>
<div class="sidebar"><h3>Популярное</h3><ul>${sidebar(site)}</ul></div></div>
<div class="footer">${footer(content)}</div></body></html>`;
  }
}

function formatRuDate(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${pad(d.getUTCDate())}.${pad(d.getUTCMonth() + 1)}.${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

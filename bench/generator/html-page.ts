import type { GeneratedCandidate } from "./candidates.ts";
import type { Rng } from "./prng.ts";
import { createRng, seedOf } from "./prng.ts";
import type { Writer } from "./writer.ts";

/**
 * A median news page weighs about 100 KB of HTML: the article is a few KB, the rest is navigation,
 * teaser lists, inline styles and scripts (state blobs, analytics). That ratio is what extraction pays for.
 */
export const DEFAULT_PAGE_BYTES = 100_000;

export interface GeneratedPage {
  url: string;
  html: string;
  candidate: GeneratedCandidate;
}

/**
 * Teaser titles and leads for the chrome. Sites show the same teasers on many pages, so a shared pool is
 * realistic, and it keeps page generation at a millisecond instead of tens.
 */
export interface TeaserPool {
  titles: string[];
  leads: string[];
}

/** Teasers per pool: enough that a 100 KB page repeats few of them. */
const POOL_SIZE = 1000;

export function createTeaserPool(writer: Writer, seed: number): TeaserPool {
  const rng = createRng(seedOf(seed, "teasers"));
  const topic = () => writer.topic(rng);
  return {
    titles: Array.from({ length: POOL_SIZE }, () => writer.title(rng, topic())),
    leads: Array.from({ length: POOL_SIZE }, () => writer.sentence(rng, topic())),
  };
}

const SECTIONS = ["Политика", "Экономика", "Общество", "Происшествия", "Спорт", "Культура", "Наука", "Технологии", "Регионы", "Мнения", "Фото", "Видео"];

/** Wraps a candidate's text into a full news page: head, header, navigation, article, sidebars, footer, scripts. */
export function renderPage(candidate: GeneratedCandidate, pool: TeaserPool, seed: number, index: number, targetBytes = DEFAULT_PAGE_BYTES): GeneratedPage {
  const rng = createRng(seedOf(seed, "page", index));
  const { doc, truth, outlet } = candidate;
  const base = `https://${outlet.domain}`;
  const teaser = (i: number) => `<li class="teaser"><a href="${base}/news/${i}-${rng.int(1e6)}">${esc(rng.pick(pool.titles))}</a><span class="teaser__time">${10 + rng.int(14)}:${String(rng.int(60)).padStart(2, "0")}</span></li>`;

  const paragraphs = candidate.blocks.map((b) => `<p>${esc(b)}</p>`);
  if (truth.linkTo) {
    const rel = truth.nofollow ? ' rel="nofollow"' : "";
    const link = `<p>Источник: <a href="${esc(truth.linkTo)}"${rel}>Степной вестник</a></p>`;
    paragraphs.splice(rng.chance(0.5) ? paragraphs.length : 1, 0, link);
  }

  const head = [
    `<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8">`,
    `<title>${esc(doc.title)} — ${esc(outlet.name)}</title>`,
    `<meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<link rel="canonical" href="${esc(doc.url)}"><meta property="og:url" content="${esc(doc.url)}">`,
    `<meta property="og:title" content="${esc(doc.title)}"><meta property="article:published_time" content="${doc.published}">`,
    `<style>${css(rng)}</style>`,
    `<script type="application/ld+json">${JSON.stringify({ "@context": "https://schema.org", "@type": "NewsArticle", headline: doc.title, datePublished: doc.published })}</script>`,
    `</head><body class="page page--article">`,
  ].join("\n");

  const header = [
    `<header class="site-header"><div class="site-header__logo"><a href="${base}/">${esc(outlet.name)}</a></div>`,
    `<nav class="main-nav"><ul>${SECTIONS.map((s, i) => `<li><a href="${base}/section/${i}">${s}</a></li>`).join("")}</ul></nav>`,
    `<div class="site-header__search"><form action="${base}/search"><input name="q" placeholder="Поиск"></form></div></header>`,
    `<div class="ticker"><ul>${Array.from({ length: 8 }, (_, i) => teaser(i)).join("")}</ul></div>`,
  ].join("\n");

  const article = [
    `<div class="layout"><main class="layout__main">`,
    `<nav class="breadcrumbs"><a href="${base}/">Главная</a> / <a href="${base}/section/1">Экономика</a></nav>`,
    `<article class="article"><h1 class="article__title">${esc(doc.title)}</h1>`,
    `<div class="article__meta"><time datetime="${doc.published}">${doc.published?.slice(0, 10)}</time></div>`,
    `<div class="article__body">${paragraphs.join("\n")}</div>`,
    `<div class="share"><a href="https://t.me/share/url?url=${esc(doc.url)}">Telegram</a> <a href="https://vk.com/share.php?url=${esc(doc.url)}">ВКонтакте</a></div>`,
    `</article>`,
    `<section class="related"><h2>Читайте также</h2><ul>${Array.from({ length: 6 }, (_, i) => teaser(100 + i)).join("")}</ul></section>`,
    `<section class="comments"><h2>Комментарии</h2>${Array.from({ length: 3 }, () => `<div class="comment"><b>Гость</b><p>${esc(rng.pick(pool.leads))}</p></div>`).join("")}</section>`,
    `</main>`,
  ].join("\n");

  const footer = [
    `<footer class="site-footer"><ul>${SECTIONS.map((s, i) => `<li><a href="${base}/section/${i}">${s}</a></li>`).join("")}</ul>`,
    `<p>© ${esc(outlet.name)}. ${esc(outlet.notice)}</p></footer>`,
    `<script>${analytics(rng)}</script></body></html>`,
  ].join("\n");

  // The sidebar's teaser list and the page's state blob grow until the page reaches its weight.
  const sidebarItems: string[] = [];
  const feed: Array<{ id: number; title: string; lead: string }> = [];
  const build = () =>
    [
      head,
      `<script>window.__INITIAL_STATE__=${JSON.stringify({ feed }).replace(/</g, "\\u003c")};</script>`,
      header,
      article,
      `<aside class="layout__sidebar"><div class="popular"><h3>Популярное</h3><ul>${sidebarItems.join("")}</ul></div>`,
      `<noindex><div class="ad"><a href="https://ads-network.example/click?id=${rng.int(1e9)}" rel="nofollow">Реклама</a></div></noindex></aside></div>`,
      footer,
    ].join("\n");
  // Sizes are summed per item (a comma or nothing joins them), so the page is assembled only twice.
  let bytes = Buffer.byteLength(build());
  while (bytes < targetBytes) {
    if (rng.chance(0.35)) {
      const item = teaser(200 + sidebarItems.length);
      sidebarItems.push(item);
      bytes += Buffer.byteLength(item);
    } else {
      const item = { id: rng.int(1e9), title: rng.pick(pool.titles), lead: rng.pick(pool.leads) };
      feed.push(item);
      bytes += Buffer.byteLength(JSON.stringify(item)) + 1;
    }
  }
  const html = build();
  return { url: doc.url, html, candidate };
}

function css(rng: Rng): string {
  const rules: string[] = [];
  for (let i = 0; i < 120; i++) {
    rules.push(`.c${i}-${rng.int(1e4).toString(36)}{margin:${rng.int(24)}px ${rng.int(24)}px;color:#${rng.int(0xffffff).toString(16).padStart(6, "0")};display:${rng.pick(["block", "flex", "grid", "none"])}}`);
  }
  return rules.join("");
}

function analytics(rng: Rng): string {
  const calls: string[] = [];
  for (let i = 0; i < 60; i++) calls.push(`window.dataLayer.push({event:"view",slot:${i},id:"${rng.int(1e12).toString(36)}"});`);
  return `window.dataLayer=window.dataLayer||[];${calls.join("")}(function(){var s=document.createElement("script");s.async=true;s.src="https://web-counter.example/tag.js";document.head.appendChild(s);})();`;
}

function esc(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

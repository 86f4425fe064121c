import iconv from "iconv-lite";
import type { Random } from "./random.ts";
import { date, paragraph, paragraphs, sentence, url } from "./text.ts";

/** The kinds of input the loaders read, each generated with the hostile details real ones carry. */
export const KINDS = ["html", "rss", "atom", "sitemap", "jsonl", "text"] as const;
export type InputKind = (typeof KINDS)[number];

/** One generated input: the file name's extension tells the loaders what it claims to be. */
export interface GeneratedInput {
  kind: InputKind;
  extension: string;
  bytes: Uint8Array;
}

/** Charsets the inputs are written in; the label they carry is chosen separately, so it may lie. */
const CHARSETS = ["utf-8", "utf-8", "utf-8", "windows-1251", "koi8-r", "utf-16le"] as const;
const LABELS = ["utf-8", "UTF8", "windows-1251", "cp1251", "koi8-r", "utf-16", "no-such-charset", ""] as const;

const escapeXml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** Entities a page or feed may hold, valid and not. */
const ENTITIES = ["&amp;", "&nbsp;", "&#0;", "&#xD800;", "&#99999999;", "&bogus;", "&#x;", "&", "&#1114112;", "&laquo;"];

function entity(random: Random): string {
  return random.pick(ENTITIES);
}

function html(random: Random, label: string): string {
  const meta = label === "" ? "" : random.pick([`<meta charset="${label}">`, `<meta http-equiv="Content-Type" content="text/html; charset=${label}">`]);
  const canonical = random.chance(0.7) ? `<link rel="canonical" href="${escapeXml(url(random))}">` : "";
  const published = random.chance(0.6) ? `<meta property="article:published_time" content="${escapeXml(date(random))}">` : "";
  const body = paragraphs(random)
    .map((p) => (random.chance(0.2) ? `<p>${p} <a href="${escapeXml(url(random))}" rel="${random.pick(["nofollow", "", "ugc"])}">${sentence(random)}</a> ${entity(random)}</p>` : `<p>${p}</p>`))
    .join("\n");
  const nested = random.chance(0.1) ? `${"<div>".repeat(random.between(100, 5000))}${paragraph(random)}` : "";
  const attribute = random.chance(0.1) ? ` data-x="${"a".repeat(random.between(10_000, 300_000))}"` : "";
  return (
    `<!DOCTYPE html><html><head>${meta}<title>${sentence(random)}</title>${canonical}${published}</head>` +
    `<body${attribute}><header><nav><a href="/">Главная</a></nav></header><article><h1>${sentence(random)}</h1>\n${body}\n${nested}</article>` +
    `<footer>© ${random.int(3000)} ${entity(random)}</footer></body></html>`
  );
}

function item(random: Random, atom: boolean): string {
  const full = random.chance(0.5) ? paragraphs(random).map((p) => `<p>${p}</p>`).join("") : paragraph(random);
  const content = random.chance(0.5) ? `<![CDATA[${full}]]>` : escapeXml(full);
  const link = escapeXml(url(random));
  if (atom) {
    return `<entry><title>${escapeXml(sentence(random))}</title><link href="${link}"/><id>${link}</id><updated>${escapeXml(date(random))}</updated><content type="html">${content}</content></entry>`;
  }
  const body = random.pick([`<content:encoded>${content}</content:encoded>`, `<yandex:full-text>${escapeXml(full)}</yandex:full-text>`, `<description>${content}</description>`]);
  return `<item><title>${escapeXml(sentence(random))}</title><link>${link}</link><guid>${link}</guid><pubDate>${escapeXml(date(random))}</pubDate>${body}</item>`;
}

function declaration(label: string): string {
  return label === "" ? "" : `<?xml version="1.0" encoding="${label}"?>\n`;
}

function rss(random: Random, label: string): string {
  const items = Array.from({ length: random.between(0, 6) }, () => item(random, false)).join("\n");
  return (
    `${declaration(label)}<rss version="${random.pick(["2.0", "0.91", "1.0", ""])}" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:yandex="http://news.yandex.ru">` +
    `<channel><title>${escapeXml(sentence(random))} ${entity(random)}</title><link>${escapeXml(url(random))}</link>\n${items}\n</channel></rss>`
  );
}

function atom(random: Random, label: string): string {
  const entries = Array.from({ length: random.between(0, 6) }, () => item(random, true)).join("\n");
  return `${declaration(label)}<feed xmlns="http://www.w3.org/2005/Atom"><title>${escapeXml(sentence(random))}</title><link href="${escapeXml(url(random))}"/>\n${entries}\n</feed>`;
}

function sitemap(random: Random, label: string): string {
  const index = random.chance(0.3);
  const entries = Array.from({ length: random.between(0, 5) }, () => {
    const loc = `<loc>${escapeXml(url(random))}</loc>`;
    return index ? `<sitemap>${loc}</sitemap>` : `<url>${loc}<lastmod>${escapeXml(date(random))}</lastmod></url>`;
  }).join("\n");
  const root = index ? "sitemapindex" : "urlset";
  return `${declaration(label)}<${root} xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${entries}\n</${root}>`;
}

/** Field names archives use, ours and others', so the aliases and the wrong types are both exercised. */
const URL_KEYS = ["url", "link", "href"];
const DATE_KEYS = ["published", "date", "pubDate", "published_at", "publishedAt", "datePublished", "created_at"];
const TEXT_KEYS = ["text", "body", "content", "html"];

function jsonlLine(random: Random): string {
  const record: Record<string, unknown> = {};
  if (random.chance(0.9)) record[random.pick(URL_KEYS)] = random.chance(0.9) ? url(random) : random.pick([42, null, [], {}]);
  if (random.chance(0.8)) record.title = random.chance(0.95) ? sentence(random) : 7;
  if (random.chance(0.7)) record[random.pick(DATE_KEYS)] = random.chance(0.9) ? date(random) : random.int(2_000_000_000);
  const key = random.pick(TEXT_KEYS);
  if (random.chance(0.95)) record[key] = key === "html" ? html(random, "") : paragraphs(random).join("\n\n");
  const line = JSON.stringify(record);
  return random.pick([line, line, line, line, line.slice(0, random.int(line.length)), "[1,2]", "null", "\"text\"", "{}", ""]);
}

function jsonl(random: Random): string {
  return Array.from({ length: random.between(1, 12) }, () => jsonlLine(random)).join(random.pick(["\n", "\r\n"]));
}

function text(random: Random): string {
  return `${sentence(random).slice(0, -1)}\n\n${paragraphs(random).join("\n\n")}`;
}

/** Extensions each kind is saved under; a few lie about the content, as uploads and downloads do. */
const EXTENSIONS: Record<InputKind, readonly string[]> = {
  html: ["html", "htm", "html", "txt", "xml"],
  rss: ["rss", "xml", "xml", "html"],
  atom: ["atom", "xml"],
  sitemap: ["xml", "xml", "txt"],
  jsonl: ["jsonl", "jsonl", "json", "txt"],
  text: ["txt", "txt", "html", "md"],
};

/** A fresh input of the given kind, written in a charset that its label may or may not name, maybe with a BOM. */
export function generateInput(random: Random, kind: InputKind): GeneratedInput {
  const charset = kind === "jsonl" ? "utf-8" : random.pick(CHARSETS);
  const label = random.chance(0.6) ? (random.chance(0.7) ? charset : random.pick(LABELS)) : "";
  const content = {
    html: () => html(random, label),
    rss: () => rss(random, label),
    atom: () => atom(random, label),
    sitemap: () => sitemap(random, label),
    jsonl: () => jsonl(random),
    text: () => text(random),
  }[kind]();
  const bytes = iconv.encode(content, charset, { addBOM: random.chance(0.1) });
  return { kind, extension: random.pick(EXTENSIONS[kind]), bytes: new Uint8Array(bytes) };
}

/** JSON Lines of `count` well-formed, dated articles, for a database to check against. */
export function cleanArchive(random: Random, count: number): string {
  return Array.from({ length: count }, (_, i) =>
    JSON.stringify({ url: `https://fuzz-vestnik.example/seed/${i}`, title: sentence(random), published: "2024-01-15", text: paragraphs(random).join("\n\n") }),
  ).join("\n");
}

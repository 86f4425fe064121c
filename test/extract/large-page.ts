import { readFileSync } from "node:fs";
import path from "node:path";

const pagesDir = path.resolve(import.meta.dirname, "../fixtures/pages");

/**
 * A news page of about `targetKb` kilobytes built from our modern fixture the way real pages grow:
 * inline scripts and styles, a mega-menu, a longer article and a long "latest news" sidebar.
 * Roughly half the bytes are script and style, as on the news sites we target.
 */
export function largeNewsPage(targetKb = 100): string {
  const base = readFileSync(path.join(pagesDir, "modern-article.html"), "utf8");
  const paragraphs = (base.match(/<p>[\s\S]*?<\/p>/g) ?? []).join("\n");
  const sidebarItems = (base.match(/<li><a href="\/news\/2024[\s\S]*?<\/li>/g) ?? []).join("\n");
  const menu = (base.match(/<li><a href="\/(?:economy|society|sport|culture)\/[\s\S]*?<\/li>/g) ?? []).join("\n");
  const state = JSON.stringify(
    Array.from({ length: 120 }, (_, i) => ({ id: i, slug: `novost-${i}`, title: `Новость номер ${i} из ленты`, views: i * 37 })),
  );
  const css = Array.from({ length: 150 }, (_, i) => `.block-${i} { margin: ${i % 7}px; color: #${(i * 4321) % 999999}; }`).join("\n");
  let html = base
    .replace("</head>", `<style>${css}</style><script>window.__STATE__ = ${state};</script></head>`)
    .replace("</ul>\n    </nav>", `${menu.repeat(8)}</ul>\n    </nav>`)
    .replace("</article>", `${paragraphs.repeat(2)}</article>`);
  let sidebar = "";
  while (Buffer.byteLength(html) + Buffer.byteLength(sidebar) < targetKb * 1024) sidebar += sidebarItems;
  html = html.replace("</ul>\n  </aside>", `${sidebar}</ul>\n  </aside>`);
  return html;
}

import { existsSync, readFileSync } from "node:fs";
import { seedArticlePath } from "../paths.ts";

/** The seed article (`../shared/seed/article-ru.txt`): title on the first line, then the body. */
export interface SeedArticle {
  url: string;
  title: string;
  text: string;
}

/** The seed outlet's domain: the article is from Kapital.kz (its notice names it). */
export const SEED_URL = "https://kapital.kz/eval/seed-article";

export function readSeedArticle(): SeedArticle {
  if (!existsSync(seedArticlePath)) throw new Error(`seed article: ${seedArticlePath} does not exist`);
  const text = readFileSync(seedArticlePath, "utf8").replace(/\r\n/g, "\n").trim();
  const title = text.split("\n", 1)[0]!.trim();
  return { url: SEED_URL, title, text };
}

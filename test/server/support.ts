import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import type { AppStores } from "../../src/server/app-stores.ts";
import { openAppStores } from "../../src/server/app-stores.ts";
import { buildServer } from "../../src/server/app.ts";
import { ensureAdminKey } from "../../src/server/auth/admin-key.ts";
import { createFetcher } from "../../src/io/fetch/http-fetcher.ts";

/** The admin key every test server is started with. */
export const KEY = "test-admin-key-0123456789-abcdefghij";

export interface TestServer {
  url: string;
  app: FastifyInstance;
  stores: AppStores;
  dir: string;
  /** A request with the admin key; JSON bodies are encoded, JSON answers decoded. */
  call<T = unknown>(method: string, route: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; headers: Headers; body: T; text: string }>;
  close(): Promise<void>;
}

/**
 * A real server on a loopback port over a real SQLite file in a temporary directory. Its fetcher may reach
 * loopback (the tests' own page servers), without politeness delays or retries so the tests stay fast.
 */
export async function startTestServer(options: { webUi?: boolean } = {}): Promise<TestServer> {
  const dir = mkdtempSync(path.join(tmpdir(), "copyquota-server-"));
  const fetcher = createFetcher({ allowPrivate: true, perHostDelayMs: 0, retries: 0 });
  const stores = openAppStores(path.join(dir, "copyquota.db"), { fetcher });
  await ensureAdminKey(stores.auth, KEY);
  const app = await buildServer(stores, { webUi: options.webUi ?? false });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  return {
    url,
    app,
    stores,
    dir,
    async call(method, route, body, headers = {}) {
      const response = await fetch(`${url}${route}`, {
        method,
        headers: {
          authorization: `Bearer ${KEY}`,
          ...(body !== undefined ? { "content-type": "application/json" } : {}),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      const json = response.headers.get("content-type")?.includes("application/json") && text !== "" ? JSON.parse(text) : text;
      return { status: response.status, headers: response.headers, body: json, text };
    },
    async close() {
      await app.close();
      await fetcher.close();
      await stores.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A source article of our fictional outlet: lead, body, the outlet's notice and "read all" line. */
export const SOURCE = {
  url: "https://vestnik-delovoy.example/news/economy/2024/04/02/test-article",
  title: "Казахстан увеличит экспорт муки в страны Центральной Азии",
  published: "2024-04-02T10:00:00+05:00",
  paragraphs: [
    "Мукомольные предприятия Казахстана в первом квартале отгрузили на экспорт 610 тыс. тонн муки, что на 14% больше, чем годом ранее. Основными покупателями остаются Узбекистан, Таджикистан и Афганистан.",
    "По данным отраслевого союза зернопереработчиков, загрузка мельниц выросла до 68% благодаря льготным железнодорожным тарифам, которые действуют с января. Союз рассчитывает, что к концу года экспорт превысит 2,4 млн тонн.",
    "Вместе с тем участники рынка указывают на нехватку вагонов-хопперов в пиковые месяцы и просят увеличить квоты на перевозки через погранпереход Сарыагаш, где очереди достигают трех суток.",
    "Министерство сельского хозяйства планирует до лета утвердить программу субсидирования модернизации мельниц: компании смогут вернуть до 25% затрат на новое оборудование при условии роста экспорта.",
  ],
  notice: "При использовании материалов «Делового вестника» разрешается цитировать не более 30% текста с обязательной гиперссылкой на источник.",
};

export function sourceText(): string {
  return [...SOURCE.paragraphs, SOURCE.notice].join("\n\n");
}

/** A re-publisher's page reusing the given paragraphs, with a link to `linkTo` inside the article when given. */
export function candidatePage(paragraphs: readonly string[], linkTo?: string, rel?: string): string {
  const link = linkTo ? `<p>Источник: <a href="${linkTo}"${rel ? ` rel="${rel}"` : ""}>Деловой вестник</a></p>` : "";
  return `<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>Новости</title></head>
<body><header><nav><a href="/">Главная</a></nav></header><main><article><h1>Мука уходит на экспорт</h1>
${paragraphs.map((p) => `<p>${p}</p>`).join("\n")}
${link}
<p>Редакция продолжит следить за развитием событий на рынке зерна и муки.</p>
</article></main><footer>© Новости дня</footer></body></html>`;
}

/** Adds the fixture article (`SOURCE`) as a source through the API, as most API tests start. */
export async function addSourceArticle(server: TestServer): Promise<void> {
  const added = await server.call("POST", "/api/sources", { url: SOURCE.url, title: SOURCE.title, text: sourceText(), published: SOURCE.published });
  if (added.status !== 201) throw new Error(`adding the fixture source answered ${added.status}: ${added.text}`);
}

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "./support.ts";

/** Issue 14, item 8: `total` of a search was the count of all sources, not of those it found. */
describe("GET /api/sources?q=", () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
    const texts = [
      ["https://kapital.kz/economic/1", "Экспорт зерна вырос", "Экспорт зерна вырос на 14% за квартал."],
      ["https://kapital.kz/economic/2", "Экспорт муки вырос", "Экспорт муки вырос до 610 тысяч тонн."],
      ["https://kapital.kz/finance/3", "Нацбанк сохранил ставку", "Нацбанк сохранил базовую ставку на уровне 14,75%."],
    ];
    for (const [url, title, text] of texts) expect((await server.call("POST", "/api/sources", { url, title, text })).status).toBe(201);
  });
  afterAll(() => server.close());

  it("counts in total the sources the search finds, over all pages of the answer", async () => {
    const page = await server.call<{ total: number; hasMore: boolean; items: { url: string }[] }>("GET", "/api/sources?q=%D0%AD%D0%BA%D1%81%D0%BF%D0%BE%D1%80%D1%82&limit=1");
    expect(page.status, page.text).toBe(200);
    expect(page.body).toMatchObject({ total: 2, hasMore: true });
    expect(page.body.items).toHaveLength(1);
    expect((await server.call<{ total: number }>("GET", "/api/sources?q=finance")).body.total).toBe(1);
    expect((await server.call<{ total: number }>("GET", "/api/sources?q=nowhere")).body.total).toBe(0);
  });

  it("counts every source without a search", async () => {
    expect((await server.call<{ total: number }>("GET", "/api/sources?limit=1")).body).toMatchObject({ total: 3, hasMore: true });
  });
});

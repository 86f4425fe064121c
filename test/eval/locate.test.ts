import { describe, expect, it } from "vitest";
import { locate } from "../../eval/locate.ts";

describe("locate", () => {
  const page = "Меню сайта\n\nКапитан  вернулся в порт «Северный» — спустя три\u00a0года.[1] Экипаж был здоров.";
  it("finds a sentence despite case, quotes, dashes and whitespace", () => {
    const found = locate(page, 'капитан вернулся в порт "Северный" - спустя три года.');
    expect(found?.how).toBe("exact");
    expect(page.slice(found!.start, found!.end)).toBe("Капитан  вернулся в порт «Северный» — спустя три\u00a0года.");
  });
  it("falls back to the best word window when the copy differs", () => {
    const found = locate(page, "Капитан вернулся в порт Северный спустя три года. Экипаж был");
    expect(found?.how).toBe("fuzzy");
    expect(page.slice(found!.start, found!.end)).toBe("Капитан  вернулся в порт «Северный» — спустя три\u00a0года.[1] Экипаж был");
  });
  it("gives up when too few words are there", () => {
    expect(locate(page, "Совсем другое предложение о погоде и урожае")).toBeNull();
  });
});

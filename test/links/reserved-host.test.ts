import { describe, expect, it } from "vitest";
import { isNeverResolvable } from "../../src/core/links/reserved-host.ts";

describe("isNeverResolvable", () => {
  it("is true under .example and .invalid only", () => {
    for (const url of ["https://novosti-dnya.example/news/1", "http://EXAMPLE./", "https://a.b.invalid/x"]) expect(isNeverResolvable(url), url).toBe(true);
    for (const url of ["https://example.com/", "https://kapital.kz/example", "https://my.test/", "http://localhost/", "https://examples.kz/", "not a url"]) expect(isNeverResolvable(url), url).toBe(false);
  });
});

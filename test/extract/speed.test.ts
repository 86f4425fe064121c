import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { extractPage } from "../../src/core/extract/html.ts";
import { largeNewsPage } from "./large-page.ts";

/**
 * Extraction runs once per page fetched and must stay well below network time: the target is about 15 ms
 * per 100 KB page on one core, of which linkedom's parse alone takes a third to a half. Test runs share the
 * machine's two cores with other test files, so absolute times are only printed; what is asserted is cost
 * relative to a bare linkedom parse of the same page measured alongside, which catches our own code growing
 * expensive (a second parse, a selector query per link, super-linear work) whatever the machine's load.
 */
const MAX_TIMES_A_PARSE = 8;

function msPerRun(runs: number, work: () => void): number {
  const start = performance.now();
  for (let i = 0; i < runs; i++) work();
  return (performance.now() - start) / runs;
}

describe("extractPage speed", () => {
  it("costs a small multiple of parsing the page, and grows linearly with the page", () => {
    const page = largeNewsPage(100);
    const bigPage = largeNewsPage(400);
    const extract = (html: string) => () => extractPage(html, "https://priozersk-vesti.example/news/1");
    msPerRun(3, extract(page)); // warm the JIT
    const parse = msPerRun(5, () => parseHTML(page));
    const perPage = msPerRun(5, extract(page));
    const perBigPage = msPerRun(2, extract(bigPage));
    console.log(
      `extractPage: ${perPage.toFixed(1)} ms per 100 KB page (linkedom parse ${parse.toFixed(1)} ms), ` +
        `${perBigPage.toFixed(1)} ms per 400 KB page`,
    );
    expect(perPage).toBeLessThan(parse * MAX_TIMES_A_PARSE);
    // Four times the bytes must cost well under sixteen times the time.
    expect(perBigPage).toBeLessThan(perPage * 8);
  });
});

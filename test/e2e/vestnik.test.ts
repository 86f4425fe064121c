import path from "node:path";
import { readFileSync } from "node:fs";
import { describe } from "vitest";
import { REPO } from "./support.ts";
import { defineScenarios } from "./scenarios.ts";

const FIXTURES = path.join(REPO, "test/fixtures/articles");
const manifest = JSON.parse(readFileSync(path.join(FIXTURES, "manifest.json"), "utf8")) as {
  documents: { file: string; url: string; published: string; role: string }[];
};
const doc = (role: string) => manifest.documents.find((d) => d.role === role)!;
const text = (file: string) => readFileSync(path.join(FIXTURES, file), "utf8");

describe("issue 2 scenarios on our fictional article (Деловой вестник)", () => {
  defineScenarios(() => {
    const main = doc("source");
    const ref = doc("reference");
    return {
      article: { name: "vestnik", url: main.url, published: main.published, text: text(main.file) },
      reference: { url: ref.url, published: ref.published, text: text(ref.file) },
      unrelated: text(doc("unrelated").file),
    };
  });
});

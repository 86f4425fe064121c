import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { CheckResult, ReuseCap } from "../../src/core/types.ts";
import { documents } from "../../src/server/schemas/documents.ts";
import { addSourceArticle, candidatePage, SOURCE, startTestServer } from "./support.ts";
import type { TestServer } from "./support.ts";

type JsonSchema = { [key: string]: unknown };

interface OpenApiDocument {
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: JsonSchema }> }> }>>;
  components: { schemas: Record<string, JsonSchema> };
}

/** A press release the candidate also quotes: its paragraph is reused text the check excludes. */
const RELEASE = {
  url: "https://gov.example/press/muka",
  published: "2024-04-01T09:00:00+05:00",
  text: `Министерство сообщает о росте экспорта.\n\n${SOURCE.paragraphs[3]}`,
};

let server: TestServer;
let doc: OpenApiDocument;
let answer: { status: number; body: CheckResult };

beforeAll(async () => {
  server = await startTestServer();
  await addSourceArticle(server);
  const release = await server.call("POST", "/api/sources", { ...RELEASE, title: "Пресс-релиз", reference: true });
  if (release.status !== 201) throw new Error(`adding the press release answered ${release.status}: ${release.text}`);
  doc = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as OpenApiDocument;
  answer = await server.call<CheckResult>("POST", "/api/check", { url: "https://novosti-dnya.example/news/muka", html: candidatePage(SOURCE.paragraphs) });
});

afterAll(async () => {
  await server.close();
});

/** A schema of the document with every `$ref` to a component replaced by the component, so it stands alone. */
function standalone(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(standalone);
  if (schema === null || typeof schema !== "object") return schema;
  const ref = (schema as { $ref?: unknown }).$ref;
  if (typeof ref === "string") {
    const name = ref.replace("#/components/schemas/", "");
    const component = doc.components.schemas[name];
    if (component === undefined) throw new Error(`the document refers to ${ref}, which it does not define`);
    return standalone(component);
  }
  return Object.fromEntries(Object.entries(schema).map(([key, value]) => [key, standalone(value)]));
}

/** What the document says `POST /api/check` answers with 200, as a validator. */
function documentedCheckResult(): z.ZodType {
  const schema = doc.paths["/api/check"]!.post!.responses["200"]!.content!["application/json"]!.schema;
  return z.fromJSONSchema(standalone(schema) as JsonSchema, { defaultTarget: "openapi-3.0" });
}

describe("the OpenAPI document and the check result", () => {
  it("documents each match's excluded text, its length and the cap it was judged against, all required", () => {
    const match = (standalone(doc.components.schemas.CheckResult) as { properties: { matches: { items: JsonSchema } } }).properties.matches.items;
    const properties = match.properties as Record<string, JsonSchema>;
    expect(match.required).toEqual(expect.arrayContaining(["excluded", "excludedChars", "cap"]));
    expect(properties.excludedChars).toMatchObject({ type: "integer" });
    expect(properties.excluded).toMatchObject({ type: "array", items: { properties: { reason: { enum: ["reference", "quotation"] } } } });
    expect(properties.cap).toMatchObject({ type: "object", nullable: true, required: ["maxShare", "maxChars"] });
  });

  it("a real answer of POST /api/check validates against the document, with text excluded and the policy's cap", () => {
    expect(answer.status).toBe(200);
    const own = answer.body.matches.find((m) => m.source.url === SOURCE.url)!;
    expect(own.excluded).toEqual([expect.objectContaining({ reason: "reference", referenceUrl: RELEASE.url })]);
    expect(own.excludedChars).toBeGreaterThan(0);
    expect(own.cap).toEqual({ maxShare: 0.3, maxChars: null });
    expect(answer.body.matches.find((m) => m.source.url === RELEASE.url)!.cap).toBeNull();
    const validation = documentedCheckResult().safeParse(answer.body);
    expect(validation.error?.issues ?? []).toEqual([]);
  });

  it("an answer missing the cap or with a malformed exclusion does not validate: the check above can fail", () => {
    const validator = documentedCheckResult();
    const withoutCap = structuredClone(answer.body) as unknown as { matches: Record<string, unknown>[] };
    delete withoutCap.matches[0]!.cap;
    expect(validator.safeParse(withoutCap).success).toBe(false);
    const badReason = structuredClone(answer.body);
    badReason.matches[0]!.excluded = [{ ...badReason.matches[0]!.excluded[0]!, reason: "quoted" as "quotation" }];
    expect(validator.safeParse(badReason).success).toBe(false);
  });
});

// The guard of `documents`: each call below must fail `npm run typecheck`. Were the guard to let such drift
// through, the `@ts-expect-error` above it would be unused, and that fails the type check instead.
// @ts-expect-error a field of the domain type is missing from the schema
documents<ReuseCap>()(z.looseObject({ maxShare: z.number() }));
// @ts-expect-error the schema has a field the domain type lacks, even an optional one
documents<ReuseCap>()(z.looseObject({ maxShare: z.number(), maxChars: z.number().nullable(), perDomain: z.boolean().optional() }));
// @ts-expect-error the schema makes optional what the domain type requires
documents<ReuseCap>()(z.looseObject({ maxShare: z.number(), maxChars: z.number().nullable().optional() }));
// @ts-expect-error a nested field is missing: the cap's character limit
documents<{ cap: ReuseCap | null }>()(z.looseObject({ cap: z.looseObject({ maxShare: z.number() }).nullable() }));

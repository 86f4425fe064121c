import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadPolicyFile } from "../../src/io/policy-file.ts";
import { PolicyError } from "../../src/core/policy/schema.ts";

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "copyquota-policy-"));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function policyFile(name: string, content: string): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, content, "utf8");
  return file;
}

describe("loadPolicyFile", () => {
  it("reads and validates a policy file", async () => {
    const file = await policyFile("ok.json", JSON.stringify({ maxShare: "20%", link: { indexable: true }, licenses: [{ domain: "partner.kz", lifts: ["cap", "link"] }] }));
    const policy = await loadPolicyFile(file);
    expect(policy.maxShare).toBe(0.2);
    expect(policy.link).toEqual({ required: true, target: "article", indexable: true });
    expect(policy.licenses).toEqual([{ domain: "partner.kz", from: null, until: null, articles: [], lifts: ["cap", "link"] }]);
  });

  it("accepts a UTF-8 byte-order mark", async () => {
    const file = await policyFile("bom.json", '\uFEFF{ "maxChars": 1000 }');
    expect((await loadPolicyFile(file)).maxChars).toBe(1000);
  });

  it("names the file and the field of a schema error", async () => {
    const file = await policyFile("bad.json", JSON.stringify({ maxShare: 30 }));
    await expect(loadPolicyFile(file)).rejects.toThrow(`${file}: maxShare: must be between 0 and 1 (got 30)`);
  });

  it("names the file when it is not JSON", async () => {
    const file = await policyFile("broken.json", '{ "maxShare": 0.3, }');
    const error = await loadPolicyFile(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PolicyError);
    expect((error as Error).message).toMatch(new RegExp(`^${escape(file)}: not valid JSON: `));
  });

  it("names the file when it cannot be read", async () => {
    const file = path.join(dir, "missing.json");
    await expect(loadPolicyFile(file)).rejects.toThrow(`${file}: cannot read the policy file (ENOENT)`);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

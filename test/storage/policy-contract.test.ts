import { describe, expect, it } from "vitest";
import type { PolicyRules, PolicyStore } from "../../src/cases/policy-store.ts";
import { rulesOf } from "../../src/cases/policy-store.ts";
import { SqlitePolicyStore } from "../../src/cases/sqlite-policy-store.ts";
import { PostgresPolicyStore } from "../../src/cases/postgres-policy-store.ts";
import { SETTINGS_TABLES } from "../../src/io/storage/postgres-tables/settings.ts";
import { DEFAULT_POLICY } from "../../src/core/policy/schema.ts";
import { storeBackends } from "./store-backends.ts";

const backends = storeBackends<PolicyStore>("policy", {
  sqlite: (db) => new SqlitePolicyStore(db),
  postgres: (db) => new PostgresPolicyStore(db),
  tables: SETTINGS_TABLES,
});

const defaults = rulesOf(DEFAULT_POLICY);
const strict: PolicyRules = { ...defaults, maxShare: 0.1, maxChars: 1500, link: { required: true, target: "article", indexable: true }, publisherDomains: ["old-gorportal.example"] };

describe.each(backends.map((b) => [b.name, b] as const))("%s policy: the same semantics", (_name, backend) => {
  it("has no rules until some are stored, then the last rules stored", async () => {
    const store = (await backend.database()).connect();
    expect(await store.get()).toBeNull();
    await store.put(strict);
    expect(await store.get()).toEqual(strict);
    await store.put(defaults);
    expect(await store.get()).toEqual(defaults);
  });

  it("gives rules stored before a field existed that field's default", async () => {
    const store = (await backend.database()).connect();
    const older = Object.fromEntries(Object.entries(strict).filter(([field]) => field !== "fixDeadlineDays" && field !== "minPassageChars"));
    await store.put(older as PolicyRules);
    expect(await store.get()).toEqual({ ...strict, fixDeadlineDays: defaults.fixDeadlineDays, minPassageChars: defaults.minPassageChars });
  });

  it("shows rules stored through one server to another, and keeps one whole set when two store at once", async () => {
    const database = await backend.database();
    const [a, b] = [database.connect(), database.connect()];
    const variants = (server: number) => Array.from({ length: 20 }, (_, n): PolicyRules => ({ ...strict, maxChars: 1000 * server + n, fixDeadlineDays: server }));
    // Both servers store the first rules of the database at the same moment, then keep replacing them.
    await Promise.all([Promise.all(variants(1).map((rules) => a.put(rules))), Promise.all(variants(2).map((rules) => b.put(rules)))]);
    const stored = (await a.get())!;
    expect([...variants(1), ...variants(2)]).toContainEqual(stored);
    expect(await b.get()).toEqual(stored);
  });
});

import { describe, expect, it } from "vitest";
import type { License } from "../../src/core/policy/policy.ts";
import type { LicenseStore } from "../../src/cases/license-store.ts";
import { SqliteLicenseStore } from "../../src/cases/sqlite-license-store.ts";
import { PostgresLicenseStore } from "../../src/cases/postgres-license-store.ts";
import { LICENSE_TABLES } from "../../src/io/storage/postgres-tables/licenses.ts";
import { storableText } from "../../src/io/storage/postgres-text.ts";
import { storeBackends } from "./store-backends.ts";

const backends = storeBackends<LicenseStore>("licenses", {
  sqlite: (db) => new SqliteLicenseStore(db),
  postgres: (db) => new PostgresLicenseStore(db),
  tables: LICENSE_TABLES,
});

const license = (domain: string, terms: Partial<License> = {}): License => ({ domain, from: null, until: null, articles: [], lifts: ["cap", "link"], ...terms });

/** An id no row can have on either database: past PostgreSQL's int4, where SQLite's ids go on. */
const FAR_ID = 2 ** 40;

describe.each(backends.map((b) => [b.name, b] as const))("%s licenses: the same semantics", (_name, backend) => {
  it("gives a license back as it was granted, and lists them by domain (bytewise), then by id", async () => {
    const store = (await backend.database()).connect();
    const terms = license("zarechye.example", { from: "2025-01-01", until: "2025-12-31", articles: ["https://gorportal.example/economy/", "https://gorportal.example/city/"], lifts: ["cap"] });
    const zarechye = await store.add(terms, "Договор № 14 — «Заречье»");
    expect(zarechye).toEqual({ ...terms, id: zarechye.id, note: "Договор № 14 — «Заречье»", createdAt: zarechye.createdAt, updatedAt: zarechye.createdAt });
    expect(new Date(zarechye.createdAt).toISOString()).toBe(zarechye.createdAt);
    const [second, upper, idn] = [
      await store.add(license("zarechye.example", { lifts: ["link"] }), ""),
      await store.add(license("Zarechye.example"), "upper case sorts first in byte order"),
      await store.add(license("xn--80aswg.example"), ""),
    ];
    expect(await store.get(zarechye.id)).toEqual(zarechye);
    expect((await store.list()).map((l) => l.id)).toEqual([upper.id, idn.id, zarechye.id, second.id]);
    expect(await store.get(second.id + 100)).toBeNull();
    expect(await store.get(FAR_ID)).toBeNull();
  });

  it("replaces a license's terms and note under its id, keeping when it was granted", async () => {
    const store = (await backend.database()).connect();
    const granted = await store.add(license("zarechye.example"), "первый договор");
    const other = await store.add(license("gorportal.example"), "");
    const terms = license("zarechye.example", { until: "2026-06-30", articles: ["https://gorportal.example/sport/"], lifts: ["link"] });
    const updated = (await store.update(granted.id, terms, "продлён"))!;
    expect(updated).toEqual({ ...terms, id: granted.id, note: "продлён", createdAt: granted.createdAt, updatedAt: updated.updatedAt });
    expect(updated.updatedAt >= granted.updatedAt).toBe(true);
    expect(await store.get(granted.id)).toEqual(updated);
    expect(await store.get(other.id)).toEqual(other);
    expect(await store.update(other.id + 100, terms, "")).toBeNull();
    expect(await store.update(FAR_ID, terms, "")).toBeNull();
    expect(await store.list()).toHaveLength(2);
  });

  it("withdraws a license once, leaving the others", async () => {
    const store = (await backend.database()).connect();
    const [a, b] = [await store.add(license("a.example"), ""), await store.add(license("b.example"), "")];
    expect(await store.remove(a.id)).toBe(true);
    expect(await store.remove(a.id)).toBe(false);
    expect(await store.remove(FAR_ID)).toBe(false);
    expect(await store.get(a.id)).toBeNull();
    expect(await store.list()).toEqual([b]);
  });

  it("keeps a note with a NUL character (PostgreSQL's text cannot hold one: it becomes U+FFFD)", async () => {
    const store = (await backend.database()).connect();
    const note = "договор\u0000№ 7";
    const { id } = await store.add(license("a.example"), note);
    expect([note, storableText(note)]).toContain((await store.get(id))!.note);
  });

  it("gives licenses granted at once through two servers distinct ids, and keeps every one", async () => {
    const database = await backend.database();
    const [a, b] = [database.connect(), database.connect()];
    const grant = (store: LicenseStore, server: string) =>
      Promise.all(Array.from({ length: 20 }, (_, n) => store.add(license(`partner-${n}.example`), `${server} ${n}`)));
    const [fromA, fromB] = await Promise.all([grant(a, "a"), grant(b, "b")]);
    const ids = [...fromA, ...fromB].map((l) => l.id);
    expect(new Set(ids).size).toBe(40);
    const listed = await b.list();
    expect(listed.map((l) => l.id).sort((x, y) => x - y)).toEqual(ids.sort((x, y) => x - y));
    expect(listed.filter((l) => l.domain === "partner-3.example").map((l) => l.note).sort()).toEqual(["a 3", "b 3"]);
  });
});

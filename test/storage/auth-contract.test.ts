import { describe, expect, it } from "vitest";
import type { AuthStore } from "../../src/server/auth/auth-store.ts";
import type { Role } from "../../src/server/auth/role.ts";
import { SqliteAuthStore } from "../../src/server/auth/sqlite-auth-store.ts";
import { PostgresAuthStore } from "../../src/server/auth/postgres-auth-store.ts";
import { AUTH_TABLES } from "../../src/io/storage/postgres-tables/auth.ts";
import { KeyVerifier } from "../../src/server/auth/key-verifier.ts";
import { hashSecret, isLegacyKeyHash } from "../../src/server/auth/secrets.ts";
import { storeBackends } from "./store-backends.ts";

const backends = storeBackends<AuthStore>("auth", {
  sqlite: (db) => new SqliteAuthStore(db),
  postgres: (db) => new PostgresAuthStore(db),
  tables: AUTH_TABLES,
});

/** Stands for a stored hash: the store keeps whatever it is given, and scrypt is slow. */
const hashOf = (label: string) => `scrypt$${Buffer.from(label).toString("base64")}$x`;
const key = (label: string, role: Role = "editor", keyId: string | null = `id-${label}`) => ({ keyId, keyHash: hashOf(label), role });

const NOW = "2026-03-01T10:00:00.000Z";
const LATER = "2026-03-01T22:00:00.000Z";
const TOMORROW = "2026-03-02T10:00:00.000Z";
/** An id no row can have on either database: past PostgreSQL's int4, where SQLite's ids go on. */
const FAR_ID = 2 ** 40;

describe.each(backends.map((b) => [b.name, b] as const))("%s API keys and sessions: the same semantics", (_name, backend) => {
  it("stores keys by holder, finds them by public id or among those without one, and never lists a hash", async () => {
    const store = (await backend.database()).connect();
    expect(await store.countKeys()).toBe(0);
    const admin = await store.putKey("admin", key("admin", "admin", null));
    const dana = await store.putKey("lawyer.dana", key("dana", "reader"));
    const bot = await store.putKey("монитор-бот", key("bot"));
    expect(admin).toEqual({ id: admin.id, name: "admin", role: "admin", createdAt: admin.createdAt });
    expect(new Date(admin.createdAt).toISOString()).toBe(admin.createdAt);
    expect(await store.countKeys()).toBe(3);
    expect(await store.keysById("id-dana")).toEqual([{ ...dana, keyId: "id-dana", keyHash: hashOf("dana") }]);
    expect(await store.keysById("id-nobody")).toEqual([]);
    expect(await store.keysById(null)).toEqual([{ ...admin, keyId: null, keyHash: hashOf("admin") }]);
    expect(await store.storedKey(bot.id)).toEqual({ ...bot, keyId: "id-bot", keyHash: hashOf("bot") });
    expect(await store.storedKey(bot.id + 100)).toBeNull();
    expect(await store.storedKey(FAR_ID)).toBeNull();
    expect(await store.listKeys()).toEqual([admin, dana, bot]);
  });

  it("replaces a holder's key with a new one, whose id is new and whose holder's sessions are gone", async () => {
    const store = (await backend.database()).connect();
    const old = await store.putKey("lawyer.dana", key("old", "reader"));
    const other = await store.putKey("editor.ivan", key("ivan"));
    await store.createSession("dana-session", { keyId: old.id, csrfToken: "c1", expiresAt: TOMORROW });
    await store.createSession("ivan-session", { keyId: other.id, csrfToken: "c2", expiresAt: TOMORROW });
    const renewed = await store.putKey("lawyer.dana", key("new", "editor"));
    expect(renewed.id).not.toBe(old.id);
    expect(renewed).toMatchObject({ name: "lawyer.dana", role: "editor" });
    expect(await store.storedKey(old.id)).toBeNull();
    expect(await store.keysById("id-old")).toEqual([]);
    expect(await store.findSession("dana-session", NOW)).toBeNull();
    expect(await store.findSession("ivan-session", NOW)).toMatchObject({ keyId: other.id });
    expect(await store.countKeys()).toBe(2);
  });

  it("keeps a holder's key and sessions when the key replacing it is refused", async () => {
    const store = (await backend.database()).connect();
    const held = await store.putKey("lawyer.dana", key("held", "reader"));
    await store.createSession("dana-session", { keyId: held.id, csrfToken: "c1", expiresAt: TOMORROW });
    await expect(store.putKey("lawyer.dana", { ...key("bad"), role: "owner" as Role })).rejects.toThrow(/role|check/i);
    // A hash another holder already has is refused too (unique), after the holder's key was deleted in the same transaction.
    await store.putKey("editor.ivan", key("ivan"));
    await expect(store.putKey("lawyer.dana", { ...key("copy"), keyHash: hashOf("ivan") })).rejects.toThrow();
    expect(await store.listKeys()).toEqual([held, expect.objectContaining({ name: "editor.ivan" })]);
    expect(await store.findSession("dana-session", NOW)).toMatchObject({ keyId: held.id, name: "lawyer.dana" });
  });

  it("finds a session until it expires, forgets it on logout, and sweeps the expired ones", async () => {
    const store = (await backend.database()).connect();
    const dana = await store.putKey("lawyer.dana", key("dana", "reader"));
    await store.createSession("a", { keyId: dana.id, csrfToken: "csrf-a", expiresAt: LATER });
    await store.createSession("b", { keyId: dana.id, csrfToken: "csrf-b", expiresAt: TOMORROW });
    await store.createSession("c", { keyId: dana.id, csrfToken: "csrf-c", expiresAt: TOMORROW });
    expect(await store.findSession("a", NOW)).toEqual({ keyId: dana.id, name: "lawyer.dana", role: "reader", csrfToken: "csrf-a", expiresAt: LATER });
    expect(await store.findSession("a", LATER)).toBeNull();
    expect(await store.findSession("nope", NOW)).toBeNull();
    await store.deleteSession("c");
    expect(await store.findSession("c", NOW)).toBeNull();
    expect(await store.deleteExpiredSessions(LATER)).toBe(1);
    expect(await store.deleteExpiredSessions(LATER)).toBe(0);
    expect(await store.findSession("b", LATER)).toMatchObject({ csrfToken: "csrf-b" });
    await expect(store.createSession("orphan", { keyId: dana.id + 100, csrfToken: "x", expiresAt: TOMORROW })).rejects.toThrow();
    expect(await store.removeKey(dana.id)).toBe(true);
    expect(await store.removeKey(dana.id)).toBe(false);
    expect(await store.removeKey(FAR_ID)).toBe(false);
    expect(await store.findSession("b", NOW)).toBeNull();
  });

  it("re-stores a key kept before salting when it is next used, for every server", async () => {
    const database = await backend.database();
    const [a, b] = [database.connect(), database.connect()];
    // Keys of before salting are chosen ones (no public id), like COPYQUOTA_API_KEY.
    const secret = "the-editors-chosen-key-of-before-salting";
    const { id } = await a.putKey("editor.ivan", { keyId: null, keyHash: hashSecret(secret), role: "editor" });
    const holder = (await new KeyVerifier(a).holder(secret))!;
    expect(holder).toMatchObject({ id, name: "editor.ivan" });
    expect(isLegacyKeyHash(holder.keyHash)).toBe(false);
    expect(await b.storedKey(id)).toMatchObject({ keyHash: holder.keyHash });
    expect(await new KeyVerifier(b).holder(secret)).toMatchObject({ id, keyHash: holder.keyHash });
    expect(await new KeyVerifier(b).holder(`${secret}x`)).toBeNull();
    await a.rehashKey(FAR_ID, "ignored");
  });

  it("serves a session opened through one server from another, and ends it there for both", async () => {
    const database = await backend.database();
    const [a, b] = [database.connect(), database.connect()];
    const dana = await a.putKey("lawyer.dana", key("dana", "reader"));
    await a.createSession("token", { keyId: dana.id, csrfToken: "csrf", expiresAt: TOMORROW });
    expect(await b.findSession("token", NOW)).toEqual({ keyId: dana.id, name: "lawyer.dana", role: "reader", csrfToken: "csrf", expiresAt: TOMORROW });
    await b.deleteSession("token");
    expect(await a.findSession("token", NOW)).toBeNull();
    expect(await b.listKeys()).toEqual([dana]);
  });

  it("leaves one key when two servers put the same holder's key at once", async () => {
    const database = await backend.database();
    const [a, b] = [database.connect(), database.connect()];
    for (let round = 0; round < 10; round++) {
      const [fromA, fromB] = await Promise.all([
        Promise.all([a.putKey("lawyer.dana", key(`a${round}`)), a.putKey("editor.ivan", key(`ia${round}`))]),
        Promise.all([b.putKey("lawyer.dana", key(`b${round}`)), b.putKey("editor.ivan", key(`ib${round}`))]),
      ]);
      const keys = await a.listKeys();
      expect(keys.map((k) => k.name).sort()).toEqual(["editor.ivan", "lawyer.dana"]);
      expect([fromA[0].id, fromB[0].id]).toContain(keys.find((k) => k.name === "lawyer.dana")!.id);
      expect([fromA[1].id, fromB[1].id]).toContain(keys.find((k) => k.name === "editor.ivan")!.id);
    }
    expect(await b.countKeys()).toBe(2);
  });
});

import Database from "better-sqlite3";
import Fastify from "fastify";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerAuthentication } from "../../src/server/auth/authenticate.ts";
import { AllowedHosts } from "../../src/server/auth/allowed-hosts.ts";
import { FailedAttempts } from "../../src/server/auth/failed-attempts.ts";
import { KeyVerifier } from "../../src/server/auth/key-verifier.ts";
import { hashSecret } from "../../src/server/auth/secrets.ts";
import { openAppStores } from "../../src/server/app-stores.ts";
import { ROUTE_ACCESS } from "../../src/server/auth/route-access.ts";
import { addSourceArticle, KEY, sourceText, startTestServer } from "./support.ts";
import type { TestServer } from "./support.ts";
import { rawRequest } from "./raw-http.ts";

let server: TestServer;
let port: number;

beforeAll(async () => {
  server = await startTestServer();
  port = Number(new URL(server.url).port);
  await addSourceArticle(server);
});

afterAll(async () => {
  await server.close();
});

interface Operation {
  method: string;
  path: string;
  /** A concrete URL of the route: parameters filled in. */
  target: string;
}

async function operations(): Promise<Operation[]> {
  const doc = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(doc.paths).flatMap(([route, methods]) =>
    Object.keys(methods).map((method) => ({
      method: method.toUpperCase(),
      path: route,
      target: route.replace("{id}", "1").replace("{sha256}", "a".repeat(64)),
    })),
  );
}

/** Other spellings of a target that a router might serve as the same route; each must be refused (400). */
function spellings(target: string): Record<string, string> {
  const rest = target.slice("/api/".length);
  return {
    "percent-encoded first letter": `/%61pi/${rest}`,
    "percent-encoded letter later": `/api/%${rest.charCodeAt(0).toString(16)}${rest.slice(1)}`,
    "absolute form": `http://127.0.0.1:${port}${target}`,
    "absolute form, other host": `http://localhost${target}`,
    "leading double slash": `/${target}`,
    "empty segment": `/api//${rest}`,
    "dot segment": `/api/./${rest}`,
    "dot-dot segment": `/api/x/../${rest}`,
    "encoded slash": `/api%2F${rest}`,
    "encoded dot segment": `/api/%2e/${rest}`,
    backslash: `/api\\${rest}`,
  };
}

describe("the key check cannot be skipped by spelling a path differently", () => {
  it("every route in the OpenAPI document has an access rule, and every API rule a route", async () => {
    const ops = await operations();
    expect(ops.length).toBeGreaterThan(30);
    const documented = new Set(ops.map((op) => `${op.method} ${op.path.replace(/\{(\w+)\}/g, ":$1")}`));
    for (const op of documented) expect(ROUTE_ACCESS, op).toHaveProperty([op]);
    for (const rule of Object.keys(ROUTE_ACCESS)) if (rule !== "GET /api/openapi.json") expect(documented, rule).toContain(rule);
  });

  it("answers every non-public route without a key with 401, and every other spelling with 400, whatever the method", async () => {
    const policyBefore = await server.call("GET", "/api/policy");
    for (const op of await operations()) {
      const access = ROUTE_ACCESS[`${op.method} ${op.path.replace(/\{(\w+)\}/g, ":$1")}`];
      const body = op.method === "GET" || op.method === "DELETE" ? undefined : "{}";
      const plain = await rawRequest(port, { method: op.method, target: op.target, body });
      if (access === "public") expect(plain.status, `${op.method} ${op.target}`).not.toBe(401);
      else expect(plain.status, `${op.method} ${op.target}`).toBe(401);
      for (const [name, target] of Object.entries(spellings(op.target))) {
        const answer = await rawRequest(port, { method: op.method, target, body });
        expect(answer.status, `${op.method} ${target} (${name})`).toBe(400);
      }
    }
    // Nothing was changed by any of them.
    expect((await server.call("GET", "/api/policy")).body).toEqual(policyBefore.body);
    expect((await server.call<{ items: unknown[] }>("GET", "/api/licenses")).body.items).toEqual([]);
    expect((await server.call<{ items: unknown[] }>("GET", "/api/watchlist")).body.items).toEqual([]);
    expect((await server.call<{ total: number }>("GET", "/api/sources")).body.total).toBe(1);
  });

  it("refuses the other spellings even with a valid key, and case or trailing-slash variants are not routes", async () => {
    const auth = { authorization: `Bearer ${KEY}` };
    expect((await rawRequest(port, { method: "GET", target: "/api/cases", headers: auth })).status).toBe(200);
    for (const target of Object.values(spellings("/api/cases"))) {
      expect((await rawRequest(port, { method: "GET", target, headers: auth })).status, target).toBe(400);
    }
    expect((await rawRequest(port, { method: "GET", target: "/API/cases", headers: auth })).status).toBe(404);
    expect((await rawRequest(port, { method: "GET", target: "/api/policy/", headers: auth })).status).toBe(404);
    const refused = await rawRequest(port, { method: "GET", target: "/%61pi/cases", headers: auth });
    expect(JSON.parse(refused.body).message).toMatch(/percent-encode "a"/);
  });

  it("refuses at start a route with no access rule", async () => {
    const app = Fastify();
    const stores = openAppStores(path.join(server.dir, "unlisted.db"), { fetcher: null });
    registerAuthentication(app, { store: stores.auth, keys: new KeyVerifier(stores.auth), hosts: new AllowedHosts([]), failures: new FailedAttempts() });
    expect(() => app.get("/api/unlisted", async () => ({ ok: true }))).toThrow(/GET \/api\/unlisted: every route needs an access rule/);
    await stores.close();
  });
});

describe("Host header (DNS rebinding)", () => {
  const auth = { authorization: `Bearer ${KEY}` };

  it("answers for localhost and IP addresses, refuses other names", async () => {
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, "localhost"]) {
      expect((await rawRequest(port, { method: "GET", target: "/api/cases", host, headers: auth })).status, host).toBe(200);
    }
    for (const host of ["rebind.attacker.example", `rebind.attacker.example:${port}`, "localhost.attacker.example", "a b", "[::1"]) {
      const answer = await rawRequest(port, { method: "GET", target: "/api/cases", host, headers: auth });
      expect(answer.status, host).toBe(400);
    }
    const named = await rawRequest(port, { method: "GET", target: "/api/cases", host: "rebind.attacker.example", headers: auth });
    expect(JSON.parse(named.body).message).toMatch(/does not answer for the host "rebind\.attacker\.example".*--allowed-hosts/);
    expect((await rawRequest(port, { method: "GET", target: "/", host: "rebind.attacker.example" })).status).toBe(400);
  });

  it("answers for the names it is configured with", () => {
    const hosts = new AllowedHosts(["copyquota.kapital.example"]);
    expect(hosts.problem("copyquota.kapital.example")).toBeNull();
    expect(hosts.problem("COPYQUOTA.kapital.example:443")).toBeNull();
    expect(hosts.problem("copyquota.kapital.example.")).toBeNull();
    expect(hosts.problem("other.kapital.example")).toMatch(/does not answer/);
    expect(hosts.problem(undefined)).toMatch(/no Host header/);
  });
});

describe("roles", () => {
  it("lets a reader look, an editor work cases and sources, and only an admin change policy, licenses and keys", async () => {
    const issue = async (name: string, role?: string) => {
      const issued = await server.call<{ key: string; role: string }>("POST", "/api/keys", role === undefined ? { name } : { name, role });
      expect(issued.status).toBe(201);
      return { role: issued.body.role, headers: { authorization: `Bearer ${issued.body.key}` } };
    };
    const reader = await issue("lawyer.dana", "reader");
    const editor = await issue("editor.arman");
    expect([reader.role, editor.role]).toEqual(["reader", "editor"]);

    const page = { url: "https://roles.example/copy", text: sourceText() };
    expect((await server.call("GET", "/api/cases", undefined, reader.headers)).status).toBe(200);
    expect((await server.call("POST", "/api/self-check", page, reader.headers)).status).toBe(200);
    const readerCheck = await server.call<{ message: string }>("POST", "/api/check", page, reader.headers);
    expect(readerCheck.status).toBe(403);
    expect(readerCheck.body.message).toMatch(/needs an editor key; yours is a reader's/);
    expect((await server.call("POST", "/api/watchlist", { url: "https://roles.example/" }, reader.headers)).status).toBe(403);

    expect((await server.call("POST", "/api/check", page, editor.headers)).status).toBe(200);
    expect((await server.call("PUT", "/api/policy", { maxShare: 0.5 }, editor.headers)).status).toBe(403);
    expect((await server.call("POST", "/api/licenses", { domain: "roles.example" }, editor.headers)).status).toBe(403);
    expect((await server.call("GET", "/api/keys", undefined, editor.headers)).status).toBe(403);

    const admin = await issue("chief.editor", "admin");
    expect((await server.call("GET", "/api/keys", undefined, admin.headers)).status).toBe(200);
    expect((await server.call("POST", "/api/keys", { name: "x", role: "owner" })).status).toBe(400);
  });

  it("gives a UI session its key's role", async () => {
    const issued = await server.call<{ key: string }>("POST", "/api/keys", { name: "reader.ui", role: "reader" });
    const login = await fetch(`${server.url}/api/session`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ key: issued.body.key }) });
    const { role, csrfToken } = (await login.json()) as { role: string; csrfToken: string };
    expect(role).toBe("reader");
    const cookie = login.headers.get("set-cookie")!.split(";")[0]!;
    const headers = { cookie, "x-csrf-token": csrfToken, "content-type": "application/json" };
    expect((await fetch(`${server.url}/api/cases`, { headers: { cookie } })).status).toBe(200);
    expect((await fetch(`${server.url}/api/policy`, { method: "PUT", headers, body: JSON.stringify({ maxShare: 0.5 }) })).status).toBe(403);
  });
});

describe("stored keys and failed attempts", () => {
  it("stores keys salted and slow, and re-stores a key of before salting when it is used", async () => {
    const db = new Database(path.join(server.dir, "copyquota.db"), { readonly: true });
    const hashes = db.prepare("SELECT key_hash FROM api_keys").pluck().all() as string[];
    db.close();
    expect(hashes.length).toBeGreaterThan(1);
    for (const hash of hashes) expect(hash).toMatch(/^scrypt\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(hashes).not.toContain(hashSecret(KEY));

    const file = path.join(server.dir, "legacy.db");
    const legacy = new Database(file);
    legacy.exec(`CREATE TABLE api_keys (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, key_hash TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL);
      INSERT INTO api_keys (name, key_hash, created_at) VALUES ('admin', '${hashSecret("cq_an-old-style-generated-key-of-43-characters00")}', '2026-11-01T00:00:00Z'),
        ('editor.old', '${hashSecret("cq_another-old-style-generated-key-43-chars000")}', '2026-11-01T00:00:00Z');`);
    legacy.close();
    const stores = openAppStores(file, { fetcher: null });
    const keys = new KeyVerifier(stores.auth);
    const admin = await keys.holder("cq_an-old-style-generated-key-of-43-characters00");
    expect(admin).toMatchObject({ name: "admin", role: "admin" });
    expect(await keys.holder("cq_another-old-style-generated-key-43-chars000")).toMatchObject({ name: "editor.old", role: "editor" });
    expect(await keys.holder("cq_a-wrong-key")).toBeNull();
    const stored = await stores.auth.storedKey(admin!.id);
    expect(stored!.keyHash).toMatch(/^scrypt\$/);
    expect(await new KeyVerifier(stores.auth).holder("cq_an-old-style-generated-key-of-43-characters00")).toMatchObject({ name: "admin" });
    await stores.close();
  });

  it("refuses a client for a while after ten wrong keys or logins, with Retry-After", async () => {
    const own = await startTestServer();
    try {
      for (let i = 0; i < 5; i += 1) {
        expect((await fetch(`${own.url}/api/cases`, { headers: { authorization: `Bearer wrong-${i}` } })).status).toBe(401);
        expect((await fetch(`${own.url}/api/session`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ key: `wrong-${i}` }) })).status).toBe(401);
      }
      const locked = await fetch(`${own.url}/api/cases`, { headers: { authorization: `Bearer ${KEY}` } });
      expect(locked.status).toBe(429);
      expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(800);
      expect((await fetch(`${own.url}/api/session`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ key: KEY }) })).status).toBe(429);
      expect((await fetch(`${own.url}/api/health`)).status).toBe(200);
    } finally {
      await own.close();
    }
  });

  it("does not count a browser's expired session as a guess", async () => {
    const own = await startTestServer();
    try {
      for (let i = 0; i < 15; i += 1) expect((await fetch(`${own.url}/api/cases`, { headers: { cookie: "cq_session=expired" } })).status).toBe(401);
      expect((await own.call("GET", "/api/cases")).status).toBe(200);
    } finally {
      await own.close();
    }
  });
});

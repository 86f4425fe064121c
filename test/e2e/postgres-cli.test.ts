import { rmSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli, jsonl, reuserPage, tempDir, write } from "./support.ts";
import { findPostgresBin, POSTGRES_MISSING, startPostgres, type PostgresServer } from "../support/postgres-server.ts";
import { BRIDGE, bodyOf, HEATING, LIBRARY, MAYOR_QUOTE, PRESS_RELEASE, UNRELATED, type Article } from "../store/zarechye-articles.ts";

const pgBin = findPostgresBin();
if (!pgBin) console.warn(`postgres-cli.test: ${POSTGRES_MISSING}`);

describe.skipIf(!pgBin)("copyquota on a PostgreSQL database, through the CLI", () => {
  let server: PostgresServer;
  let dir: string;
  let pgUrl: string;
  let sqliteFile: string;
  const files: Record<string, string> = {};

  beforeAll(async () => {
    dir = tempDir("pgcli");
    server = await startPostgres(pgBin!);
    pgUrl = await server.createDatabase("cli");
    sqliteFile = path.join(dir, "copyquota.db");
    const line = (a: Article) => JSON.stringify({ url: a.url, title: a.title, published: a.published, text: a.paragraphs.join("\n\n") });
    files.archive = write(dir, "archive.jsonl", `${[HEATING, BRIDGE, LIBRARY].map(line).join("\n")}\n`);
    files.release = write(dir, "press-release.txt", `${PRESS_RELEASE.title}\n\n${PRESS_RELEASE.paragraphs.join("\n\n")}\n`);
    const page = (slug: string, title: string, paragraphs: readonly string[], link?: string) =>
      write(dir, `${slug}.html`, reuserPage({ url: `https://stepnews.example/news/${slug}`, title, published: "2025-09-25T09:00:00+05:00", paragraphs, link: link ? { href: link } : undefined }));
    files.full = page("teplo", "Тепло дадут 1 октября", bodyOf(HEATING), HEATING.url);
    files.paragraph = page("most", "Мост откроют в ноябре", [bodyOf(BRIDGE)[2]!], BRIDGE.url);
    files.noLink = page("biblioteka", "Библиотека открылась", bodyOf(LIBRARY).slice(0, 3));
    files.quote = page("akim", "Аким о тепле", ["Городские власти обещают подать тепло раньше срока.", MAYOR_QUOTE]);
    files.unrelated = write(dir, "volejbol.txt", `Волейбол\n\n${UNRELATED}\n`);

    // The same archive into both databases: the PostgreSQL one named by --db, then through COPYQUOTA_DB.
    const load = async (db: string) => {
      const added = await cli(["--db", db, "sources", "add", files.archive!]);
      expect(added, added.stderr).toMatchObject({ code: 0 });
      const reference = await cli(["sources", "add", "--reference", "--url", PRESS_RELEASE.url, "--published", PRESS_RELEASE.published, files.release!], {
        COPYQUOTA_DB: db === pgUrl ? db.replace(/^postgres:/, "postgresql:") : db,
      });
      expect(reference, reference.stderr).toMatchObject({ code: 0 });
    };
    await Promise.all([load(sqliteFile), load(pgUrl)]);
  });
  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("check --json prints the same JSONL and exit code on PostgreSQL as on a SQLite file", async () => {
    const candidates = [files.full!, files.paragraph!, files.noLink!, files.quote!, files.unrelated!];
    const [onSqlite, onPostgres] = await Promise.all([cli(["--db", sqliteFile, "check", "--json", ...candidates]), cli(["--db", pgUrl, "check", "--json", ...candidates])]);
    expect(onPostgres.stderr).toBe(onSqlite.stderr);
    expect(onPostgres.code).toBe(1);
    expect(onSqlite.code).toBe(1);
    expect(onPostgres.stdout).toBe(onSqlite.stdout);

    // And they are the answers these pages call for, not two equally empty ones.
    const results = jsonl<{ verdict: string; matches: { source: { url: string }; share: number; violations: string[] }[] }>(onPostgres.stdout);
    expect(results.map((r) => r.verdict)).toEqual(["violation", "compliant", "violation", "no_reuse", "no_reuse"]);
    expect(results[0]!.matches[0]).toMatchObject({ source: { url: HEATING.url }, violations: ["over_quota"] });
    expect(results[2]!.matches[0]!.violations).toContain("missing_link");
    // The mayor's words came from the press release, registered as a reference: the outlet's share for them is near 0.
    expect(results[3]!.matches.find((m) => m.source.url === HEATING.url)!.share).toBeLessThan(0.05);
  });

  it("lists, shows and removes sources on PostgreSQL as on SQLite", async () => {
    const list = async (db: string) => {
      const run = await cli(["--db", db, "sources", "list", "--json"]);
      expect(run.code).toBe(0);
      // Ids are each database's: `sources add` on PostgreSQL reserves them from the sequence a batch at a time, leaving gaps.
      return jsonl<Record<string, unknown>>(run.stdout).map(({ addedAt: _addedAt, id: _id, ...rest }) => rest);
    };
    const [sqliteList, pgList] = await Promise.all([list(sqliteFile), list(pgUrl)]);
    expect(pgList).toEqual(sqliteList);
    expect(pgList.map((s) => s.url).sort()).toEqual([HEATING.url, BRIDGE.url, LIBRARY.url, PRESS_RELEASE.url].sort());

    const pgShow = await cli(["--db", pgUrl, "sources", "show", "--json", HEATING.url]);
    const shown = JSON.parse(pgShow.stdout) as { protectedText: string; boilerplate: string[] };
    expect(shown.protectedText).toContain(MAYOR_QUOTE);
    expect(shown.boilerplate).toHaveLength(2);

    // Last of the tests on these databases: the ones after it do not read them.
    const removed = await Promise.all([sqliteFile, pgUrl].map((db) => cli(["--db", db, "sources", "remove", BRIDGE.url])));
    for (const run of removed) expect(run).toMatchObject({ code: 0, stderr: `removed ${BRIDGE.url}\n` });
    const [sqliteAfter, pgAfter] = await Promise.all([list(sqliteFile), list(pgUrl)]);
    expect(pgAfter).toEqual(sqliteAfter);
    expect(pgAfter.map((s) => s.url).sort()).toEqual([HEATING.url, LIBRARY.url, PRESS_RELEASE.url].sort());
  });

  it("opens cases with check --open-cases and lists them with cases list on PostgreSQL as on SQLite", async () => {
    const record = (db: string) => cli(["--db", db, "check", "--open-cases", "--json", "--url", "https://reposter.example/news/heating", files.full!]);
    const [onSqlite, onPostgres] = await Promise.all([record(sqliteFile), record(pgUrl)]);
    expect(onPostgres.code, onPostgres.stderr).toBe(1);
    expect(onSqlite.code, onSqlite.stderr).toBe(1);
    const list = (db: string) => cli(["--db", db, "cases", "list", "--json"]);
    const [sqliteCases, postgresCases] = await Promise.all([list(sqliteFile), list(pgUrl)]);
    type Listed = { candidate: { url: string }; source: { url: string }; status: string; violations: string[]; share: number };
    const summary = (stdout: string) => jsonl<Listed>(stdout).map((c) => ({ page: c.candidate.url, source: c.source.url, status: c.status, violations: c.violations, share: c.share }));
    expect(summary(postgresCases.stdout)).toEqual([{ page: "https://reposter.example/news/heating", source: HEATING.url, status: "new", violations: ["over_quota"], share: expect.any(Number) }]);
    expect(summary(postgresCases.stdout)).toEqual(summary(sqliteCases.stdout));
  });

  it("names an unreachable PostgreSQL database, password hidden, and exits 2", async () => {
    const run = await cli(["--db", "postgres://copyquota:s3cret@127.0.0.1:1/copyquota", "sources", "list"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^copyquota: postgres:\/\/copyquota:\*\*\*@127\.0\.0\.1:1\/copyquota: cannot connect to PostgreSQL: /);
    expect(run.stderr).not.toContain("s3cret");
  });
});

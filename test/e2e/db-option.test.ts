import path from "node:path";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { REPO, cli, tempDir, write } from "./support.ts";

/** Each test spawns the CLI several times, each spawn seconds of tsx on a loaded two-core machine. */
const SPAWNING = { timeout: 300_000 };

/**
 * Issue 14, item 2: a wrong or missing `--db` gave a false "all clear" (an empty database was created and the
 * check said NO REUSE, exit 0). Commands that only read never create a file; a missing file, a database
 * without sources and a path that cannot be created are usage errors naming the path. The real CLI.
 */

const FIXTURES = path.join(REPO, "test/fixtures/articles");
const ARTICLE = path.join(FIXTURES, "vestnik-main.txt");
const ARTICLE_URL = "https://vestnik-delovoy.example/news/economy/2024/03/14/eksporteram-120-mlrd-tenge";
const REPRINT = path.join(FIXTURES, "vestnik-main.html");
/** No COPYQUOTA_DB from the environment the tests run in: an empty value is unset. */
const NO_DB_ENV = { COPYQUOTA_DB: "" };
/** A stack trace line, which a user error must not print. */
const STACK_LINE = /\n\s+at /;

describe("--db: reading commands never create a database", () => {
  let dir: string;

  beforeAll(() => {
    dir = tempDir("db-option");
  });

  it("check without --db, in a directory without copyquota.db: exit 2 naming the default file, nothing created", SPAWNING, async () => {
    const run = await cli(["check", REPRINT], NO_DB_ENV, dir);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain(`no database at ${path.join(dir, "copyquota.db")} (the default: give --db FILE or set COPYQUOTA_DB)`);
    expect(run.stderr).toContain("create one with `copyquota sources add …`");
    expect(readdirSync(dir)).toEqual([]);
  });

  it("a mistyped --db for check, sources list|show|remove, cases list, watch list|remove and monitor: exit 2 naming the file, nothing created", SPAWNING, async () => {
    const typo = path.join(dir, "kapitl.db");
    const commands = [["check", "--json", REPRINT], ["sources", "list"], ["sources", "show", "1"], ["sources", "remove", ARTICLE_URL], ["cases", "list"], ["watch", "list"], ["watch", "remove", "1"], ["monitor", "--once"]];
    for (const args of commands) {
      const run = await cli(["--db", typo, ...args], NO_DB_ENV, dir);
      expect(run.code, args.join(" ")).toBe(2);
      expect(run.stderr, args.join(" ")).toContain(`no database at ${typo} (create one with`);
      expect(run.stderr).not.toMatch(STACK_LINE);
      expect(existsSync(typo), args.join(" ")).toBe(false);
    }
    expect(readdirSync(dir)).toEqual([]);
  });

  it("a file that is not a database, or a directory: exit 2 naming it, no stack, the file untouched", SPAWNING, async () => {
    const notes = write(tempDir("not-a-db"), "notes.txt", "не база данных\n");
    for (const args of [["check", REPRINT], ["check", "--open-cases", "--url", "https://stepnews.example/copy", REPRINT], ["sources", "list"], ["cases", "list"]]) {
      const run = await cli(["--db", notes, ...args], NO_DB_ENV, dir);
      expect(run.code, args.join(" ")).toBe(2);
      expect(run.stderr, args.join(" ")).toContain(`${notes}: cannot be opened as a CopyQuota database`);
      expect(run.stderr).not.toMatch(STACK_LINE);
    }
    expect(readFileSync(notes, "utf8")).toBe("не база данных\n");
    const folder = await cli(["--db", dir, "sources", "list"], NO_DB_ENV, dir);
    expect(folder.code).toBe(2);
    expect(folder.stderr).toContain(`${dir} is a directory, not a database file`);
  });

  it("compare needs no database and creates none", SPAWNING, async () => {
    const run = await cli(["compare", ARTICLE, REPRINT], NO_DB_ENV, dir);
    expect(run.code, run.stderr).toBe(0);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("sources add into a directory that does not exist: exit 2 naming the path, no stack", SPAWNING, async () => {
    const file = path.join(dir, "nonexistent", "x.db");
    const run = await cli(["--db", file, "sources", "add", "--url", ARTICLE_URL, ARTICLE], NO_DB_ENV, dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`cannot create the database ${file}: there is no directory ${path.dirname(file)}`);
    expect(run.stderr).not.toMatch(STACK_LINE);
  });

  it("check against a database without sources: exit 2 saying so; the same file checks once a source is added", SPAWNING, async () => {
    const db = path.join(dir, "empty.db");
    expect((await cli(["--db", db, "sources", "add", "--url", ARTICLE_URL, ARTICLE], NO_DB_ENV, dir)).code).toBe(0);
    expect((await cli(["--db", db, "sources", "remove", ARTICLE_URL], NO_DB_ENV, dir)).code).toBe(0);
    const empty = await cli(["--db", db, "check", REPRINT], NO_DB_ENV, dir);
    expect(empty.code).toBe(2);
    expect(empty.stdout).toBe("");
    expect(empty.stderr).toContain(`${db} holds no sources to check against`);
    expect((await cli(["--db", db, "sources", "add", "--url", ARTICLE_URL, ARTICLE], NO_DB_ENV, dir)).code).toBe(0);
    const copy = await cli(["--db", db, "check", "--url", "https://stepnews.example/copy", REPRINT], NO_DB_ENV, dir);
    expect(copy.code, copy.stderr).toBe(1);
  });
});

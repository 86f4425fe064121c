import { execFile } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";

const run = promisify(execFile);

/** Where Debian's `postgresql` package puts each major version's server binaries. */
const DEBIAN_ROOT = "/usr/lib/postgresql";
const NEEDED = ["initdb", "pg_ctl", "postgres"];
/** initdb refuses to run as root; as root, the server runs as the account Debian's package creates. */
const SERVER_ACCOUNT = "postgres";

/** What to print when the tests that need a PostgreSQL server are skipped. */
export const POSTGRES_MISSING =
  `no PostgreSQL server binaries under ${DEBIAN_ROOT}/*/bin (initdb, pg_ctl, postgres), or, when run as root, no \`${SERVER_ACCOUNT}\` account to run them as: ` +
  "the PostgreSQL tests are skipped. Install them with: apt-get install -y postgresql (scripts/ensure-postgres.sh does it when run as root)";

/**
 * The newest installed version's binary directory, or null when none has all the binaries a test server needs,
 * or when running as root without the account the server must run as.
 */
export function findPostgresBin(): string | null {
  if (!existsSync(DEBIAN_ROOT)) return null;
  if (process.getuid?.() === 0 && !hasAccount(SERVER_ACCOUNT)) return null;
  const versions = readdirSync(DEBIAN_ROOT)
    .filter((v) => NEEDED.every((name) => existsSync(path.join(DEBIAN_ROOT, v, "bin", name))))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? null : path.join(DEBIAN_ROOT, versions[0], "bin");
}

function hasAccount(name: string): boolean {
  return existsSync("/etc/passwd") && readFileSync("/etc/passwd", "utf8").split("\n").some((line) => line.startsWith(`${name}:`));
}

/** A throw-away PostgreSQL server for one test file. */
export interface PostgresServer {
  /** URL of the server's default database (`postgres`), as the superuser `copyquota`, no password. */
  url: string;
  /** Creates an empty database and returns its URL. */
  createDatabase(name: string): Promise<string>;
  /**
   * Creates an empty schema in the default database and returns a URL whose connections use it (through the
   * `search_path` option): a fresh, isolated place to store things in about a millisecond, where a new database
   * takes a few hundred.
   */
  createSchema(name: string): Promise<string>;
  /** Stops the server and deletes its files. */
  stop(): Promise<void>;
}

/**
 * Starts a fresh server: a new data directory in a temporary directory, listening on 127.0.0.1 on a free port,
 * its unix socket in the same directory, trust authentication (only this machine's loopback can reach it), and
 * durability off (fsync), which a test's data never needs. As root it runs as the `postgres` account.
 */
export async function startPostgres(bin: string): Promise<PostgresServer> {
  const dir = mkdtempSync(path.join(tmpdir(), "copyquota-pg-"));
  const asRoot = process.getuid?.() === 0;
  const as = async (command: string, args: readonly string[]) => {
    const file = path.join(bin, command);
    return asRoot ? run("runuser", ["-u", SERVER_ACCOUNT, "--", file, ...args]) : run(file, [...args]);
  };
  if (asRoot) {
    const [uid, gid] = await Promise.all([run("id", ["-u", SERVER_ACCOUNT]), run("id", ["-g", SERVER_ACCOUNT])]);
    chownSync(dir, Number(uid.stdout), Number(gid.stdout));
  }
  const data = path.join(dir, "data");
  const log = path.join(dir, "server.log");
  let started = false;
  const stop = async () => {
    if (started) await as("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]).catch(() => undefined);
    started = false;
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await as("initdb", ["-D", data, "-U", "copyquota", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"]);
    const port = await freePort();
    const settings = ["-h", "127.0.0.1", "-p", String(port), "-k", dir, "-F", "-c", "full_page_writes=off", "-c", "synchronous_commit=off"];
    started = true;
    await as("pg_ctl", ["-D", data, "-o", settings.join(" "), "-l", log, "-w", "-t", "30", "start"]);
    const url = `postgres://copyquota@127.0.0.1:${port}/postgres`;
    const admin = async (sql: string) => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(sql);
      } finally {
        await client.end();
      }
    };
    return {
      url,
      async createDatabase(name: string) {
        await admin(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
        return `postgres://copyquota@127.0.0.1:${port}/${encodeURIComponent(name)}`;
      },
      async createSchema(name: string) {
        await admin(`CREATE SCHEMA ${pg.escapeIdentifier(name)}`);
        return `${url}?options=${encodeURIComponent(`-c search_path=${name}`)}`;
      },
      stop,
    };
  } catch (error) {
    const tail = existsSync(log) ? `\n${readFileSync(log, "utf8").slice(-2000)}` : "";
    await stop();
    throw new Error(`could not start a PostgreSQL test server from ${bin}: ${(error as Error).message}${tail}`, { cause: error });
  }
}

/** A TCP port free on 127.0.0.1 right now (the kernel's pick for port 0). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

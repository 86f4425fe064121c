import type { Command } from "commander";
import type { CliContext } from "../context.ts";
import { UsageError } from "../context.ts";
import { asCliDatabaseError } from "../open-storage.ts";
import { parseHostList } from "../../server/auth/allowed-hosts.ts";
import { DEFAULT_DATA_DIR, DEFAULT_HOST, DEFAULT_PORT, startServer } from "../../server/start.ts";

/**
 * `copyquota serve`: the HTTP API and web UI, as `npm start` runs them. Port, host, data directory, host
 * names and cookie security come from options, else from PORT, HOST, COPYQUOTA_DATA_DIR,
 * COPYQUOTA_ALLOWED_HOSTS and COPYQUOTA_SECURE_COOKIES; the admin key from COPYQUOTA_API_KEY. The global
 * `--db` (or COPYQUOTA_DB) names the database directly, a SQLite file or a PostgreSQL URL; without it the
 * database is `<data dir>/copyquota.db`.
 */
export function registerServe(program: Command, context: CliContext): void {
  program
    .command("serve")
    .description("serve the HTTP API and the web UI (loads demo content into an empty database)")
    .option("--port <n>", `port to listen on (default: $PORT or ${DEFAULT_PORT}; 0 picks a free one)`)
    .option("--host <host>", `address to listen on (default: $HOST or ${DEFAULT_HOST})`)
    .option("--data-dir <dir>", `directory of the database (default: $COPYQUOTA_DATA_DIR or ./${DEFAULT_DATA_DIR})`)
    .option("--no-demo", "do not load demo content into an empty database")
    .option("--no-monitor", "do not run the monitor in the background (monitor workers run elsewhere: copyquota monitor)")
    .option("--allowed-hosts <names>", "comma-separated host names the UI and API are reached by, besides localhost and IP addresses (default: $COPYQUOTA_ALLOWED_HOSTS)")
    .option("--secure-cookies", "mark the UI's session cookie Secure, when served over HTTPS (directly or behind a proxy; default: $COPYQUOTA_SECURE_COOKIES=1)")
    .action(async (opts: { port?: string; host?: string; dataDir?: string; demo: boolean; monitor: boolean; allowedHosts?: string; secureCookies?: boolean }) => {
      const port = parsePort(opts.port ?? process.env.PORT);
      const explicitDb = program.opts<{ db?: string }>().db;
      const host = opts.host ?? process.env.HOST ?? DEFAULT_HOST;
      const server = await startServer({
        port,
        host,
        dataDir: opts.dataDir ?? process.env.COPYQUOTA_DATA_DIR ?? DEFAULT_DATA_DIR,
        database: explicitDb === undefined && !process.env.COPYQUOTA_DB ? undefined : context.database(),
        apiKey: process.env.COPYQUOTA_API_KEY,
        demo: opts.demo,
        monitor: opts.monitor,
        allowedHosts: parseHostList(opts.allowedHosts ?? process.env.COPYQUOTA_ALLOWED_HOSTS),
        secureCookies: opts.secureCookies ?? process.env.COPYQUOTA_SECURE_COOKIES === "1",
        initialPolicy: program.opts<{ policy?: string }>().policy ? await context.policy() : undefined,
        allowPrivate: context.allowPrivate(),
        logger: process.env.COPYQUOTA_LOG_REQUESTS === "1",
        print: (line) => process.stdout.write(`${line}\n`),
      }).catch((error: unknown) => {
        if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") throw new UsageError(`${host}:${port} is already in use: choose another port with --port or PORT`);
        throw asCliDatabaseError(error, context);
      });
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.stdout.write("Stopping…\n");
          void server.close().then(resolve);
        };
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
      });
    });
}

function parsePort(value: string | undefined): number {
  if (value === undefined || value === "") return DEFAULT_PORT;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`port ${JSON.stringify(value)}: must be a whole number from 0 to 65535`);
  return port;
}

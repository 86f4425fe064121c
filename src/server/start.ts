import path from "node:path";
import type { FastifyInstance } from "fastify";
import type { Policy } from "../core/policy/policy.ts";
import type { AppStores } from "./app-stores.ts";
import { appStoresOn } from "./app-stores.ts";
import { openStorage } from "../io/storage/open-storage.ts";
import { isPostgresUrl } from "../io/store/postgres-url.ts";
import { buildServer } from "./app.ts";
import { createDataDir } from "./data-dir.ts";
import { ensureAdminKey } from "./auth/admin-key.ts";
import { createFetcher } from "../io/fetch/http-fetcher.ts";
import { rulesOf } from "../cases/policy-store.ts";
import { loadDemo } from "../demo/load-demo.ts";
import type { Scheduler } from "../monitor/scheduler.ts";
import { startScheduler } from "../monitor/scheduler.ts";

/** Defaults of `npm start` / `copyquota serve`: what the README promises. */
export const DEFAULT_PORT = 8080;
/** Loopback only by default: the server holds evidence and keys, and is opened to a network on purpose (HOST). */
export const DEFAULT_HOST = "localhost";
export const DEFAULT_DATA_DIR = "data";
export const DATABASE_FILE = "copyquota.db";

export interface StartOptions {
  port: number;
  host: string;
  dataDir: string;
  /** The database: a SQLite file or a PostgreSQL URL; `<dataDir>/copyquota.db` when absent. */
  database?: string;
  /** `COPYQUOTA_API_KEY`: the admin key. */
  apiKey?: string;
  /** Load demo content into an empty database. */
  demo: boolean;
  /** Run the monitor in the background (default); false when monitor workers run as processes of their own. */
  monitor?: boolean;
  /** `../shared` for the demo; null to leave it out. */
  sharedDir?: string | null;
  /** The policy to start with when the database holds none (a `--policy` file). */
  initialPolicy?: Policy;
  /** Let the fetcher reach private and loopback addresses (tests, local demos). */
  allowPrivate?: boolean;
  /** Log each request. */
  logger?: boolean;
  /** Host names besides `localhost` and IP addresses that requests may name (`--allowed-hosts`). */
  allowedHosts?: readonly string[];
  /** Mark the session cookie Secure (`--secure-cookies`). */
  secureCookies?: boolean;
  /** Where to print the address, the generated key and demo progress. */
  print: (line: string) => void;
}

export interface RunningServer {
  app: FastifyInstance;
  stores: AppStores;
  url: string;
  /** The admin key generated on this start, or null (it was set or already existed). */
  generatedKey: string | null;
  close(): Promise<void>;
}

/**
 * Opens the database, makes sure an admin key and a policy exist, loads the demo if asked and empty, and listens.
 * Several servers may start together on one PostgreSQL database: the first-start work (key, policy, demo) is done
 * by one of them while the others wait, and then find it done.
 */
export async function startServer(options: StartOptions): Promise<RunningServer> {
  const dataDir = path.resolve(options.dataDir);
  const database = options.database !== undefined && isPostgresUrl(options.database) ? options.database : path.resolve(options.database ?? path.join(dataDir, DATABASE_FILE));
  if (!isPostgresUrl(database)) await createDataDir(dataDir);
  const fetcher = createFetcher({ allowPrivate: options.allowPrivate ?? false });
  const storage = await openStorage(database).catch(async (error: unknown) => {
    await fetcher.close();
    throw error;
  });
  const stores = appStoresOn(storage, { fetcher });
  let monitor: Scheduler | null = null;
  try {
    const generatedKey = await storage.exclusively("first-start", async () => {
      const generated = await ensureAdminKey(stores.auth, options.apiKey);
      if (options.initialPolicy && (await stores.policies.get()) === null) {
        await stores.policies.put(rulesOf(options.initialPolicy));
        for (const license of options.initialPolicy.licenses) await stores.licenses.add(license, "from the policy file");
      }
      if (options.demo && (await stores.sources.countSources()) === 0 && (await stores.cases.listCases({}, { limit: 1, offset: 0 })).total === 0) {
        options.print("Empty database: loading the demo content…");
        await loadDemo(stores, { sharedDir: options.sharedDir, log: options.print });
      }
      return generated;
    });
    // The monitor: watched sites read on their schedule, open cases re-checked (see src/monitor/scheduler.ts).
    // Started before the routes, which wake it when a site is added or made due.
    if (options.monitor ?? true) monitor = await startScheduler({ database, fetcher: { allowPrivate: options.allowPrivate ?? false }, onError: (error) => options.print(`monitor: a pass failed: ${(error as Error).message}`) });
    const app = await buildServer(stores, { logger: options.logger ?? false, allowedHosts: options.allowedHosts, secureCookies: options.secureCookies, monitor: monitor ?? undefined });
    await app.listen({ port: options.port, host: options.host });
    const address = app.server.address();
    const port = typeof address === "object" && address !== null ? address.port : options.port;
    const url = `http://${options.host.includes(":") ? `[${options.host}]` : options.host}:${port}`;
    if (generatedKey !== null) {
      options.print("Generated the admin API key. It is shown only this once (it is stored hashed); keep it:");
      options.print(`  ${generatedKey}`);
      options.print("Log in to the UI with it, or send it as `Authorization: Bearer KEY`. Set COPYQUOTA_API_KEY to choose your own.");
    }
    // The address comes last, where the eye lands when the server is up (and where scripts wait for it).
    options.print(`CopyQuota is serving on ${url}  (API docs: ${url}/api/docs; database: ${storage.name})`);
    return {
      app,
      stores,
      url,
      generatedKey,
      close: async () => {
        await monitor?.stop();
        await app.close();
        await fetcher.close();
        await stores.close();
      },
    };
  } catch (error) {
    await monitor?.stop();
    await fetcher.close();
    await stores.close();
    throw error;
  }
}

/**
 * The API phase's server (a child process, see child-server.ts): the real HTTP API and web UI on the
 * benchmark's database, as `npm start` serves them, minus the demo content and the monitor's scheduler (the
 * phase measures checks, not background passes). It may not fetch: every check submits its text.
 *
 *   node --import tsx bench/phases/api-server.ts DB_FILE ADMIN_KEY
 */
import { buildServer, ensureAdminKey, openAppStores } from "./app-under-test.ts";
import { serveUntilStopped } from "./child-server.ts";

const [db, key] = process.argv.slice(2);
if (!db || !key) throw new Error("api-server: expected the database file and the admin key as arguments");

await serveUntilStopped(async () => {
  const stores = openAppStores(db, { fetcher: null });
  await ensureAdminKey(stores.auth, key);
  const app = await buildServer(stores, { webUi: true });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  if (address === null || typeof address === "string") throw new Error("api-server: the server has no TCP address");
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: async () => {
      await app.close();
      await stores.close();
    },
  };
});

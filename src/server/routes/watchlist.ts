import type { FastifyPluginAsync, FastifyReply } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { RouteDeps } from "../app.ts";
import { ErrorResponse } from "../schemas/error.ts";
import { IdParams, Pagination } from "../schemas/request-fields.ts";
import { WatchedSiteSchema, WatchFailureSchema, WatchRequest, WatchScheduleRequest } from "../schemas/watchlist.ts";
import { addWatch, makeDueNow, removeWatch, WatchError } from "../../monitor/manage-watchlist.ts";
import { MonitorOverviewSchema } from "../schemas/monitor.ts";
import { monitorOverview } from "../monitor-status-view.ts";
import { ListingError } from "../../monitor/listing.ts";
import { FetchError } from "../../io/fetch/errors.ts";
import { ApiError, notFound } from "../errors.ts";
import { rescheduleWatch } from "../reschedule-watch.ts";
import { FAILED, failureView, watchedSiteViews } from "../watched-site-view.ts";

/** The one field a watch request's failure can be about: the URL (whatever went wrong fetching or reading it). */
const URL_FIELD = "body.url";
/** How its messages name it: as the client wrote it. */
const URL_NAME = "url";

/**
 * The watchlist over HTTP, as `copyquota watch add|list|remove` on the command line: adding a site goes
 * through the monitor's own `addWatch` (the same fetch, discovery of feeds and sitemaps, and validation),
 * removing one through `removeWatch`. A site added, rescheduled or checked now wakes this process's
 * background monitor; a monitor in another process sharing the database notices it at its next look.
 */
export const watchlistRoutes: FastifyPluginAsync<RouteDeps> = async (app, { stores, monitor }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["watchlist"];
  const { watch } = stores;
  const statuses = stores.monitors;

  async function view(id: number) {
    const site = await watch.watchlist.get(id);
    if (site === null) throw notFound(`watched site ${id}`);
    return (await watchedSiteViews(watch, [site]))[0]!;
  }

  api.get(
    "/api/watchlist",
    {
      schema: {
        summary: "The watched sites, feeds and sitemaps, with their schedule and how their URLs fared",
        tags,
        response: { 200: z.object({ items: z.array(WatchedSiteSchema) }) },
      },
    },
    async () => ({ items: await watchedSiteViews(watch, await watch.watchlist.list()) }),
  );

  api.get(
    "/api/watchlist/:id",
    { schema: { summary: "One watched site", tags, params: IdParams, response: { 200: WatchedSiteSchema, 404: ErrorResponse } } },
    async (request) => view(request.params.id),
  );

  api.post(
    "/api/watchlist",
    {
      schema: {
        summary: "Watch a site, a feed or a sitemap",
        description:
          "The server fetches the URL and tells what it is: an HTML page is a site, whose feeds (`<link rel=alternate>`) and " +
          "sitemaps (its robots.txt) are read each pass; a feed or sitemap is read itself. Watching a URL again updates its " +
          "schedule and listings (200 instead of 201). Either way it is due at once. A URL that cannot be fetched is a 422 " +
          "with the fetcher's `reason`; one that is not a site, feed or sitemap a 400.",
        tags,
        body: WatchRequest,
        response: { 200: z.object({ site: WatchedSiteSchema, replaced: z.boolean() }), 201: z.object({ site: WatchedSiteSchema, replaced: z.boolean() }), 400: ErrorResponse, 422: ErrorResponse },
      },
    },
    async (request, reply) => {
      const fetcher = stores.fetcher;
      if (fetcher === null) throw new ApiError(503, "unavailable", `${URL_NAME}: this server does not fetch pages, so it cannot watch sites`);
      const { url, interval, since } = request.body;
      try {
        const { site, replaced } = await addWatch({ ...watch, fetcher, now: Date.now }, url, { intervalMs: interval, since: since ?? null });
        monitor?.wake();
        return reply.code(replaced ? 200 : 201).send({ site: await view(site.id), replaced });
      } catch (error) {
        return refuseWatch(reply, error);
      }
    },
  );

  api.put(
    "/api/watchlist/:id/schedule",
    {
      schema: {
        summary: "Change how often a watched site is read",
        description: "The next pass comes one new interval after the last one (at once when that is past, or before the first pass).",
        tags,
        params: IdParams,
        body: WatchScheduleRequest,
        response: { 200: WatchedSiteSchema, 400: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request) => {
      const site = await rescheduleWatch(watch, request.params.id, request.body.interval, Date.now());
      if (site === null) throw notFound(`watched site ${request.params.id}`);
      monitor?.wake();
      return view(site.id);
    },
  );

  api.post(
    "/api/watchlist/:id/check",
    {
      schema: {
        summary: "Read a watched site now",
        description:
          "Makes the site due now and wakes the monitor of the server process that answers; a monitor in another process " +
          "sharing the database reads it at its next look, within a minute. Answers 202 with the site: its `nextPassAt` is now, " +
          "and `GET /api/monitor` tells when the pass starts and ends.",
        tags,
        params: IdParams,
        response: { 202: WatchedSiteSchema, 404: ErrorResponse },
      },
    },
    async (request, reply) => {
      const site = await makeDueNow({ ...watch, now: Date.now }, request.params.id);
      if (site === null) throw notFound(`watched site ${request.params.id}`);
      monitor?.wake();
      return reply.code(202).send(await view(site.id));
    },
  );

  api.get(
    "/api/monitor",
    {
      schema: {
        summary: "The background monitors reading the watchlist: running or idle, current and last pass, next look, last error",
        description:
          "One entry per server process whose monitor runs on this database (`thisProcess` marks the answering one's), as each " +
          "last recorded it; an empty list means no monitor runs, and watched sites are read only by `copyquota monitor`.",
        tags,
        response: { 200: MonitorOverviewSchema },
      },
    },
    async () => monitorOverview(statuses, watch.watchlist),
  );

  api.get(
    "/api/watchlist/:id/failures",
    {
      schema: {
        summary: "The site's URLs whose last attempt failed, with the reason",
        tags,
        params: IdParams,
        querystring: Pagination,
        response: { 200: z.object({ total: z.number().int(), items: z.array(WatchFailureSchema) }), 404: ErrorResponse },
      },
    },
    async (request) => {
      const { id } = request.params;
      if ((await watch.watchlist.get(id)) === null) throw notFound(`watched site ${id}`);
      const counts = await watch.urls.counts(id);
      const states = await watch.urls.list({ siteId: id, status: [...FAILED] }, { limit: request.query.limit, offset: request.query.offset });
      return { total: FAILED.reduce((total, status) => total + counts[status], 0), items: states.map(failureView) };
    },
  );

  api.delete(
    "/api/watchlist/:id",
    {
      schema: {
        summary: "Stop watching a site",
        description: "Its queued jobs are dropped; the cases it opened stay.",
        tags,
        params: IdParams,
        response: { 200: z.object({ removed: z.number().int(), url: z.string() }), 404: ErrorResponse },
      },
    },
    async (request) => {
      const site = await removeWatch(watch, request.params.id);
      if (site === null) throw notFound(`watched site ${request.params.id}`);
      return { removed: site.id, url: site.url };
    },
  );
};

/**
 * Answers a watch request the monitor refused, naming the URL field: a URL that is not one to watch is a 400;
 * one the fetcher could not get a 422 with its reason (and, for a private address, how a test server lifts that).
 */
function refuseWatch(reply: FastifyReply, error: unknown): FastifyReply {
  if (error instanceof WatchError || error instanceof ListingError) {
    return reply.code(400).send({ error: "bad_request", message: `${URL_NAME}: ${error.message}`, issues: [{ path: URL_FIELD, message: error.message }] });
  }
  if (error instanceof FetchError) {
    const hint = error.reason === "private_address" ? " (the server refuses private and loopback addresses unless started with --allow-private)" : "";
    const message = `${error.message}${hint}`;
    return reply.code(422).send({ error: "fetch_failed", message: `${URL_NAME}: ${message}`, reason: error.reason, status: error.status, issues: [{ path: URL_FIELD, message }] });
  }
  throw error;
}

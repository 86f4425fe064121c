import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { CaseFilter } from "../../cases/case.ts";
import type { AppStores } from "../app-stores.ts";
import type { RouteDeps } from "../app.ts";
import { CaseExportQuery, CaseListQuery, CaseSchema, LetterQuery, StatusChangeRequest } from "../schemas/cases.ts";
import { ErrorResponse } from "../schemas/error.ts";
import { IdParams } from "../schemas/request-fields.ts";
import { allowedSteps } from "../../cases/status-machine.ts";
import { casesToCsv } from "../../cases/cases-csv.ts";
import { noticeLetter } from "../../cases/notice-letter.ts";
import { normalizeHost } from "../../core/links/normalize-url.ts";
import { CaseNotFoundError } from "../../cases/case-store.ts";
import { notFound } from "../errors.ts";

/** Most cases one export holds: far above what a publisher accumulates, low enough to build in memory. */
const EXPORT_LIMIT = 100_000;

function filterOf(query: Omit<z.infer<typeof CaseListQuery>, "limit" | "offset">): CaseFilter {
  return { status: query.status, violation: query.violation, domain: query.domain, from: query.from, until: query.until, query: query.q };
}

export const caseRoutes: FastifyPluginAsync<RouteDeps> = async (app, { stores }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["cases"];

  api.get(
    "/api/cases",
    {
      schema: {
        summary: "List cases, newest activity first, filtered by status, violation, domain and date",
        tags,
        querystring: CaseListQuery,
        response: { 200: z.object({ total: z.number().int(), items: z.array(CaseSchema) }), 400: ErrorResponse },
      },
    },
    async (request) => stores.cases.listCases(filterOf(request.query), { limit: request.query.limit, offset: request.query.offset }),
  );

  api.get(
    "/api/cases/export",
    {
      schema: {
        summary: "Export the cases matching the filters as CSV or JSON",
        tags,
        querystring: CaseExportQuery,
        produces: ["text/csv", "application/json"],
      },
    },
    async (request, reply) => {
      const { items } = await stores.cases.listCases(filterOf(request.query), { limit: EXPORT_LIMIT, offset: 0 });
      const day = new Date().toISOString().slice(0, 10);
      if (request.query.format === "json") {
        reply.header("content-disposition", `attachment; filename="copyquota-cases-${day}.json"`);
        return reply.type("application/json; charset=utf-8").send(JSON.stringify(items, null, 2));
      }
      reply.header("content-disposition", `attachment; filename="copyquota-cases-${day}.csv"`);
      // A byte-order mark makes spreadsheet programs read the Cyrillic titles as UTF-8.
      return reply.type("text/csv; charset=utf-8").send(`\uFEFF${casesToCsv(items)}`);
    },
  );

  api.get(
    "/api/cases/:id",
    {
      schema: {
        summary: "A case with both texts, its latest match, observations, status history and evidence",
        tags,
        params: IdParams,
        response: { 200: z.looseObject({ case: CaseSchema }), 404: ErrorResponse },
      },
    },
    async (request) => caseDetail(stores, request.params.id),
  );

  api.post(
    "/api/cases/:id/status",
    {
      schema: {
        summary: "Change a case's status (new → confirmed → notified → resolved | dismissed), with a comment",
        tags,
        params: IdParams,
        body: StatusChangeRequest,
        response: { 200: CaseSchema, 404: ErrorResponse, 409: ErrorResponse },
      },
    },
    // A unit of work: on SQLite it then waits for one recording a check of the case's page, which reads the case before writing it.
    async (request) =>
      stores.storage.transaction((tx) =>
        tx.cases.changeStatus(request.params.id, request.body.status, {
          actor: request.actor,
          comment: request.body.comment.trim(),
          at: new Date().toISOString(),
        }),
      ),
  );

  api.post(
    "/api/cases/:id/recheck",
    {
      schema: {
        summary: "Fetch the case's page again and record what it shows now",
        description: "A page that now complies, or answers 404/410, resolves the case with that reason.",
        tags,
        params: IdParams,
        response: { 200: z.looseObject({ case: CaseSchema, gone: z.boolean() }), 404: ErrorResponse, 422: ErrorResponse },
      },
    },
    async (request) => {
      const { case: updated, outcome } = await stores.service.recheck(request.params.id, request.actor);
      return { case: updated, gone: "gone" in outcome };
    },
  );

  api.get(
    "/api/cases/:id/letter",
    {
      schema: {
        summary: "A notice letter for the case, in Russian or English",
        tags,
        params: IdParams,
        querystring: LetterQuery,
        produces: ["application/json", "text/plain"],
      },
    },
    async (request, reply) => {
      const c = await stores.cases.getCase(request.params.id);
      if (c === null) throw new CaseNotFoundError(request.params.id);
      const source = await stores.sources.getSource(c.source.url);
      const check = await stores.cases.getCheck(c.lastCheckId);
      const captures = check ? await stores.evidence.capturesOf(check.evidenceSha256) : [];
      const last = captures[captures.length - 1];
      const letter = noticeLetter(
        {
          case: c,
          source: source && { url: source.url, title: source.title, published: source.published, protectedText: source.protectedText },
          policy: await stores.service.policy(),
          publisher: normalizeHost(c.source.url) ?? c.source.url,
          evidence: last ? { sha256: last.sha256, fetchedAt: last.fetchedAt } : null,
          today: new Date().toISOString(),
        },
        request.query.lang,
      );
      if (request.query.format === "text") {
        reply.header("content-disposition", `attachment; filename="notice-case-${c.id}-${letter.language}.txt"`);
        return reply.type("text/plain; charset=utf-8").send(`${letter.subject}\n\n${letter.body}\n`);
      }
      return letter;
    },
  );
};

async function caseDetail(stores: AppStores, id: number) {
  const c = await stores.cases.getCase(id);
  if (c === null) throw notFound(`case ${id}`);
  const [source, check, observations, history] = await Promise.all([
    stores.sources.getSource(c.source.url),
    stores.cases.getCheck(c.lastCheckId),
    stores.cases.observations(id),
    stores.cases.history(id),
  ]);
  const hashes = [...new Set(observations.map((o) => o.evidenceSha256))].reverse();
  const evidence = await Promise.all(hashes.map(async (sha256) => ({ sha256, captures: await stores.evidence.capturesOf(sha256) })));
  return {
    case: c,
    allowedSteps: allowedSteps(c.status),
    source: source && {
      id: source.id,
      url: source.url,
      title: source.title,
      published: source.published,
      reference: source.reference,
      protectedText: source.protectedText,
      /** The passages' source offsets index the protected text as it was at the check; a re-indexed source may differ. */
      changedSinceCheck: source.protectedText.length !== c.sourceChars,
    },
    candidate: check && { text: check.candidateText, checkedAt: check.at, title: check.result.candidate.title, published: check.result.candidate.published },
    match: check?.result.matches.find((m) => m.source.url === c.source.url) ?? null,
    observations,
    history,
    evidence,
  };
}

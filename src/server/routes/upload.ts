import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { RouteDeps } from "../app.ts";
import { ErrorResponse } from "../schemas/error.ts";
import { UploadQuery, UploadResponse } from "../schemas/upload.ts";
import { loadInputs } from "../../io/inputs/load-inputs.ts";
import { isFailure } from "../../io/inputs/types.ts";
import { undatedSourcesWarning } from "../../io/inputs/undated-warning.ts";
import { ApiError } from "../errors.ts";
import { uploadFileName } from "../upload-file-name.ts";

/**
 * `POST /api/sources/upload`: the body is the file's bytes as they are (any content type), so the charset
 * sniffing of the CLI's loaders sees exactly what a user would give `copyquota sources add`. The file is
 * written to a private temporary directory under its own name, made safe by `uploadFileName` (the extension
 * tells its format), loaded with the same loaders as the CLI, and removed.
 */
export const uploadRoutes: FastifyPluginAsync<RouteDeps> = async (app, { stores }) => {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "buffer" }, (_request, body, done) => done(null, body));

  app.withTypeProvider<ZodTypeProvider>().post(
    "/api/sources/upload",
    {
      schema: {
        summary: "Add sources from an uploaded file: an HTML page, a text, a JSONL archive or an RSS/Atom feed",
        description: "Send the file's bytes as the body. Each document that loads is added (re-adding a URL replaces it); each that fails (a bad JSONL line, a feed item) is reported by name in `errors`. A file that cannot be read as a whole is a 400 naming it.",
        tags: ["sources"],
        querystring: UploadQuery,
        consumes: ["application/octet-stream"],
        response: { 200: UploadResponse, 400: ErrorResponse },
      },
    },
    async (request) => {
      const { filename, url, published, title, reference } = request.query;
      const dir = await mkdtemp(path.join(tmpdir(), "copyquota-upload-"));
      const file = path.join(dir, uploadFileName(filename));
      // Messages from the loaders name the temporary file; the user knows it by the name they uploaded.
      const named = (message: string) => message.split(file).join(filename);
      try {
        await writeFile(file, request.body as Buffer);
        const added: { url: string; title: string; replaced: boolean }[] = [];
        const errors: { input: string; message: string }[] = [];
        let undated = 0;
        try {
          for await (const item of loadInputs(file, { purpose: "source", url, published, title, fetch: stores.fetcher ?? undefined })) {
            if (isFailure(item)) {
              errors.push({ input: named(item.origin), message: named(item.error.message) });
              continue;
            }
            const { source, replaced } = await stores.engine.addSource(item.doc, { reference });
            added.push({ url: source.url, title: source.title, replaced });
            if (item.doc.published === null) undated++;
          }
        } catch (error) {
          if (!(error instanceof Error) || error.name !== "InputError") throw error;
          throw new ApiError(400, "bad_request", named(error.message));
        }
        const warning = undatedSourcesWarning(undated, added.length, "the published parameter");
        return { added, errors, warnings: warning === null ? [] : [warning] };
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  );
};

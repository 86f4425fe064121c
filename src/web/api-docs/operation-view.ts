import { h } from "../dom.ts";
import type { Child } from "../dom.ts";
import { lazyDetails } from "./lazy-details.ts";
import type { ListedOperation, MediaType, OpenApiDocument, Operation, Parameter, Response } from "./openapi.ts";
import { prose } from "./prose.ts";
import type { Components } from "./schema-view.ts";
import { constraints, schemaParts, typeLabel } from "./schema-view.ts";

/** Whether an operation needs no key: its own `security`, else the document's, lists no scheme. */
function isPublic(operation: Operation, doc: OpenApiDocument): boolean {
  return (operation.security ?? doc.security ?? []).length === 0;
}

/** Who may call it, in a word: `public`, or the least role a key needs. */
function accessTag(operation: Operation, doc: OpenApiDocument): HTMLElement | null {
  if (isPublic(operation, doc)) return h("span", { class: "tag access access-public" }, "public");
  const least = operation["x-roles"]?.[0];
  return least === undefined ? null : h("span", { class: `tag access access-${least}`, title: `needs a ${least} key or higher` }, least);
}

/** `reader, editor or admin` */
function alternatives(words: readonly string[]): string {
  return words.length < 2 ? words.join("") : `${words.slice(0, -1).join(", ")} or ${words.at(-1)}`;
}

function accessNote(operation: Operation, doc: OpenApiDocument): HTMLElement {
  if (isPublic(operation, doc)) return h("p", { class: "access-note" }, "Public: no key needed.");
  const roles = operation["x-roles"];
  return h(
    "p",
    { class: "access-note" },
    "Send ",
    h("code", {}, "Authorization: Bearer KEY"),
    roles === undefined ? "." : ` with a key of role ${alternatives(roles)}.`,
    " The web UI sends its session cookie instead, and its CSRF token with changes.",
  );
}

function parametersTable(parameters: readonly Parameter[]): HTMLElement {
  return h(
    "table",
    { class: "parameters" },
    h("thead", {}, h("tr", {}, h("th", {}, "Name"), h("th", {}, "In"), h("th", {}, "Type"), h("th", {}, "Description"))),
    h(
      "tbody",
      {},
      ...parameters.map((p) =>
        h(
          "tr",
          { "data-parameter": p.name },
          h("td", {}, h("code", {}, p.name), p.required === true ? h("span", { class: "tag required" }, "required") : null),
          h("td", {}, p.in),
          h("td", {}, p.schema === undefined ? "any" : typeLabel(p.schema), ...(p.schema === undefined ? [] : constraints(p.schema)).map((said) => h("span", { class: "constraint" }, said))),
          h("td", {}, ...prose(p.description ?? p.schema?.description ?? "")),
        ),
      ),
    ),
  );
}

/** Each content type a body comes in, with its schema's parts. */
function contentParts(content: Readonly<Record<string, MediaType>>, components: Components): Child[] {
  return Object.entries(content).map(([type, media]) =>
    h("div", { class: "content" }, h("p", { class: "muted" }, h("code", {}, type), media.schema === undefined ? null : ` ${typeLabel(media.schema)}`), media.schema === undefined ? null : schemaParts(media.schema, components)),
  );
}

function responseItem(status: string, response: Response, components: Components): HTMLElement {
  const line: Child[] = [h("code", { class: "status" }, status), " ", ...prose(response.description)];
  const item = h("li", { class: "response", "data-status": status });
  item.append(response.content === undefined ? h("div", {}, ...line) : lazyDetails("response-parts", line, () => h("div", {}, ...contentParts(response.content!, components))));
  return item;
}

function operationBody({ operation }: ListedOperation, doc: OpenApiDocument): HTMLElement {
  const components = doc.components?.schemas ?? {};
  const body = operation.requestBody;
  return h(
    "div",
    { class: "operation-body" },
    operation.description === undefined ? null : h("p", {}, ...prose(operation.description)),
    accessNote(operation, doc),
    operation.parameters === undefined ? null : h("h3", {}, "Parameters"),
    operation.parameters === undefined ? null : parametersTable(operation.parameters),
    body === undefined ? null : h("h3", {}, "Request body", body.required === true ? h("span", { class: "tag required" }, "required") : null),
    body?.description === undefined ? null : h("p", {}, ...prose(body.description)),
    ...(body === undefined ? [] : contentParts(body.content, components)),
    h("h3", {}, "Responses"),
    h("ul", { class: "responses" }, ...Object.entries(operation.responses).map(([status, response]) => responseItem(status, response, components))),
  );
}

/**
 * An operation, collapsed to its method, path, summary and who may call it; opened, its description, the key it
 * needs, its parameters, request body and every response status, each schema opening a level at a time.
 */
export function operationView(listed: ListedOperation, doc: OpenApiDocument): HTMLElement {
  const { method, path, operation } = listed;
  const view = lazyDetails(
    "operation",
    [
      h("span", { class: `method method-${method.toLowerCase()}` }, method),
      h("code", { class: "path" }, path),
      h("span", { class: "summary-text" }, operation.summary ?? ""),
      accessTag(operation, doc),
    ],
    () => operationBody(listed, doc),
  );
  view.id = `${method}-${path}`.toLowerCase().replace(/[^a-z0-9]+/g, "-");
  view.dataset.operation = `${method} ${path}`;
  return view;
}

import { h, mount } from "../dom.ts";
import { operationsByTag } from "./openapi.ts";
import type { OpenApiDocument } from "./openapi.ts";
import { operationView } from "./operation-view.ts";
import { prose } from "./prose.ts";

/** The document this page draws; @fastify/swagger generates it from the routes' schemas. */
const DOCUMENT_URL = "/api/openapi.json";

const root = document.getElementById("app") as HTMLElement;

async function loadDocument(): Promise<OpenApiDocument> {
  const response = await fetch(DOCUMENT_URL);
  if (!response.ok) throw new Error(`${DOCUMENT_URL} answered HTTP ${response.status}`);
  return (await response.json()) as OpenApiDocument;
}

/** The API's title and description, an index of its tags, and each tag's operations, collapsed. */
function render(doc: OpenApiDocument): void {
  const groups = [...operationsByTag(doc)];
  mount(
    root,
    h("div", { class: "page-title" }, h("h1", {}, doc.info.title), h("span", { class: "muted" }, `version ${doc.info.version}`), h("a", { class: "actions", href: DOCUMENT_URL }, "OpenAPI document (JSON)")),
    doc.info.description === undefined ? null : h("p", {}, ...prose(doc.info.description)),
    h("nav", { class: "tag-index" }, ...groups.map(([tag]) => h("a", { href: `#tag-${tag}` }, tag))),
    ...groups.map(([tag, operations]) => h("section", { class: "card tag-group", id: `tag-${tag}` }, h("h2", {}, tag), ...operations.map((listed) => operationView(listed, doc)))),
  );
}

try {
  render(await loadDocument());
} catch (error) {
  mount(root, h("p", { class: "error" }, `The API reference could not be drawn: ${error instanceof Error ? error.message : String(error)}`));
}

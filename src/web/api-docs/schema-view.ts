import { h } from "../dom.ts";
import type { Child } from "../dom.ts";
import { lazyDetails } from "./lazy-details.ts";
import { componentName } from "./openapi.ts";
import type { Schema } from "./openapi.ts";
import { prose } from "./prose.ts";

/** The document's named schemas (`components.schemas`), which `$ref`s point to. */
export type Components = Readonly<Record<string, Schema>>;

/**
 * Bounds at or past these are zod's defaults for any integer (±2⁵³ − 1), not limits a route chose: saying
 * "at most 9007199254740991" of an id would only be noise.
 */
const UNBOUNDED = Number.MAX_SAFE_INTEGER;

/** The schema a `$ref` names, or the schema itself; an unknown reference resolves to an empty schema. */
function resolve(schema: Schema, components: Components): Schema {
  if (schema.$ref === undefined) return schema;
  const name = componentName(schema.$ref);
  return (name === null ? undefined : components[name]) ?? {};
}

/** A schema's type in a few words: `CheckResult`, `string[]`, `"new" | "confirmed"`, `integer | null`. */
export function typeLabel(schema: Schema): string {
  const label = baseTypeLabel(schema);
  return schema.nullable === true ? `${label} | null` : label;
}

function baseTypeLabel(schema: Schema): string {
  if (schema.$ref !== undefined) return componentName(schema.$ref) ?? schema.$ref;
  if (schema.enum !== undefined) return schema.enum.map((value) => JSON.stringify(value)).join(" | ");
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives !== undefined) return alternatives.map(typeLabel).join(" | ");
  if (schema.allOf !== undefined) return schema.allOf.map(typeLabel).join(" & ");
  if (schema.type === "array") return `${schema.items === undefined ? "any" : typeLabel(schema.items)}[]`;
  if (schema.type !== undefined) return schema.format === undefined ? schema.type : `${schema.type} (${schema.format})`;
  return schema.properties !== undefined ? "object" : "any";
}

/** The limits a schema sets on its values, as short phrases: `1 to 500`, `at most 2000 characters`, `default 50`. */
export function constraints(schema: Schema): string[] {
  const said: string[] = [];
  const min = schema.minimum !== undefined && Math.abs(schema.minimum) < UNBOUNDED ? schema.minimum : undefined;
  const max = schema.maximum !== undefined && Math.abs(schema.maximum) < UNBOUNDED ? schema.maximum : undefined;
  if (min !== undefined && max !== undefined) said.push(`${min} to ${max}`);
  else if (min !== undefined) said.push(`at least ${min}`);
  else if (max !== undefined) said.push(`at most ${max}`);
  if (schema.minLength === 1) said.push("not empty");
  else if (schema.minLength !== undefined && schema.minLength > 1) said.push(`at least ${schema.minLength} characters`);
  if (schema.maxLength !== undefined) said.push(`at most ${schema.maxLength} characters`);
  if (schema.default !== undefined) said.push(`default ${JSON.stringify(schema.default)}`);
  return said;
}

/** Whether a schema has parts to open: properties, items or alternatives with their own structure. */
function hasStructure(schema: Schema, components: Components): boolean {
  const resolved = resolve(schema, components);
  if (resolved.properties !== undefined && Object.keys(resolved.properties).length > 0) return true;
  if (resolved.items !== undefined) return hasStructure(resolved.items, components);
  const parts = resolved.anyOf ?? resolved.oneOf ?? resolved.allOf;
  return parts !== undefined && parts.some((part) => hasStructure(part, components));
}

/** One field of an object (or one alternative): name, type, whether required, limits, description; opens to its own parts. */
function fieldRow(name: string | null, schema: Schema, components: Components, required: boolean): HTMLElement {
  const line: Child[] = [
    name === null ? null : h("code", { class: "field-name" }, name),
    h("span", { class: "field-type" }, typeLabel(schema)),
    required ? h("span", { class: "tag required" }, "required") : null,
    ...constraints(schema).map((said) => h("span", { class: "constraint" }, said)),
    schema.description === undefined ? null : h("span", { class: "field-description" }, ...prose(schema.description)),
  ];
  const item = h("li", { class: "field", "data-field": name ?? "" });
  item.append(hasStructure(schema, components) ? lazyDetails("field-parts", line, () => schemaParts(schema, components)) : h("div", { class: "field-line" }, ...line));
  return item;
}

/**
 * What a schema holds, one level down, each part opening to its own: an object's properties, the alternatives of
 * a union, an array's items' parts; a named schema shows its description first.
 */
export function schemaParts(schema: Schema, components: Components): HTMLElement {
  const resolved = resolve(schema, components);
  // An array's parts are its items' parts: a list of licenses opens to a license's fields.
  if (resolved.items !== undefined) return schemaParts(resolved.items, components);
  const parts = h("div", { class: "schema" });
  if (schema.$ref !== undefined && resolved.description !== undefined) parts.append(h("p", { class: "muted" }, ...prose(resolved.description)));
  const required = new Set(resolved.required ?? []);
  const properties = Object.entries(resolved.properties ?? {});
  if (properties.length > 0) parts.append(h("ul", { class: "fields" }, ...properties.map(([name, property]) => fieldRow(name, property, components, required.has(name)))));
  const alternatives = resolved.anyOf ?? resolved.oneOf;
  if (alternatives !== undefined) parts.append(h("p", { class: "muted" }, "One of:"), h("ul", { class: "fields" }, ...alternatives.map((part) => fieldRow(null, part, components, false))));
  if (resolved.allOf !== undefined) parts.append(h("p", { class: "muted" }, "All of:"), h("ul", { class: "fields" }, ...resolved.allOf.map((part) => fieldRow(null, part, components, false))));
  if (parts.childElementCount === 0) parts.append(h("p", { class: "muted" }, typeLabel(resolved)));
  return parts;
}

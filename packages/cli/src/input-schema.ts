/**
 * The part of a model version's OpenAPI schema the CLI reads: the `Input` and `Output` schemas,
 * with `$ref` and single-item `allOf` (how Cog writes enums) resolved.
 */

/** One field of a model's input or output, as far as the CLI cares. */
export interface FieldSchema {
  type?: string | undefined;
  format?: string | undefined;
  description?: string | undefined;
  default?: unknown;
  enum?: unknown[] | undefined;
  minimum?: number | undefined;
  maximum?: number | undefined;
  items?: FieldSchema | undefined;
  /** Cog's display order. */
  order?: number | undefined;
}

/** A model version's inputs: fields by name, and which are required. */
export interface InputSchema {
  fields: Map<string, FieldSchema>;
  required: Set<string>;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** The named schema under `components.schemas`, e.g. `Input` or `Output`. */
function componentSchema(openapi: unknown, name: string): Json | undefined {
  if (!isObject(openapi)) return undefined;
  const components = openapi.components;
  if (!isObject(components) || !isObject(components.schemas)) return undefined;
  const schema = components.schemas[name];
  return isObject(schema) ? schema : undefined;
}

/** Follows `#/components/schemas/...` references and merges `allOf` parts into one schema. */
function resolve(openapi: unknown, schema: unknown, depth = 0): Json {
  if (!isObject(schema) || depth > 10) return {};
  let merged: Json = { ...schema };
  if (typeof schema.$ref === "string") {
    const name = /^#\/components\/schemas\/(.+)$/.exec(schema.$ref)?.[1];
    merged = { ...resolve(openapi, name ? componentSchema(openapi, name) : undefined, depth + 1) };
    for (const [key, value] of Object.entries(schema)) if (key !== "$ref") merged[key] = value;
  }
  if (Array.isArray(schema.allOf)) {
    for (const part of schema.allOf) merged = { ...resolve(openapi, part, depth + 1), ...merged };
    delete merged.allOf;
  }
  return merged;
}

function toField(openapi: unknown, raw: unknown): FieldSchema {
  const schema = resolve(openapi, raw);
  const number = (value: unknown) => (typeof value === "number" ? value : undefined);
  const text = (value: unknown) => (typeof value === "string" ? value : undefined);
  return {
    type: text(schema.type),
    format: text(schema.format),
    description: text(schema.description),
    default: schema.default,
    enum: Array.isArray(schema.enum) ? schema.enum : undefined,
    minimum: number(schema.minimum),
    maximum: number(schema.maximum),
    items: schema.items === undefined ? undefined : toField(openapi, schema.items),
    order: number(schema["x-order"]),
  };
}

/**
 * The version's input fields in Cog's order, or `undefined` when the schema has none. Pass
 * `TrainingInput` for the inputs of the model's `train()`.
 */
export function inputSchemaOf(
  openapi: unknown,
  schemaName: "Input" | "TrainingInput" = "Input",
): InputSchema | undefined {
  const input = componentSchema(openapi, schemaName);
  if (!input || !isObject(input.properties)) return undefined;
  const entries = Object.entries(input.properties).map(
    ([name, raw]) => [name, toField(openapi, raw)] as const,
  );
  entries.sort(
    ([, a], [, b]) => (a.order ?? Number.MAX_SAFE_INTEGER) - (b.order ?? Number.MAX_SAFE_INTEGER),
  );
  const required = Array.isArray(input.required)
    ? input.required.filter((name): name is string => typeof name === "string")
    : [];
  return { fields: new Map(entries), required: new Set(required) };
}

/** The version's output schema, resolved, or `undefined`. */
export function outputSchemaOf(openapi: unknown): FieldSchema | undefined {
  const output = componentSchema(openapi, "Output");
  return output ? toField(openapi, output) : undefined;
}

/** Whether a field takes a file: a URI string, or a list of them. */
export function isFileField(field: FieldSchema | undefined): boolean {
  if (!field) return false;
  if (field.type === "string" && field.format === "uri") return true;
  return field.type === "array" && isFileField(field.items);
}

/** A short type label for tables: `integer`, `file`, `string[]`, `enum`... */
export function describeType(field: FieldSchema): string {
  if (field.enum) return `enum (${field.enum.map((value) => JSON.stringify(value)).join(", ")})`;
  if (field.type === "string" && field.format === "uri") return "file";
  if (field.type === "array") return `${field.items ? describeType(field.items) : "any"}[]`;
  return field.type ?? "any";
}

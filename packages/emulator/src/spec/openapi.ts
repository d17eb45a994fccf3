import rawSpec from "../../../../spec/replicate-openapi.json";
import { normalizeSchema } from "./normalize-schema";

/** The parts of an OpenAPI document the emulator reads. */
export interface OpenApiParameter {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required?: boolean;
  schema?: Record<string, unknown>;
}

export interface OpenApiOperation {
  operationId: string;
  parameters?: (OpenApiParameter | { $ref: string })[];
  requestBody?: {
    required?: boolean;
    content: Record<string, { schema?: Record<string, unknown> }>;
  };
  responses: Record<string, unknown>;
  security?: unknown[];
}

interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { parameters: Record<string, OpenApiParameter>; schemas: Record<string, unknown> };
}

/** Replicate's OpenAPI document, bundled into the package at build time. */
export const spec = rawSpec as unknown as OpenApiDocument;

/** The `$id` under which the spec's component schemas are registered with ajv. */
export const SPEC_SCHEMA_ID = "replicate-openapi";

/** One operation of the spec, with its parameters resolved. */
export interface SpecOperation {
  operationId: string;
  method: string;
  /** The OpenAPI path template, e.g. `/predictions/{prediction_id}`. */
  path: string;
  parameters: OpenApiParameter[];
  operation: OpenApiOperation;
  /** True when the operation declares `security: []`: no token needed. */
  isPublic: boolean;
}

const HTTP_METHODS = new Set(["get", "post", "put", "patch", "delete", "query", "head", "options"]);

function resolveParameter(parameter: OpenApiParameter | { $ref: string }): OpenApiParameter {
  if ("$ref" in parameter) {
    const name = parameter.$ref.split("/").pop() ?? "";
    const resolved = spec.components.parameters[name];
    if (!resolved) throw new Error(`The spec refers to an unknown parameter ${parameter.$ref}.`);
    return resolved;
  }
  return parameter;
}

/** Every operation in the spec (37 of them). */
export const specOperations: readonly SpecOperation[] = Object.entries(spec.paths).flatMap(
  ([path, methods]) =>
    Object.entries(methods)
      .filter(([method]) => HTTP_METHODS.has(method))
      .map(([method, operation]) => ({
        operationId: operation.operationId,
        method: method.toUpperCase(),
        path,
        parameters: (operation.parameters ?? []).map(resolveParameter),
        operation,
        isPublic: Array.isArray(operation.security) && operation.security.length === 0,
      })),
);

const byId = new Map(specOperations.map((op) => [op.operationId, op]));

/** The operation with this `operationId`; throws for a name the spec does not have. */
export function specOperation(operationId: string): SpecOperation {
  const operation = byId.get(operationId);
  if (!operation) throw new Error(`The spec has no operation named ${operationId}.`);
  return operation;
}

/** The spec's component schemas, normalized for ajv and addressable as `replicate-openapi#/...`. */
export function specComponentsSchema(): Record<string, unknown> {
  return {
    $id: SPEC_SCHEMA_ID,
    components: { schemas: normalizeSchema(spec.components.schemas, SPEC_SCHEMA_ID) },
  };
}

/** Turns an OpenAPI path template into a matcher for concrete paths. */
export function pathTemplateToRegExp(template: string): RegExp {
  const pattern = template
    .split("/")
    .map((segment) =>
      segment.startsWith("{") ? "[^/]+" : segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"),
    )
    .join("/");
  return new RegExp(`^${pattern}/?$`);
}

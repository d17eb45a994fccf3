import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import Ajv2020, { type ValidateFunction } from "ajv/dist/2020";
import addFormats from "ajv-formats";

/**
 * Checks HTTP requests and answers against spec/replicate-openapi.json: which operation a
 * request is, whether its path, query, headers and body are ones the spec allows, and whether a
 * test's fixture answer has the shape the spec gives. Schemas are validated with ajv.
 */

const SPEC_PATH = fileURLToPath(
  new URL("../../../../spec/replicate-openapi.json", import.meta.url),
);
const SPEC_ID = "replicate-openapi";
const HTTP_METHODS = ["get", "post", "put", "patch", "delete", "query"] as const;

interface ParameterObject {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required?: boolean;
  schema?: Record<string, unknown>;
}

interface OperationObject {
  operationId: string;
  parameters?: (ParameterObject | { $ref: string })[];
  requestBody?: { required?: boolean; content: Record<string, { schema?: unknown }> };
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}

interface OpenApiDocument {
  paths: Record<string, Partial<Record<(typeof HTTP_METHODS)[number], OperationObject>>>;
  components: { parameters: Record<string, ParameterObject> };
}

/** One operation of the spec, ready to match requests against. */
export interface SpecOperation {
  operationId: string;
  method: string;
  /** The path template, e.g. `/models/{model_owner}/{model_name}`. */
  template: string;
  parameters: ParameterObject[];
  /** A JSON pointer (inside the spec) for each request body content type. */
  bodySchemas: Record<string, string>;
  bodyRequired: boolean;
  /** Status code -> JSON pointer of the `application/json` response schema, if any. */
  responseSchemas: Record<string, string | undefined>;
  matcher: RegExp;
  templateNames: string[];
}

/** A request as a test server received it. */
export interface RecordedRequest {
  method: string;
  /** Path and query as received, e.g. `/v1/models?sort_by=model_created_at`. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** What {@link checkRequest} found. */
export interface RequestCheck {
  operationId: string | undefined;
  pathParams: Record<string, string>;
  problems: string[];
}

export const spec = JSON.parse(readFileSync(SPEC_PATH, "utf8")) as OpenApiDocument;

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema({ ...spec, $id: SPEC_ID });
const validators = new Map<string, ValidateFunction>();

/** Every operation in the spec. */
export const operations: SpecOperation[] = Object.entries(spec.paths).flatMap(([template, item]) =>
  HTTP_METHODS.flatMap((method) => {
    const operation = item[method];
    if (!operation) return [];
    const pointer = `#/paths/${escapePointer(template)}/${method}`;
    const templateNames = [...template.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]!);
    const matcher = new RegExp(
      `^${template.replace(/\{[^}]+\}/g, "([^/]+)").replace(/\//g, "\\/")}$`,
    );
    return [
      {
        operationId: operation.operationId,
        method: method.toUpperCase(),
        template,
        parameters: (operation.parameters ?? []).map(resolveParameter),
        bodySchemas: Object.fromEntries(
          Object.keys(operation.requestBody?.content ?? {}).map((type) => [
            type,
            `${pointer}/requestBody/content/${escapePointer(type)}/schema`,
          ]),
        ),
        bodyRequired: operation.requestBody?.required ?? false,
        responseSchemas: Object.fromEntries(
          Object.entries(operation.responses).map(([status, response]) => [
            status,
            response.content?.["application/json"]?.schema
              ? `${pointer}/responses/${status}/content/application~1json/schema`
              : undefined,
          ]),
        ),
        matcher,
        templateNames,
      },
    ];
  }),
);

/** The operation a method and path (without the `/v1` base) refer to; literal paths win. */
export function findOperation(
  method: string,
  pathname: string,
): { operation: SpecOperation; pathParams: Record<string, string> } | undefined {
  const candidates = operations
    .filter((operation) => operation.method === method.toUpperCase())
    .map((operation) => ({ operation, match: operation.matcher.exec(pathname) }))
    .filter((candidate) => candidate.match !== null)
    .sort((a, b) => a.operation.templateNames.length - b.operation.templateNames.length);
  const best = candidates[0];
  if (!best?.match) return undefined;
  const pathParams = Object.fromEntries(
    best.operation.templateNames.map((name, index) => [
      name,
      decodeURIComponent(best.match![index + 1]!),
    ]),
  );
  return { operation: best.operation, pathParams };
}

/** Checks one request against the spec; `basePath` is the part of the URL before the API paths. */
export function checkRequest(request: RecordedRequest, basePath = "/v1"): RequestCheck {
  const url = new URL(request.url, "http://spec.test");
  const pathname = url.pathname.startsWith(basePath)
    ? url.pathname.slice(basePath.length)
    : url.pathname;
  const found = findOperation(request.method, pathname);
  if (!found) {
    return {
      operationId: undefined,
      pathParams: {},
      problems: [`${request.method} ${pathname} is not an operation of the spec`],
    };
  }
  const { operation, pathParams } = found;
  const problems: string[] = [];
  const where = `${operation.operationId} (${request.method} ${pathname})`;

  for (const [name, value] of Object.entries(pathParams)) {
    if (value.trim() === "" || value.includes("/")) {
      problems.push(`${where}: path parameter ${name} is ${JSON.stringify(value)}`);
    }
  }
  problems.push(...checkQuery(operation, url.searchParams, where));
  problems.push(...checkHeaders(operation, request.headers, where));
  problems.push(...checkBody(operation, request, where));
  return { operationId: operation.operationId, pathParams, problems };
}

/** Problems with a JSON answer `body` given for `status`, per the operation's response schema. */
export function checkResponse(operationId: string, status: number, body: unknown): string[] {
  const operation = operations.find((candidate) => candidate.operationId === operationId);
  if (!operation) return [`${operationId} is not an operation of the spec`];
  if (!(String(status) in operation.responseSchemas)) {
    return [`${operationId} has no ${status} answer in the spec`];
  }
  const pointer = operation.responseSchemas[String(status)];
  if (pointer === undefined) {
    return body === undefined ? [] : [`${operationId} ${status} has no JSON body in the spec`];
  }
  return schemaProblems(pointer, body, `${operationId} ${status} answer`);
}

function checkQuery(operation: SpecOperation, query: URLSearchParams, where: string): string[] {
  const problems: string[] = [];
  const declared = operation.parameters.filter((parameter) => parameter.in === "query");
  for (const name of new Set(query.keys())) {
    // A cursor is part of the URLs the API itself hands out in `next` and `previous`.
    if (name === "cursor") continue;
    const parameter = declared.find((candidate) => candidate.name === name);
    if (!parameter) {
      problems.push(`${where}: query parameter ${name} is not in the spec`);
      continue;
    }
    const raw = query.get(name)!;
    const value = parameter.schema?.type === "integer" ? Number(raw) : raw;
    problems.push(...inlineSchemaProblems(parameter.schema, value, `${where}: query ${name}`));
  }
  for (const parameter of declared) {
    if (parameter.required && !query.has(parameter.name)) {
      problems.push(`${where}: required query parameter ${parameter.name} is missing`);
    }
  }
  return problems;
}

function checkHeaders(
  operation: SpecOperation,
  headers: RecordedRequest["headers"],
  where: string,
): string[] {
  const problems: string[] = [];
  for (const name of ["prefer", "cancel-after"]) {
    const value = headers[name];
    if (value === undefined) continue;
    const parameter = operation.parameters.find(
      (candidate) => candidate.in === "header" && candidate.name.toLowerCase() === name,
    );
    if (!parameter) {
      problems.push(`${where}: header ${name} is not in the spec for this operation`);
      continue;
    }
    problems.push(...inlineSchemaProblems(parameter.schema, value, `${where}: header ${name}`));
  }
  return problems;
}

function checkBody(operation: SpecOperation, request: RecordedRequest, where: string): string[] {
  const declaredTypes = Object.keys(operation.bodySchemas);
  if (declaredTypes.length === 0) {
    return request.body === "" ? [] : [`${where}: sends a body, but the spec has none`];
  }
  if (request.body === "") {
    return operation.bodyRequired ? [`${where}: the spec requires a body`] : [];
  }
  const contentType = String(request.headers["content-type"] ?? "")
    .split(";")[0]!
    .trim();
  const pointer = operation.bodySchemas[contentType];
  if (!pointer) {
    return [`${where}: content type ${contentType} is not one of ${declaredTypes.join(", ")}`];
  }
  if (contentType !== "application/json") {
    return schemaProblems(pointer, request.body, `${where}: body`);
  }
  let body: unknown;
  try {
    body = JSON.parse(request.body);
  } catch {
    return [`${where}: the body is not JSON`];
  }
  // Fields the spec does not know would be silently dropped by the API: refuse them here.
  return schemaProblems(pointer, body, `${where}: body`, { closed: true });
}

function schemaProblems(
  pointer: string,
  value: unknown,
  what: string,
  { closed = false } = {},
): string[] {
  const key = `${closed}:${pointer}`;
  let validate = validators.get(key);
  if (!validate) {
    const reference = { $ref: `${SPEC_ID}${pointer}` };
    validate = ajv.compile(closed ? { ...reference, unevaluatedProperties: false } : reference);
    validators.set(key, validate);
  }
  if (validate(value)) return [];
  return (validate.errors ?? []).map(
    (error) =>
      `${what}${error.instancePath || ""} ${error.message ?? "is invalid"} ${JSON.stringify(error.params)}`,
  );
}

function inlineSchemaProblems(
  schema: Record<string, unknown> | undefined,
  value: unknown,
  what: string,
): string[] {
  if (!schema) return [];
  const validate = ajv.compile(schema);
  if (validate(value)) return [];
  return (validate.errors ?? []).map((error) => `${what} ${error.message ?? "is invalid"}`);
}

function resolveParameter(parameter: ParameterObject | { $ref: string }): ParameterObject {
  if (!("$ref" in parameter)) return parameter;
  const name = parameter.$ref.split("/").pop()!;
  const resolved = spec.components.parameters[name];
  if (!resolved) throw new Error(`The spec refers to a missing parameter ${parameter.$ref}`);
  return resolved;
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, "~0").replace(/\//g, "~1");
}

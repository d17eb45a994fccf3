import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

/**
 * An oracle written independently of the emulator's own validation: it reads the spec file and
 * checks that a response's status is one the operation documents (or an error in the API's
 * problem shape) and that its JSON body matches the documented schema.
 */
interface Operation {
  method: string;
  template: string;
  pattern: RegExp;
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}

const specPath = fileURLToPath(new URL("../../../../spec/replicate-openapi.json", import.meta.url));
const spec = JSON.parse(readFileSync(specPath, "utf8")) as {
  paths: Record<string, Record<string, { responses: Operation["responses"] }>>;
  components: { schemas: Record<string, unknown> };
};

/** OpenAPI 3.0's `nullable` -> JSON Schema, and document-relative refs -> refs into `spec`. */
function toJsonSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(toJsonSchema);
  if (!schema || typeof schema !== "object") return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === "nullable" || key === "example") continue;
    if (key === "$ref" && typeof value === "string") out.$ref = `spec${value}`;
    else if (key === "properties") {
      out.properties = Object.fromEntries(
        Object.entries(value as object).map(([k, v]) => [k, toJsonSchema(v)]),
      );
    } else out[key] = toJsonSchema(value);
  }
  if ((schema as { nullable?: boolean }).nullable) return { anyOf: [out, { type: "null" }] };
  return out;
}

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema({ $id: "spec", components: { schemas: toJsonSchema(spec.components.schemas) } });

const operations: Operation[] = Object.entries(spec.paths).flatMap(([template, methods]) =>
  Object.entries(methods).map(([method, op]) => ({
    method: method.toUpperCase(),
    template,
    pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, "[^/]+")}/?$`),
    responses: op.responses,
  })),
);

/** `METHOD /template` of the spec operation a request is for, or undefined. */
export function operationFor(method: string, url: string): Operation | undefined {
  const path = new URL(url).pathname.replace(/^\/v1/, "");
  return operations.find((op) => op.method === method.toUpperCase() && op.pattern.test(path));
}

const validators = new Map<string, ReturnType<typeof ajv.compile>>();

/** Problems with one response, or an empty list when it matches the spec. */
export function checkResponse(
  method: string,
  url: string,
  status: number,
  contentType: string | null,
  body: string,
): string[] {
  const operation = operationFor(method, url);
  if (!operation) return [];
  const where = `${method} ${operation.template} -> ${status}`;
  const documented = operation.responses[String(status)];
  if (!documented) {
    if (status < 400) return [`${where}: status not documented by the spec`];
    if (!(contentType ?? "").startsWith("application/problem+json"))
      return [`${where}: error is not problem+json`];
    const problem = JSON.parse(body) as Record<string, unknown>;
    const ok =
      typeof problem.title === "string" &&
      typeof problem.detail === "string" &&
      problem.status === status;
    return ok ? [] : [`${where}: error body is not { title, detail, status }`];
  }
  const jsonContent = Object.entries(documented.content ?? {}).find(([type]) =>
    type.includes("json"),
  );
  if (!jsonContent?.[1].schema) return [];
  const key = `${operation.method} ${operation.template} ${status}`;
  let validate = validators.get(key);
  if (!validate) {
    validate = ajv.compile(toJsonSchema(jsonContent[1].schema) as object);
    validators.set(key, validate);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return [`${where}: body is not JSON`];
  }
  if (validate(parsed)) return [];
  return [`${where}: ${ajv.errorsText(validate.errors)}`];
}

/**
 * A `fetch` that checks every emulator response it sees against the spec and collects problems,
 * the operations it saw, and the operations that answered with a 2xx at least once.
 */
export function contractCheckingFetch(inner: typeof fetch = fetch) {
  const problems: string[] = [];
  const seen = new Set<string>();
  const succeeded = new Set<string>();
  const checked: typeof fetch = async (input, init) => {
    // Read method and URL without building a Request, which would take over a streamed body.
    const method = init?.method ?? (input instanceof Request ? input.method : "GET");
    const url = input instanceof Request ? input.url : String(input);
    const response = await inner(input, init);
    const operation = operationFor(method, url);
    if (operation && !(response.headers.get("content-type") ?? "").includes("event-stream")) {
      const body = await response.clone().text();
      seen.add(`${operation.method} ${operation.template}`);
      if (response.status >= 200 && response.status < 300) {
        succeeded.add(`${operation.method} ${operation.template}`);
      }
      problems.push(
        ...checkResponse(method, url, response.status, response.headers.get("content-type"), body),
      );
    }
    return response;
  };
  return { fetch: checked, problems, operationsSeen: seen, operationsSucceeded: succeeded };
}

/** Every operation of the spec as `METHOD /template`. */
export const ALL_OPERATIONS = operations.map((op) => `${op.method} ${op.template}`);

import type { ValidateFunction } from "ajv";
import type { MiddlewareHandler } from "hono";
import { cancelAfterMs, preferWaitSeconds } from "../http/headers";
import { ApiProblem } from "../problem";
import { normalizeSchema } from "../spec/normalize-schema";
import { SPEC_SCHEMA_ID, type SpecOperation, specOperation } from "../spec/openapi";
import { getParameterAjv, getSpecAjv } from "./ajv";
import { readJsonBody, readTextBody } from "./body";
import type { EmulatorEnv } from "./context";
import { describeValidationErrors } from "./validation-errors";
import { checkWebhookUrl } from "./webhook-url";

/** The validators of one operation, compiled once from the spec. */
interface OperationValidators {
  operation: SpecOperation;
  query: ValidateFunction | undefined;
  headers: { name: string; validate: ValidateFunction }[];
  body:
    | { kind: "json" | "text"; required: boolean; validate: ValidateFunction | undefined }
    | undefined;
}

const compiled = new Map<string, OperationValidators>();

function parameterSchema(
  operation: SpecOperation,
  location: "query",
): ValidateFunction | undefined {
  const parameters = operation.parameters.filter((p) => p.in === location);
  if (parameters.length === 0) return undefined;
  const schema = {
    type: "object",
    properties: Object.fromEntries(
      parameters.map((p) => [p.name, normalizeSchema(p.schema ?? {}, SPEC_SCHEMA_ID)]),
    ),
    required: parameters.filter((p) => p.required).map((p) => p.name),
  };
  return getParameterAjv().compile(schema);
}

function compileOperation(operationId: string): OperationValidators {
  const existing = compiled.get(operationId);
  if (existing) return existing;

  const operation = specOperation(operationId);
  const headers = operation.parameters
    .filter((p) => p.in === "header" && p.schema)
    .map((p) => ({
      name: p.name,
      validate: getParameterAjv().compile(normalizeSchema(p.schema, SPEC_SCHEMA_ID) as object),
    }));

  let body: OperationValidators["body"];
  const content = operation.operation.requestBody?.content;
  if (content) {
    const required = operation.operation.requestBody?.required ?? false;
    const json = content["application/json"];
    if (json) {
      const schema = json.schema ? normalizeSchema(json.schema, SPEC_SCHEMA_ID) : undefined;
      body = {
        kind: "json",
        required,
        validate: schema ? getSpecAjv().compile(schema as object) : undefined,
      };
    } else if (content["text/plain"]) {
      body = { kind: "text", required, validate: undefined };
    }
    // multipart/form-data (files.create) is streamed by its route, never read here.
  }

  const validators = { operation, query: parameterSchema(operation, "query"), headers, body };
  compiled.set(operationId, validators);
  return validators;
}

/** Compiles every listed operation's validators now rather than on first use. */
export function precompileValidators(operationIds: Iterable<string>): void {
  for (const id of operationIds) compileOperation(id);
}

/**
 * Step 3 of the pipeline: checks a request against its operation in the spec (query parameters,
 * headers, JSON body) and stores the result as `c.var.input`. Bad parameters are 400s; a body that
 * parses but breaks the schema is a 422 naming the field, as the API answers.
 */
export function validateRequest(operationId: string): MiddlewareHandler<EmulatorEnv> {
  const validators = compileOperation(operationId);
  return async (c, next) => {
    const query: Record<string, unknown> = {};
    for (const [name, values] of Object.entries(c.req.queries())) query[name] = values[0];
    if (validators.query && !validators.query(query)) {
      const { detail, invalidFields } = describeValidationErrors(validators.query.errors, "");
      throw new ApiProblem(400, `Invalid query parameters:\n${detail}`, { invalidFields });
    }

    for (const header of validators.headers) {
      const value = c.req.header(header.name);
      if (value === undefined) continue;
      if (!header.validate(value)) {
        throw new ApiProblem(
          400,
          `The ${header.name} header is not valid: ${JSON.stringify(value)}.${
            header.name === "Prefer" ? " Use `wait` or `wait=n` with n from 1 to 60." : ""
          }`,
        );
      }
    }

    // Headers with a meaning of their own are parsed here, so handlers only act.
    const takes = (name: string) => validators.headers.some((header) => header.name === name);
    const preferWait = takes("Prefer") ? preferWaitSeconds(c.req.header("prefer")) : undefined;
    const cancelAfter = takes("Cancel-After")
      ? cancelAfterMs(c.req.header("cancel-after"))
      : undefined;

    let body: unknown;
    if (validators.body) {
      body =
        validators.body.kind === "json"
          ? await readJsonBody(c.req.raw)
          : await readTextBody(c.req.raw);
      const entry = c.get("logEntry");
      if (entry) entry.body = body;
      if (body === undefined && validators.body.required) {
        throw new ApiProblem(400, "This endpoint needs a request body, and none was sent.");
      }
      if (validators.body.kind === "json" && validators.body.validate) {
        // No body is an empty object to the schema, so its required fields are named (422), as
        // the API answers, instead of reaching a handler that expects them.
        body ??= {};
        if (!validators.body.validate(body)) {
          const { detail, invalidFields } = describeValidationErrors(
            validators.body.validate.errors,
            "",
          );
          throw new ApiProblem(422, detail, { title: "Invalid request body", invalidFields });
        }
        const { webhook } = body as { webhook?: unknown };
        if (typeof webhook === "string") checkWebhookUrl(webhook);
      }
    }

    c.set("input", {
      params: c.req.param() as Record<string, string>,
      query,
      body,
      preferWaitSeconds: preferWait,
      cancelAfterMs: cancelAfter,
    });
    await next();
  };
}

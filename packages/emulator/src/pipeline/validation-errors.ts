import type { ErrorObject } from "ajv";
import type { InvalidField } from "../problem";

/**
 * Turns ajv's errors into Replicate's `invalid_fields` entries and a detail made of one
 * `- field: description` line per problem, e.g. `- input: text is required`.
 *
 * @param root the name of the validated value (`input` for a model's input, `body` for a body)
 */
export function describeValidationErrors(
  errors: readonly ErrorObject[] | null | undefined,
  root: string,
): { detail: string; invalidFields: InvalidField[] } {
  const seen = new Set<string>();
  const invalidFields: InvalidField[] = [];
  for (const error of errors ?? []) {
    // Combinators only say "some branch failed"; the branch errors say which field and why.
    if (["anyOf", "oneOf", "allOf", "if", "not"].includes(error.keyword)) continue;
    const field = fieldName(root, error.instancePath);
    const entry = describe(error, field, root);
    const key = `${entry.field}|${entry.description}`;
    if (seen.has(key)) continue;
    seen.add(key);
    invalidFields.push(entry);
  }
  if (invalidFields.length === 0) {
    invalidFields.push({ type: "invalid", field: root, description: "is not valid" });
  }
  const detail = invalidFields.map((f) => `- ${f.field}: ${f.description}`).join("\n");
  return { detail, invalidFields };
}

function fieldName(root: string, instancePath: string): string {
  const parts = instancePath
    .split("/")
    .slice(1)
    .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"));
  if (root === "") return parts.join(".");
  return [root, ...parts].join(".");
}

function jsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function describe(error: ErrorObject, field: string, root: string): InvalidField {
  const params = error.params as Record<string, unknown>;
  const name = field || root || "(root)";
  switch (error.keyword) {
    case "required": {
      const missing = String(params.missingProperty);
      // At the top of a body there is no parent to name: the missing property is the field.
      return {
        type: "required",
        field: field || root || missing,
        description: `${missing} is required`,
      };
    }
    case "type":
      return {
        type: "invalid_type",
        field: name,
        description: `Invalid type. Expected: ${formatType(params.type)}, given: ${jsonType(error.data)}`,
      };
    case "enum":
      return {
        type: "enum",
        field: name,
        description: `${lastSegment(name)} must be one of the following: ${(
          params.allowedValues as unknown[]
        )
          .map((v) => JSON.stringify(v))
          .join(", ")}`,
      };
    case "const":
      return {
        type: "const",
        field: name,
        description: `must be ${JSON.stringify(params.allowedValue)}`,
      };
    case "minimum":
    case "exclusiveMinimum":
      return {
        type: "number_gte",
        field: name,
        description: `Must be greater than ${error.keyword === "minimum" ? "or equal to " : ""}${String(params.limit)}`,
      };
    case "maximum":
    case "exclusiveMaximum":
      return {
        type: "number_lte",
        field: name,
        description: `Must be less than ${error.keyword === "maximum" ? "or equal to " : ""}${String(params.limit)}`,
      };
    case "additionalProperties": {
      const extra = String(params.additionalProperty);
      return {
        type: "additional_property_not_allowed",
        field: field || root || extra,
        description: `Additional property ${extra} is not allowed`,
      };
    }
    case "format":
      return {
        type: "format",
        field: name,
        description: `Does not match format '${String(params.format)}'`,
      };
    case "pattern":
      return {
        type: "pattern",
        field: name,
        description: `Does not match pattern '${String(params.pattern)}'`,
      };
    case "minLength":
    case "maxLength":
    case "minItems":
    case "maxItems":
      return { type: error.keyword, field: name, description: capitalize(error.message ?? "") };
    default:
      return {
        type: error.keyword,
        field: name,
        description: capitalize(error.message ?? "is not valid"),
      };
  }
}

function formatType(type: unknown): string {
  return Array.isArray(type) ? type.join(" or ") : String(type);
}

function lastSegment(field: string): string {
  return field.split(".").pop() ?? field;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

import type { ValidateFunction } from "ajv";
import { createAjv } from "../pipeline/ajv";
import { describeValidationErrors } from "../pipeline/validation-errors";
import { ApiProblem } from "../problem";
import { normalizeSchema } from "../spec/normalize-schema";

type SchemaName = "Input" | "TrainingInput";

// One ajv for every model schema. Quiet: public Cog schemas use formats ajv does not know
// (uint8, uint32), which it skips.
const ajv = createAjv({ quiet: true });
// Validators are compiled once per distinct schema text: every training makes a new version with
// its own (equal) schema object, and ajv keeps whatever it compiles, so keying on objects alone
// would grow with each training. The WeakMap saves serializing a known document again.
const bySchemaText = new Map<string, ValidateFunction | null>();
const byDocument = new WeakMap<object, Map<SchemaName, ValidateFunction | null>>();

function componentSchemas(
  openapiSchema: Record<string, unknown>,
): Record<string, unknown> | undefined {
  const components = openapiSchema.components as { schemas?: Record<string, unknown> } | undefined;
  return components?.schemas;
}

function compile(schemas: Record<string, unknown>, name: SchemaName): ValidateFunction | null {
  try {
    // Compile the whole document so `#/components/schemas/...` references resolve inside it.
    return ajv.compile({
      $ref: `#/components/schemas/${name}`,
      components: { schemas: normalizeSchema(schemas) },
    });
  } catch {
    // A schema ajv cannot compile is not checked, rather than making the model unusable.
    return null;
  }
}

/**
 * The validator of a version's `Input` (or `TrainingInput`), or null when it has none or ajv
 * cannot compile it. Equal schemas share one validator.
 */
export function modelInputValidator(
  openapiSchema: Record<string, unknown>,
  name: SchemaName = "Input",
): ValidateFunction | null {
  let byName = byDocument.get(openapiSchema);
  if (!byName) {
    byName = new Map();
    byDocument.set(openapiSchema, byName);
  }
  const known = byName.get(name);
  if (known !== undefined) return known;

  const schemas = componentSchemas(openapiSchema);
  let validate: ValidateFunction | null = null;
  if (schemas?.[name]) {
    const text = `${name}\n${JSON.stringify(schemas)}`;
    const compiled = bySchemaText.get(text);
    validate = compiled !== undefined ? compiled : compile(schemas, name);
    bySchemaText.set(text, validate);
  }
  byName.set(name, validate);
  return validate;
}

/**
 * Checks a prediction's (or training's) input against the version's Cog schema and returns a copy
 * with the schema's defaults filled in. A wrong type, a missing required field or a value outside
 * an enumeration is a 422 whose detail names the field, e.g. `- input.palette: palette must be one
 * of the following: "warm", "cool", "mono"`.
 */
export function validateModelInput(
  openapiSchema: Record<string, unknown> | null | undefined,
  input: Record<string, unknown>,
  name: SchemaName = "Input",
): Record<string, unknown> {
  const copy = structuredClone(input);
  const validate = openapiSchema ? modelInputValidator(openapiSchema, name) : null;
  if (!validate || validate(copy)) return copy;
  const { detail, invalidFields } = describeValidationErrors(validate.errors, "input");
  throw new ApiProblem(422, detail, { title: "Input validation failed", invalidFields });
}

/** Whether the version's output is an iterator (it streams items, so it gets `urls.stream`). */
export function hasIteratorOutput(
  openapiSchema: Record<string, unknown> | null | undefined,
): boolean {
  const output = openapiSchema ? componentSchemas(openapiSchema)?.Output : undefined;
  return (
    typeof output === "object" &&
    output !== null &&
    (output as Record<string, unknown>)["x-cog-array-type"] === "iterator"
  );
}

/** Whether the version can be trained (its schema has a `TrainingInput`). */
export function isTrainableSchema(
  openapiSchema: Record<string, unknown> | null | undefined,
): boolean {
  return Boolean(openapiSchema && componentSchemas(openapiSchema)?.TrainingInput);
}

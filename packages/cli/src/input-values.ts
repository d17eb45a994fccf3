import { UsageError } from "./exit-codes";
import { type FieldSchema, type InputSchema, isFileField } from "./input-schema";

/** A `key=@path` argument: a local file to upload in place of the value. */
export class LocalFile {
  constructor(readonly path: string) {}
}

/** A parsed model input: JSON values, with {@link LocalFile}s where files are to be uploaded. */
export type ParsedInput = Record<string, unknown>;

/**
 * Turns `key=value` arguments into a model input. With the version's input schema, each value is
 * converted to the field's type (integers, numbers, booleans, JSON arrays and objects), unknown
 * fields and missing required ones are reported, and a repeated key adds items to an array field.
 * Without a schema, values that read as JSON (numbers, booleans, null, arrays, objects) are
 * parsed and everything else is a string. `key=@path` stands for a local file.
 */
export function parseInputArguments(
  args: readonly string[],
  schema: InputSchema | undefined,
): ParsedInput {
  const input: ParsedInput = {};
  for (const arg of args) {
    const separator = arg.indexOf("=");
    const key = separator > 0 ? arg.slice(0, separator).trim() : "";
    if (key === "") {
      throw new UsageError(
        `Expected an input as key=value, got ${JSON.stringify(arg)}: e.g. prompt="a red fox" or image=@photo.png.`,
      );
    }
    const text = arg.slice(separator + 1);
    if (!schema) {
      if (key in input) throw givenTwice(key);
      input[key] = text.startsWith("@") ? localFile(key, text) : guessValue(text);
      continue;
    }
    const field = schema.fields.get(key);
    if (!field) throw unknownInput(key, schema);
    if (field.type === "array" && !text.trimStart().startsWith("[")) {
      // A repeated key adds one item each time: image=@a.png image=@b.png.
      const items = Array.isArray(input[key]) ? (input[key] as unknown[]) : [];
      input[key] = [...items, convert(key, text, field.items ?? {})];
      continue;
    }
    if (key in input) throw givenTwice(key);
    input[key] = convert(key, text, field);
  }
  if (schema) {
    const missing = [...schema.required].filter((name) => !(name in input));
    if (missing.length > 0) {
      const example = missing.map((name) => `${name}=<value>`).join(" ");
      throw new UsageError(
        `Missing required input${missing.length > 1 ? "s" : ""} ${missing.join(", ")}: add ${example}.`,
      );
    }
  }
  return input;
}

function convert(key: string, text: string, field: FieldSchema): unknown {
  if (text.startsWith("@") && (isFileField(field) || field.type === undefined)) {
    return localFile(key, text);
  }
  const value = convertByType(key, text, field);
  if (field.enum && !field.enum.some((choice) => choice === value)) {
    const choices = field.enum.map((choice) => JSON.stringify(choice)).join(", ");
    throw new UsageError(`Input ${key} must be one of ${choices} (got ${JSON.stringify(text)}).`);
  }
  if (typeof value === "number") checkRange(key, value, field);
  return value;
}

/** The schema's `minimum` and `maximum`, checked here so that a bad value exits 2, not 3. */
function checkRange(key: string, value: number, field: FieldSchema): void {
  const { minimum, maximum } = field;
  const below = minimum !== undefined && value < minimum;
  const above = maximum !== undefined && value > maximum;
  if (!below && !above) return;
  const range =
    minimum !== undefined && maximum !== undefined
      ? `from ${minimum} to ${maximum}`
      : minimum !== undefined
        ? `at least ${minimum}`
        : `at most ${maximum}`;
  throw new UsageError(`Input ${key} must be ${range} (got ${value}).`);
}

/** A decimal number as people type it: `3`, `-1.5`, `.5`, `2e3`; not `0x10`, `0b1` or `Infinity`. */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function convertByType(key: string, text: string, field: FieldSchema): unknown {
  switch (field.type) {
    case "integer": {
      if (!/^[+-]?\d+$/.test(text.trim()) || !Number.isSafeInteger(Number(text))) {
        throw new UsageError(`Input ${key} must be a whole number (got ${JSON.stringify(text)}).`);
      }
      return Number(text);
    }
    case "number": {
      const value = Number(text);
      if (!DECIMAL.test(text.trim()) || !Number.isFinite(value)) {
        throw new UsageError(`Input ${key} must be a number (got ${JSON.stringify(text)}).`);
      }
      return value;
    }
    case "boolean": {
      const lower = text.trim().toLowerCase();
      if (["true", "yes", "1", "on"].includes(lower)) return true;
      if (["false", "no", "0", "off"].includes(lower)) return false;
      throw new UsageError(`Input ${key} must be true or false (got ${JSON.stringify(text)}).`);
    }
    case "array":
    case "object":
      return parseJson(key, text, field.type);
    case "string":
      return text;
    default:
      return guessValue(text);
  }
}

function parseJson(key: string, text: string, type: "array" | "object"): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new UsageError(
      `Input ${key} must be JSON ${type === "array" ? 'such as ["a","b"]' : 'such as {"a":1}'} (got ${JSON.stringify(text)}).`,
    );
  }
  const isArray = Array.isArray(value);
  if (type === "array" ? !isArray : isArray || typeof value !== "object" || value === null) {
    throw new UsageError(`Input ${key} must be a JSON ${type} (got ${JSON.stringify(text)}).`);
  }
  return value;
}

/** Without a schema: JSON when the text is JSON (but not a bare string), else the text itself. */
function guessValue(text: string): unknown {
  const trimmed = text.trim();
  if (/^(true|false|null|-?\d+(\.\d+)?([eE][+-]?\d+)?)$/.test(trimmed) || /^[[{]/.test(trimmed)) {
    try {
      return JSON.parse(trimmed);
    } catch {
      return text;
    }
  }
  return text;
}

function localFile(key: string, text: string): LocalFile {
  const path = text.slice(1);
  if (path === "") {
    throw new UsageError(`Input ${key}=@ needs a file path after the @, e.g. ${key}=@photo.png.`);
  }
  return new LocalFile(path);
}

function givenTwice(key: string): UsageError {
  return new UsageError(`Input ${key} was given twice: give each input once.`);
}

function unknownInput(key: string, schema: InputSchema): UsageError {
  const known = [...schema.fields.keys()].join(", ") || "none";
  return new UsageError(`Unknown input ${JSON.stringify(key)}: this model takes ${known}.`);
}

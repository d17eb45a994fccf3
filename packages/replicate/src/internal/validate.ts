import { InvalidArgumentError } from "../core/errors";

/**
 * Checks of method arguments, run before anything is sent. Each throws an
 * {@link InvalidArgumentError} whose one sentence says what was wrong and what to pass instead.
 */

/** Checks that a method got its object of named parameters, e.g. `{ modelOwner, modelName }`. */
export function requireParams<Params extends object>(
  params: Params | undefined | null,
  call: string,
  shape: string,
): Params {
  if (typeof params !== "object" || params === null || Array.isArray(params)) {
    throw new InvalidArgumentError(`${call} takes an object of named parameters: ${shape}.`);
  }
  return params;
}

/** A required, non-blank string. */
export function requireText(value: unknown, name: string): string {
  if (typeof value !== "string" || value.trim() === "") {
    throw new InvalidArgumentError(`${name} is required: pass a non-empty string.`);
  }
  return value;
}

/** An optional string: absent, or a string. */
export function optionalText(value: unknown, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string") {
    throw new InvalidArgumentError(`${name} must be a string (got ${describe(value)}).`);
  }
  return value;
}

/** One of a fixed set of values. */
export function oneOf<Allowed extends string>(
  value: unknown,
  allowed: readonly Allowed[],
  name: string,
): Allowed {
  if (typeof value !== "string" || !(allowed as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(
      `${name} must be ${listOfChoices(allowed)} (got ${describe(value)}).`,
    );
  }
  return value as Allowed;
}

/** Like {@link oneOf}, but absent is fine. */
export function optionalOneOf<Allowed extends string>(
  value: unknown,
  allowed: readonly Allowed[],
  name: string,
): Allowed | undefined {
  return value === undefined ? undefined : oneOf(value, allowed, name);
}

/** A whole number within `[min, max]`. */
export function integerInRange(value: unknown, name: string, min: number, max: number): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw new InvalidArgumentError(
      `${name} must be a whole number from ${min} to ${max} (got ${describe(value)}).`,
    );
  }
  return value;
}

/** An optional positive, finite number of milliseconds (a timeout, an interval). */
export function optionalPositiveMilliseconds(value: unknown, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !(value > 0) || !Number.isFinite(value)) {
    throw new InvalidArgumentError(
      `${name} must be a positive number of milliseconds (got ${String(value)}).`,
    );
  }
  return value;
}

/** An optional whole number, 0 or more (a count of retries). */
export function optionalWholeNumber(value: unknown, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
    throw new InvalidArgumentError(
      `${name} must be a whole number, 0 or more (got ${String(value)}).`,
    );
  }
  return value;
}

/** Like {@link integerInRange}, but absent is fine. */
export function optionalIntegerInRange(
  value: unknown,
  name: string,
  min: number,
  max: number,
): number | undefined {
  return value === undefined ? undefined : integerInRange(value, name, min, max);
}

/** A plain object such as a model's `input`. */
export function requireObject(value: unknown, name: string, example: string): object {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new InvalidArgumentError(`${name} must be an object, e.g. ${example}.`);
  }
  return value;
}

/** The parts of a model (or deployment) reference. */
export interface ModelReferenceParts {
  owner: string;
  name: string;
  version?: string;
}

const MODEL_REFERENCE = /^([^/:\s]+)\/([^/:\s]+)(?::([^/:\s]+))?$/;

/**
 * Splits a required `owner/name` into its parts, or, with `allowVersion`, also
 * `owner/name:version`; otherwise explains the format the parameter `name` takes.
 */
export function parseModelReference(
  value: unknown,
  name: string,
  { allowVersion = false } = {},
): ModelReferenceParts {
  const match = typeof value === "string" ? MODEL_REFERENCE.exec(value) : null;
  if (!match || (match[3] !== undefined && !allowVersion)) {
    const formats = allowVersion ? '"owner/name" or "owner/name:version"' : '"owner/name"';
    throw new InvalidArgumentError(
      `${name} must be ${formats}, such as "acme/my-model" (got ${describe(value)}).`,
    );
  }
  const [, owner, modelName, version] = match;
  return version === undefined
    ? { owner: owner!, name: modelName! }
    : { owner: owner!, name: modelName!, version };
}

/**
 * Copies `fields` without the entries that are `undefined`, so that a JSON body carries only
 * what the caller set (an update sends only the fields to change).
 */
export function definedFields<Fields extends Record<string, unknown>>(
  fields: Fields,
): { [Key in keyof Fields]?: Exclude<Fields[Key], undefined> } {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as {
    [Key in keyof Fields]?: Exclude<Fields[Key], undefined>;
  };
}

function listOfChoices(allowed: readonly string[]): string {
  const quoted = allowed.map((choice) => JSON.stringify(choice));
  return quoted.length > 1
    ? `${quoted.slice(0, -1).join(", ")} or ${quoted[quoted.length - 1]}`
    : (quoted[0] ?? "nothing");
}

function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean" || value === null) {
    return String(value);
  }
  return Array.isArray(value) ? "an array" : `a ${typeof value}`;
}

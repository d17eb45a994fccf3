import { InvalidArgumentError } from "../core/errors";

/**
 * Builds a URL path, percent-encoding each interpolated segment so that a value can never add a
 * path segment or a query of its own: path`/models/${owner}/${name}`.
 */
export function path(strings: TemplateStringsArray, ...segments: string[]): string {
  return strings.reduce(
    (built, literal, index) =>
      built + literal + (index < segments.length ? encodeURIComponent(segments[index]!) : ""),
    "",
  );
}

/** Checks a path parameter before anything is sent: present, a string, no `/`, not blank. */
export function requireSegment(value: unknown, name: string): string {
  if (typeof value !== "string" || value.trim() === "") {
    throw new InvalidArgumentError(`${name} is required: pass a non-empty string.`);
  }
  if (value.includes("/")) {
    throw new InvalidArgumentError(
      `${name} must not contain "/" (got ${JSON.stringify(value)}): pass the owner and the name separately.`,
    );
  }
  return value;
}

/** Splits `owner/name` (optionally `owner/name:version`) into its parts, or explains the format. */
export function parseModelReference(
  reference: unknown,
  what = "model",
): { owner: string; name: string; version?: string } {
  const match =
    typeof reference === "string"
      ? /^([^/:\s]+)\/([^/:\s]+)(?::([^/:\s]+))?$/.exec(reference)
      : null;
  if (!match) {
    throw new InvalidArgumentError(
      `Invalid ${what} reference ${JSON.stringify(reference)}: use "owner/name" or "owner/name:version".`,
    );
  }
  const [, owner, name, version] = match;
  return version ? { owner: owner!, name: name!, version } : { owner: owner!, name: name! };
}

import { InvalidArgumentError } from "../core/errors";
import { requireText } from "./validate";

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
  requireText(value, name);
  if ((value as string).includes("/")) {
    throw new InvalidArgumentError(
      `${name} must not contain "/" (got ${JSON.stringify(value)}): pass the owner and the name separately.`,
    );
  }
  return value as string;
}

import { ApiProblem } from "../problem";

/** A bare `Prefer: wait` holds the request this long (emulated seconds), as the API does. */
export const DEFAULT_PREFER_WAIT_SECONDS = 60;

/**
 * Reads `Prefer: wait` / `Prefer: wait=n`: the seconds to hold a create request, or `undefined`
 * when the client did not ask to wait. (The validation step has already checked the format.)
 */
export function preferWaitSeconds(header: string | undefined): number | undefined {
  if (!header) return undefined;
  const match = /^\s*wait(?:=(\d+))?\s*$/.exec(header);
  if (!match) return undefined;
  return match[1] === undefined ? DEFAULT_PREFER_WAIT_SECONDS : Number(match[1]);
}

const UNIT_MS: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1 };
const MIN_CANCEL_AFTER_MS = 5000;

/**
 * Reads a `Cancel-After` duration (`30s`, `5m`, `1h30m45s`, or a bare number of seconds) into
 * milliseconds. Malformed values and durations under five seconds are 400s, as the spec says.
 */
export function cancelAfterMs(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const value = header.trim();
  let total = 0;
  if (/^\d+(\.\d+)?$/.test(value)) {
    total = Number(value) * 1000;
  } else if (/^(\d+(\.\d+)?(ms|h|m|s))+$/.test(value)) {
    for (const match of value.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)) {
      total += Number(match[1]) * (UNIT_MS[match[2] ?? "s"] ?? 1000);
    }
  } else {
    throw new ApiProblem(
      400,
      `The Cancel-After header is not a duration: ${JSON.stringify(header)}. Use a number of seconds or units such as 30s, 5m or 1h30m.`,
    );
  }
  if (total < MIN_CANCEL_AFTER_MS) {
    throw new ApiProblem(
      400,
      `The Cancel-After header must be at least 5 seconds; got ${JSON.stringify(header)}.`,
    );
  }
  return total;
}

import { ApiProblem } from "../problem";

/** A bare `Prefer: wait` holds the request this long (emulated seconds), as the API does. */
export const DEFAULT_PREFER_WAIT_SECONDS = 60;
/** The longest `Prefer: wait=n` the API documents ("between 1 and 60"). */
const MAX_PREFER_WAIT_SECONDS = 60;

/**
 * Reads `Prefer: wait` / `Prefer: wait=n`: the seconds to hold a create request, or `undefined`
 * when the client did not ask to wait. The spec's pattern admits `wait=1` to `wait=99`; above 60
 * is a 400, as the documentation says.
 */
export function preferWaitSeconds(header: string | undefined): number | undefined {
  if (!header) return undefined;
  const match = /^\s*wait(?:=(\d+))?\s*$/.exec(header);
  if (!match) return undefined;
  const seconds = match[1] === undefined ? DEFAULT_PREFER_WAIT_SECONDS : Number(match[1]);
  if (seconds < 1 || seconds > MAX_PREFER_WAIT_SECONDS) {
    throw new ApiProblem(
      400,
      `The Prefer header asks to wait ${seconds} seconds; use \`wait\` or \`wait=n\` with n from 1 to 60.`,
    );
  }
  return seconds;
}

const UNIT_MS: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1 };
const MIN_CANCEL_AFTER_MS = 5000;
/**
 * The longest `Cancel-After` the emulator takes: a week. The API documents no maximum, but a
 * deadline must stay a date (and a timer) the emulator can represent.
 */
const MAX_CANCEL_AFTER_MS = 7 * 24 * 3_600_000;

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
  if (!(total <= MAX_CANCEL_AFTER_MS)) {
    throw new ApiProblem(
      400,
      `The Cancel-After header must be at most a week (168h); got ${JSON.stringify(header)}.`,
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

/**
 * When to retry and how long to wait. The rule that matters most: a request that may have
 * created something (a POST that creates a prediction) is only retried when the API surely did
 * not act on it, because a second attempt could run, and bill, the prediction twice.
 */

/** Statuses worth retrying for a request that is safe to repeat. */
const RETRYABLE_STATUSES_WHEN_IDEMPOTENT = new Set([408, 429, 500, 502, 503, 504]);
/** A 429 means the API refused before doing anything, so even a create may be retried. */
const RETRYABLE_STATUSES_WHEN_NOT_IDEMPOTENT = new Set([429]);

/** Connection failures where no byte of the request reached a server. */
const NOTHING_SENT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN"]);

export interface BackoffSettings {
  /** First delay, before jitter. */
  initialDelayMs: number;
  /** No computed delay exceeds this. */
  maxDelayMs: number;
  /** A `Retry-After` longer than this is not waited for: the error is thrown instead. */
  maxRetryAfterMs: number;
}

export const DEFAULT_BACKOFF: BackoffSettings = {
  initialDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
};

/** Whether a response status may be retried. */
export function isRetryableStatus(status: number, idempotent: boolean): boolean {
  return (
    idempotent ? RETRYABLE_STATUSES_WHEN_IDEMPOTENT : RETRYABLE_STATUSES_WHEN_NOT_IDEMPOTENT
  ).has(status);
}

/**
 * Whether a failed `fetch` (no response at all) may be retried. Idempotent requests retry on any
 * connection failure; the others only when the connection was never made.
 */
export function isRetryableConnectionFailure(error: unknown, idempotent: boolean): boolean {
  return idempotent || connectionNeverMade(error);
}

/** Looks through an error's `cause` chain for a code saying nothing was sent. */
export function connectionNeverMade(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === "object" && current !== null; depth++) {
    const { code, cause } = current as { code?: unknown; cause?: unknown };
    if (typeof code === "string" && NOTHING_SENT_CODES.has(code)) return true;
    current = cause;
  }
  return false;
}

/**
 * Parses `Retry-After`, either delay-seconds or an HTTP date, into milliseconds from `now`.
 * Returns undefined when the header is absent or unreadable.
 */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.ceil(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/**
 * The delay before retry number `attempt` (1 for the first retry): the server's `Retry-After`
 * when it gave one, else exponential backoff with "equal jitter" (half fixed, half random),
 * so that many clients failing together do not retry in lockstep.
 */
export function retryDelay(
  attempt: number,
  retryAfterMs: number | undefined,
  settings: BackoffSettings = DEFAULT_BACKOFF,
  random: () => number = Math.random,
): number {
  if (retryAfterMs !== undefined) return retryAfterMs;
  const exponential = Math.min(settings.maxDelayMs, settings.initialDelayMs * 2 ** (attempt - 1));
  return exponential / 2 + random() * (exponential / 2);
}

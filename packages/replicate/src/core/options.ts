import { optionalPositiveMilliseconds, optionalWholeNumber } from "../internal/validate";
import { InvalidArgumentError } from "./errors";
import type { Logger, LogLevel } from "./logger";

/** The `fetch` function the client calls; any WHATWG-compatible implementation works. */
export type FetchFunction = (
  input: Request | string | URL,
  init?: RequestInit,
) => Promise<Response>;

/** Options accepted as the last argument of every method. */
export interface RequestOptions {
  /**
   * Cancels the call. An already-aborted signal sends nothing. Where a method also takes a
   * signal of its own (`wait`, `snapshots`, `run`, `stream`), either one cancels it.
   */
  signal?: AbortSignal | undefined;
  /** Milliseconds before one HTTP attempt gives up. @default the client's `timeout` */
  timeout?: number | undefined;
  /** How many times a failed request may be retried. @default the client's `maxRetries` */
  maxRetries?: number | undefined;
  /** Extra headers for this call. `Authorization` cannot be overridden here. */
  headers?: Record<string, string> | undefined;
}

/**
 * Checks the request options of a call (its last argument) before anything is sent, with the
 * same rules as the client's own `timeout` and `maxRetries`.
 */
export function validateRequestOptions(options: unknown): RequestOptions {
  if (options === undefined || options === null) return {};
  if (typeof options !== "object" || Array.isArray(options)) {
    throw new InvalidArgumentError(
      "The request options must be an object such as { signal, timeout, maxRetries, headers }.",
    );
  }
  const { signal, timeout, maxRetries, headers } = options as Record<string, unknown>;
  if (signal !== undefined && !isAbortSignal(signal)) {
    throw new InvalidArgumentError(
      "signal must be an AbortSignal, e.g. from new AbortController().signal.",
    );
  }
  optionalPositiveMilliseconds(timeout, "timeout");
  optionalWholeNumber(maxRetries, "maxRetries");
  if (headers !== undefined && (typeof headers !== "object" || headers === null)) {
    throw new InvalidArgumentError(
      'headers must be an object of header names and values, e.g. { "X-Trace": "1" }.',
    );
  }
  return options as RequestOptions;
}

/** Duck-typed, so that a signal from another realm or polyfill is accepted. */
function isAbortSignal(value: unknown): value is AbortSignal {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as AbortSignal).aborted === "boolean" &&
    typeof (value as AbortSignal).addEventListener === "function"
  );
}

/** Options for `new Replicate(...)`. */
export interface ClientOptions {
  /** The API token. @default process.env.REPLICATE_API_TOKEN */
  auth?: string | undefined;
  /** The API's base URL. @default process.env.REPLICATE_BASE_URL ?? "https://api.replicate.com/v1" */
  baseUrl?: string | undefined;
  /** The `fetch` to use, e.g. an instrumented one or an in-process server's handler. @default globalThis.fetch */
  fetch?: FetchFunction | undefined;
  /** Milliseconds before one HTTP attempt gives up; always extended past a `Prefer: wait`. @default 60000 */
  timeout?: number | undefined;
  /** Retries for a failed request that is safe to retry. @default 2 */
  maxRetries?: number | undefined;
  /** Milliseconds between polls while waiting for a prediction or training. @default 500 */
  pollingInterval?: number | undefined;
  /** Replaces the default `User-Agent` (`replicate-ts/<version>`). */
  userAgent?: string | undefined;
  /** The least severe level that is logged. @default "warn" */
  logLevel?: LogLevel | undefined;
  /** Where log lines go. @default console */
  logger?: Logger | undefined;
  /**
   * How file values in a model's input (`Blob`, `File`, bytes, streams, `fileFromPath()`) are
   * sent: uploaded through the Files API and replaced by their URL, or inlined as `data:` URIs
   * (at most 10 MB in all per input). @default "upload"
   */
  fileEncodingStrategy?: FileEncodingStrategy | undefined;
  /**
   * Whether `run()` gives file URLs in the output back as lazy `FileOutput` objects.
   * `false` keeps them as plain strings. @default true
   */
  useFileOutput?: boolean | undefined;
}

/** How file inputs are sent: uploaded (`upload`) or inlined as `data:` URIs (`data-uri`). */
export type FileEncodingStrategy = "upload" | "data-uri";

/** The defaults the client falls back to. */
export const DEFAULTS = {
  baseUrl: "https://api.replicate.com/v1",
  timeout: 60_000,
  maxRetries: 2,
  pollingInterval: 500,
  logLevel: "warn",
} as const;

/**
 * The error hierarchy of replicate-ts. Every error the SDK throws is a {@link ReplicateError};
 * HTTP failures are {@link ApiError}s built by {@link apiErrorFromResponse} from the status code.
 */

const REPLICATE_ERROR_MARK = Symbol.for("replicate-ts.error");

/** The base class of every error thrown by replicate-ts (the seed calls it `ReplicateException`). */
export class ReplicateError extends Error {
  override name = "ReplicateError";

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    // A symbol registered globally survives realms and duplicate copies of the package,
    // where `instanceof` does not; see {@link isReplicateError}.
    Object.defineProperty(this, REPLICATE_ERROR_MARK, { value: true });
  }
}

/**
 * Whether `error` was thrown by replicate-ts. Unlike `instanceof`, this works across realms
 * (iframes, workers, vm contexts) and when two copies of the package are installed.
 */
export function isReplicateError(error: unknown): error is ReplicateError {
  return typeof error === "object" && error !== null && REPLICATE_ERROR_MARK in error;
}

/** What an {@link ApiError} knows about the failed exchange. */
export interface ApiErrorDetails {
  statusCode: number;
  method: string;
  /** The request URL (never carries the token: the token travels in a header). */
  url: string;
  title?: string | undefined;
  detail?: string | undefined;
  headers: Headers;
  /** The response body, parsed when it was JSON, else its text. */
  body?: unknown;
}

/** The API answered with a status that is not a success. */
export class ApiError extends ReplicateError {
  override name = "ApiError";
  /** The HTTP status code, e.g. 404. */
  readonly statusCode: number;
  /** The problem title from the API's problem-details body, or the status text. */
  readonly title: string | undefined;
  /** The problem detail from the API's problem-details body: what went wrong, in words. */
  readonly detail: string | undefined;
  /** The response headers. */
  readonly headers: Headers;
  /** The request method. */
  readonly method: string;
  /** The request URL. */
  readonly url: string;
  /** The response body: parsed JSON, or text when the body was not JSON. */
  readonly body: unknown;

  constructor(details: ApiErrorDetails) {
    super(describeApiFailure(details));
    this.statusCode = details.statusCode;
    this.title = details.title;
    this.detail = details.detail;
    this.headers = details.headers;
    this.method = details.method;
    this.url = details.url;
    this.body = details.body;
  }

  /** The seed's name for {@link statusCode}. */
  get status(): number {
    return this.statusCode;
  }
}

function describeApiFailure({ method, url, statusCode, title, detail }: ApiErrorDetails): string {
  const path = safePath(url);
  const heading = `${method} ${path} failed with ${statusCode}${title ? ` ${title}` : ""}`;
  return detail ? `${heading}: ${detail}` : heading;
}

/**
 * The URL's path for a message: without the query, which may carry a signature (a signed
 * download URL) that messages and logs must not spread. The full URL stays in `url`.
 */
function safePath(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url.split("?")[0]!;
  }
}

/** 400: the request was malformed. */
export class BadRequestError extends ApiError {
  override name = "BadRequestError";
}
/** 401: the API token is missing or invalid. */
export class AuthenticationError extends ApiError {
  override name = "AuthenticationError";
}
/** 403: the token is valid but may not do this. */
export class PermissionDeniedError extends ApiError {
  override name = "PermissionDeniedError";
}
/** 404: no such resource. */
export class NotFoundError extends ApiError {
  override name = "NotFoundError";
}
/** 409: the request conflicts with the resource's state. */
export class ConflictError extends ApiError {
  override name = "ConflictError";
}
/** 422: the request was well-formed but its content is invalid (e.g. a bad model input). */
export class UnprocessableEntityError extends ApiError {
  override name = "UnprocessableEntityError";
}
/** 429: too many requests. */
export class RateLimitError extends ApiError {
  override name = "RateLimitError";
  /** Seconds the API asked us to wait (from `Retry-After`), if it said. */
  readonly retryAfter: number | undefined;

  constructor(details: ApiErrorDetails, retryAfterSeconds: number | undefined) {
    super(details);
    this.retryAfter = retryAfterSeconds;
  }
}
/** 5xx: the API or a proxy in front of it failed. */
export class InternalServerError extends ApiError {
  override name = "InternalServerError";
}

const ERROR_CLASS_BY_STATUS: Record<number, typeof ApiError> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  422: UnprocessableEntityError,
};

/** Builds the right {@link ApiError} subclass for a status code. */
export function apiErrorFromResponse(
  details: ApiErrorDetails,
  retryAfterSeconds?: number,
): ApiError {
  if (details.statusCode === 429) return new RateLimitError(details, retryAfterSeconds);
  if (details.statusCode >= 500) return new InternalServerError(details);
  const ErrorClass = ERROR_CLASS_BY_STATUS[details.statusCode] ?? ApiError;
  return new ErrorClass(details);
}

/** The request never got an HTTP answer: DNS failure, refused or reset connection. */
export class ConnectionError extends ReplicateError {
  override name = "ConnectionError";
}

/** The request, or a wait, took longer than its timeout. */
export class TimeoutError extends ReplicateError {
  override name = "TimeoutError";
}

/** The caller's `AbortSignal` fired. */
export class AbortError extends ReplicateError {
  override name = "AbortError";
}

/** A bad argument was given to an SDK method; nothing was sent. */
export class InvalidArgumentError extends ReplicateError {
  override name = "InvalidArgumentError";
}

/** No API token was configured. */
export class MissingApiKeyError extends ReplicateError {
  override name = "MissingApiKeyError";

  constructor() {
    super(
      "No Replicate API token is set: set Replicate.apiKey, pass { auth } to new Replicate(), or set the REPLICATE_API_TOKEN environment variable.",
    );
  }
}

/** `next()` was called on the last page. */
export class NoNextPageError extends ReplicateError {
  override name = "NoNextPageError";

  constructor() {
    super("This is the last page: check page.hasNextPage before calling next().");
  }
}

/** `previous()` was called on the first page. */
export class NoPreviousPageError extends ReplicateError {
  override name = "NoPreviousPageError";

  constructor() {
    super("This is the first page: check page.hasPreviousPage before calling previous().");
  }
}

/** What a {@link ModelError} carries: the prediction or training that did not succeed. */
export interface UnsuccessfulJob {
  /** The prediction's (or training's) id. */
  id: string;
  /** `failed`, `canceled` or `aborted`. */
  status: string;
  /** Why it failed, as the API said. */
  error: unknown;
  /** What the model printed. */
  logs?: string | undefined;
}

/** A prediction or training ended `failed`, `canceled` or `aborted`. */
export class ModelError<Job extends UnsuccessfulJob = UnsuccessfulJob> extends ReplicateError {
  override name = "ModelError";
  /** The prediction (or training) as it ended. */
  readonly prediction: Job;

  constructor(prediction: Job, message?: string) {
    super(message ?? describeUnsuccessfulJob(prediction));
    this.prediction = prediction;
  }
}

function describeUnsuccessfulJob(job: UnsuccessfulJob): string {
  const reason = job.error ? `: ${String(job.error)}` : "";
  return `Prediction ${job.id} ${job.status}${reason}`;
}

/**
 * A file output URL answered 404 or 410. Replicate deletes the files of API predictions an hour
 * after they finish, so the file has most likely expired.
 */
export class FileExpiredError extends ReplicateError {
  override name = "FileExpiredError";
  /** The status the file host answered with (404 or 410). */
  readonly statusCode: number;
  /** The file's URL. */
  readonly url: string;

  constructor(url: string, statusCode: number, options?: { cause?: unknown }) {
    super(
      `The file at ${describeFileUrl(url)} is gone (${statusCode}): it may have expired, since Replicate deletes the outputs of API predictions one hour after they finish. Download or save outputs soon after run() returns.`,
      options,
    );
    this.statusCode = statusCode;
    this.url = url;
  }
}

/** The URL without its query, which may hold a signature, and without the body of a data URI. */
function describeFileUrl(url: string): string {
  return url.startsWith("data:") ? "a data: URI" : url.split("?")[0]!;
}

/** Why a webhook failed verification. */
export type WebhookVerificationFailure =
  | "missing-header"
  | "invalid-timestamp"
  | "stale-timestamp"
  | "invalid-signature"
  | "invalid-body";

/** A webhook request could not be verified as sent by Replicate: see {@link reason}. */
export class WebhookVerificationError extends ReplicateError {
  override name = "WebhookVerificationError";
  /** What was wrong: a missing header, a timestamp out of tolerance, a signature that does not match. */
  readonly reason: WebhookVerificationFailure;

  constructor(reason: WebhookVerificationFailure, message: string) {
    super(message);
    this.reason = reason;
  }
}

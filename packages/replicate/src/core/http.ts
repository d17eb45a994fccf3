import { abortErrorFrom, RequestAbortScope, sleep, throwIfAborted } from "../internal/abort";
import {
  apiErrorFromResponse,
  ConnectionError,
  isReplicateError,
  ReplicateError,
  TimeoutError,
} from "./errors";
import type { Logger } from "./logger";
import { type FetchFunction, type RequestOptions, validateRequestOptions } from "./options";
import {
  DEFAULT_BACKOFF,
  isRetryableConnectionFailure,
  isRetryableStatus,
  parseRetryAfter,
  retryDelay,
} from "./retry";

/** The HTTP methods the API uses; `QUERY` is its method for searches with a body. */
export type HttpMethod = "GET" | "POST" | "PATCH" | "DELETE" | "QUERY";
/**
 * A value of the query string: a `Date` is sent as ISO 8601, `undefined` and `null` leave the
 * parameter out.
 */
export type QueryValue = string | number | boolean | Date | undefined | null;
/**
 * A request body `fetch` accepts. Spelled through `RequestInit` rather than the DOM's `BodyInit`
 * so that the declarations also compile in Node projects without the DOM lib (@types/node has
 * `RequestInit` but no global `BodyInit`).
 */
export type RequestBody = NonNullable<RequestInit["body"]>;

/** One call to the API, as the resources describe it. */
export interface ApiRequest {
  method: HttpMethod;
  /** A path under the base URL (`/predictions`) or an absolute URL (a page cursor). */
  path: string;
  query?: Record<string, QueryValue> | undefined;
  /** A value sent as JSON. */
  body?: unknown;
  /**
   * A body sent as it is (multipart, text). A function is called once per attempt, so that a
   * streamed body can be retried; a bare stream cannot be.
   */
  rawBody?: RequestBody | (() => RequestBody) | undefined;
  contentType?: string | undefined;
  headers?: Record<string, string> | undefined;
  /** Whether repeating the request is harmless. @default true for GET, DELETE, QUERY */
  idempotent?: boolean | undefined;
  /** Sends `Prefer: wait` (`true`) or `Prefer: wait=n` (seconds); the timeout is stretched past it. */
  preferWait?: true | number | undefined;
  /**
   * Whether {@link HttpClient.json} may resolve `undefined` for an empty body (a 204 to a
   * DELETE). Otherwise an empty success is an error: the API always answers with JSON.
   * @default false
   */
  allowEmptyBody?: boolean | undefined;
  options?: RequestOptions | undefined;
}

export interface HttpClientConfig {
  auth: string | undefined;
  baseUrl: string;
  fetch: FetchFunction;
  timeout: number;
  maxRetries: number;
  userAgent: string;
  logger: Logger;
  redact: (text: string) => string;
  /**
   * The transport for requests whose body is streamed (uploads). Node's `fetch` keeps a copy of a
   * streamed request body, so the Node entry supplies one built on `node:http` that does not.
   * @default `fetch`
   */
  streamingFetch?: FetchFunction | undefined;
}

const IDEMPOTENT_METHODS = new Set<HttpMethod>(["GET", "DELETE", "QUERY"]);
/** How much longer than a `Prefer: wait` window a request may take before it times out. */
const PREFER_WAIT_MARGIN_MS = 15_000;
/** The API holds a bare `Prefer: wait` for at most this long. */
const MAX_PREFER_WAIT_SECONDS = 60;

/**
 * The one place that talks HTTP: URL building, auth, JSON, timeouts, retries, logging and error
 * mapping. Resources describe requests; this runs them.
 */
export class HttpClient {
  readonly baseUrl: string;
  readonly #auth: string | undefined;
  readonly #baseOrigin: string;
  readonly #fetch: FetchFunction;
  readonly #streamingFetch: FetchFunction;
  readonly #config: Omit<HttpClientConfig, "auth" | "fetch" | "streamingFetch">;

  constructor(config: HttpClientConfig) {
    this.baseUrl = config.baseUrl.replace(/\/+$/, "");
    this.#baseOrigin = new URL(this.baseUrl).origin;
    this.#auth = config.auth;
    const fetchImpl = config.fetch;
    // Called as a plain function: Workers throw "Illegal invocation" when fetch gets a foreign `this`.
    this.#fetch = (input, init) => fetchImpl(input, init);
    const streamingImpl = config.streamingFetch;
    this.#streamingFetch = streamingImpl
      ? (input, init) => streamingImpl(input, init)
      : this.#fetch;
    const { auth: _auth, fetch: _fetch, streamingFetch: _streamingFetch, ...rest } = config;
    this.#config = rest;
  }

  get logger(): Logger {
    return this.#config.logger;
  }

  /**
   * Sends the request and parses the JSON answer. An empty body is an error unless the request
   * allows it ({@link ApiRequest.allowEmptyBody}), which then gives `undefined`.
   */
  async json<T>(request: ApiRequest): Promise<T> {
    return this.#send(request, async (response, scope) => {
      const text = await this.#readText(response, scope, request);
      const answered = () =>
        `${request.method} ${new URL(response.url || this.resolveUrl(request.path)).pathname} answered ${response.status}`;
      if (text === "") {
        if (request.allowEmptyBody) return undefined as T;
        throw new ReplicateError(
          `${answered()} with an empty body, where a JSON body was expected.`,
        );
      }
      try {
        return JSON.parse(text) as T;
      } catch {
        throw new ReplicateError(`${answered()} with a body that is not JSON.`);
      }
    });
  }

  /** Sends the request and returns the answer's text (e.g. a model's README). */
  async text(request: ApiRequest): Promise<string> {
    return this.#send(request, (response, scope) => this.#readText(response, scope, request));
  }

  /**
   * Sends the request and returns the successful `Response` unread, for streams and downloads.
   * The timeout covers only the wait for headers; the caller's signal still cancels the body.
   */
  async response(request: ApiRequest): Promise<Response> {
    return this.#send(
      request,
      async (response, scope) => {
        scope.stopTimer();
        return disposingWhenRead(response, scope);
      },
      { keepScope: true },
    );
  }

  /** The absolute URL a request path refers to. */
  resolveUrl(pathOrUrl: string, query?: Record<string, QueryValue>): URL {
    const url = /^https?:\/\//i.test(pathOrUrl)
      ? new URL(pathOrUrl)
      : new URL(`${this.baseUrl}${pathOrUrl.startsWith("/") ? "" : "/"}${pathOrUrl}`);
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value === undefined || value === null) continue;
      url.searchParams.set(key, value instanceof Date ? value.toISOString() : String(value));
    }
    return url;
  }

  /** Whether the token may be sent to `url`: only to the origin of the base URL. */
  isApiOrigin(url: URL): boolean {
    return url.origin === this.#baseOrigin;
  }

  /**
   * Runs the request with its retries, and hands a successful response to `consume`. For a
   * request that is safe to repeat, reading the body is part of the attempt: a connection lost
   * while reading is retried like one lost before the answer. The scope is disposed after
   * `consume` unless `keepScope` says that the returned value (a streamed body) owns it.
   */
  async #send<Result>(
    request: ApiRequest,
    consume: (response: Response, scope: RequestAbortScope) => Promise<Result>,
    { keepScope = false } = {},
  ): Promise<Result> {
    const options = validateRequestOptions(request.options);
    throwIfAborted(options.signal);
    const url = this.resolveUrl(request.path, request.query);
    const headers = this.#headers(request, url);
    const idempotent = request.idempotent ?? IDEMPOTENT_METHODS.has(request.method);
    const replayable = !isStream(request.rawBody);
    const streamed = isStream(request.rawBody) || typeof request.rawBody === "function";
    const transport = streamed ? this.#streamingFetch : this.#fetch;
    const maxRetries = replayable ? (options.maxRetries ?? this.#config.maxRetries) : 0;
    const timeoutMs = stretchTimeout(options.timeout ?? this.#config.timeout, request);
    const description = `${request.method} ${url.pathname}`;

    for (let attempt = 0; ; attempt++) {
      const scope = new RequestAbortScope(options.signal, timeoutMs);
      const started = Date.now();
      this.logger.debug(`-> ${description}${attempt ? ` (retry ${attempt})` : ""}`);
      let response: Response;
      try {
        response = await transport(url, {
          method: request.method,
          headers,
          body: requestBody(request, () => scope.restartTimer()),
          signal: scope.signal,
          ...(streamed ? { duplex: "half" } : {}),
        } as RequestInit);
      } catch (cause) {
        scope.dispose();
        if (options.signal?.aborted) throw abortErrorFrom(options.signal);
        if (isReplicateError(cause)) throw cause;
        const failure = scope.timedOut
          ? new TimeoutError(`${description} timed out after ${timeoutMs} ms.`, { cause })
          : new ConnectionError(
              `${description} could not reach ${url.origin}: ${this.#config.redact(describeCause(cause))}.`,
              { cause },
            );
        const retryable = scope.timedOut
          ? idempotent
          : isRetryableConnectionFailure(cause, idempotent);
        if (!retryable || attempt >= maxRetries) throw failure;
        await this.#pauseBeforeRetry(description, attempt + 1, undefined, failure.message, options);
        continue;
      }

      this.logger.debug(`<- ${description} ${response.status} in ${Date.now() - started} ms`);
      if (response.ok) {
        try {
          return await consume(response, scope);
        } catch (failure) {
          const lostWhileReading =
            (failure instanceof ConnectionError || failure instanceof TimeoutError) &&
            !options.signal?.aborted;
          if (!lostWhileReading || !idempotent || attempt >= maxRetries) throw failure;
          await this.#pauseBeforeRetry(
            description,
            attempt + 1,
            undefined,
            failure.message,
            options,
          );
          continue;
        } finally {
          if (!keepScope) scope.dispose();
        }
      }

      const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"));
      const mayRetry =
        attempt < maxRetries &&
        isRetryableStatus(response.status, idempotent) &&
        (retryAfterMs === undefined || retryAfterMs <= DEFAULT_BACKOFF.maxRetryAfterMs);
      if (!mayRetry) {
        try {
          throw await this.#errorFrom(response, request, url, scope, retryAfterMs);
        } finally {
          scope.endRequest();
        }
      }
      await response.body?.cancel().catch(() => {});
      scope.endRequest();
      await this.#pauseBeforeRetry(
        description,
        attempt + 1,
        retryAfterMs,
        `status ${response.status}`,
        options,
      );
    }
  }

  async #pauseBeforeRetry(
    description: string,
    attempt: number,
    retryAfterMs: number | undefined,
    reason: string,
    options: RequestOptions,
  ): Promise<void> {
    const delay = retryDelay(attempt, retryAfterMs);
    this.logger.warn(
      `${description} failed (${reason}); retry ${attempt} in ${Math.round(delay)} ms`,
    );
    await sleep(delay, options.signal);
  }

  #headers(request: ApiRequest, url: URL): Headers {
    const headers = new Headers({ Accept: "application/json" });
    headers.set("User-Agent", this.#config.userAgent);
    for (const [name, value] of Object.entries({
      ...request.options?.headers,
      ...request.headers,
    })) {
      headers.set(name, value);
    }
    if (request.body !== undefined) headers.set("Content-Type", "application/json");
    if (request.contentType) headers.set("Content-Type", request.contentType);
    if (request.preferWait !== undefined) {
      headers.set("Prefer", request.preferWait === true ? "wait" : `wait=${request.preferWait}`);
    }
    // The token goes to the API's own origin and nowhere else: not to a file host, not to a
    // pagination URL that points elsewhere.
    if (this.isApiOrigin(url) && this.#auth) {
      headers.set("Authorization", `Bearer ${this.#auth}`);
    } else {
      headers.delete("Authorization");
    }
    return headers;
  }

  async #readText(
    response: Response,
    scope: RequestAbortScope,
    request: ApiRequest,
  ): Promise<string> {
    try {
      return await response.text();
    } catch (cause) {
      const signal = request.options?.signal;
      if (signal?.aborted) throw abortErrorFrom(signal);
      const description = `${request.method} ${new URL(response.url || this.baseUrl).pathname}`;
      if (scope.timedOut) throw new TimeoutError(`${description} timed out reading the answer.`);
      throw new ConnectionError(`${description} lost the connection while reading the answer.`, {
        cause,
      });
    }
  }

  async #errorFrom(
    response: Response,
    request: ApiRequest,
    url: URL,
    scope: RequestAbortScope,
    retryAfterMs: number | undefined,
  ): Promise<Error> {
    let text: string;
    try {
      text = this.#config.redact(await this.#readText(response, scope, request));
    } catch (error) {
      if (isReplicateError(error) && error.name === "AbortError") return error;
      text = "";
    }
    const problem = parseProblem(text);
    return apiErrorFromResponse(
      {
        statusCode: response.status,
        method: request.method,
        url: url.toString(),
        title: problem.title ?? (response.statusText || undefined),
        detail: problem.detail,
        headers: response.headers,
        body: problem.body,
      },
      retryAfterMs === undefined ? undefined : retryAfterMs / 1000,
    );
  }
}

/**
 * The response with a body that lets go of the caller's signal once it is over: read to its end,
 * failed, or canceled. Without this, each download would leave a listener on a long-lived signal.
 * The body is passed through chunk by chunk, as it comes; status, headers and url are kept.
 */
function disposingWhenRead(response: Response, scope: RequestAbortScope): Response {
  const source = response.body;
  if (!source) {
    scope.dispose();
    return response;
  }
  const reader = source.getReader();
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        let chunk: ReadableStreamReadResult<Uint8Array>;
        try {
          chunk = await reader.read();
        } catch (error) {
          scope.dispose();
          throw error;
        }
        if (chunk.done) {
          scope.dispose();
          controller.close();
        } else {
          controller.enqueue(chunk.value);
        }
      },
      cancel(reason) {
        scope.dispose();
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
  const wrapped = new Response(body, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
  // `url` is not part of ResponseInit; callers use it to describe where a body came from.
  Object.defineProperty(wrapped, "url", { value: response.url });
  return wrapped;
}

function stretchTimeout(timeoutMs: number, request: ApiRequest): number {
  if (request.preferWait === undefined) return timeoutMs;
  const waitSeconds = request.preferWait === true ? MAX_PREFER_WAIT_SECONDS : request.preferWait;
  return Math.max(timeoutMs, waitSeconds * 1000 + PREFER_WAIT_MARGIN_MS);
}

/**
 * The body of one attempt. A streamed body reports each chunk it hands to the transport, so
 * that the timeout counts from the last progress of an upload rather than from its start.
 */
function requestBody(request: ApiRequest, onProgress: () => void): RequestBody | undefined {
  if (request.body !== undefined) return JSON.stringify(request.body);
  const body = typeof request.rawBody === "function" ? request.rawBody() : request.rawBody;
  return isStream(body) ? reportingProgress(body, onProgress) : body;
}

function reportingProgress(
  stream: ReadableStream<Uint8Array>,
  onProgress: () => void,
): ReadableStream<Uint8Array> {
  const reader = stream.getReader();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const { done, value } = await reader.read();
        // The end of the body is progress too: the answer then has a whole timeout to come.
        onProgress();
        if (done) controller.close();
        else controller.enqueue(value);
      },
      cancel: (reason) => reader.cancel(reason),
    },
    { highWaterMark: 0 },
  );
}

function isStream(body: unknown): body is ReadableStream {
  return typeof ReadableStream !== "undefined" && body instanceof ReadableStream;
}

function describeCause(cause: unknown): string {
  const parts: string[] = [];
  let current: unknown = cause;
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code;
    parts.push(typeof code === "string" ? `${current.message} (${code})` : current.message);
    current = current.cause;
  }
  return parts.join(": ") || String(cause);
}

/** Reads the API's problem-details body; tolerates JSON of other shapes, text and HTML. */
function parseProblem(text: string): { title?: string; detail?: string; body: unknown } {
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // A proxy's HTML error page says nothing useful; a short plain text answer does.
    const plain = text.trim();
    const looksLikeMarkup = plain.startsWith("<");
    return plain && !looksLikeMarkup ? { detail: plain.slice(0, 500), body } : { body };
  }
  if (typeof body !== "object" || body === null) return { body };
  const { title, detail, error } = body as Record<string, unknown>;
  const result: { title?: string; detail?: string; body: unknown } = { body };
  if (typeof title === "string") result.title = title;
  if (typeof detail === "string") result.detail = detail;
  else if (typeof error === "string") result.detail = error;
  return result;
}

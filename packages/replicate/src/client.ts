import { InvalidArgumentError, MissingApiKeyError } from "./core/errors";
import { HttpClient, type HttpMethod, type QueryValue } from "./core/http";
import { createLogger, createRedactor, isLogLevel } from "./core/logger";
import {
  type ClientOptions,
  DEFAULTS,
  type FetchFunction,
  type RequestOptions,
} from "./core/options";
import type { ClientContext } from "./core/resource";
import { VERSION } from "./core/version";
import { readEnv } from "./internal/env";
import { requireFileEncodingStrategy } from "./internal/file-inputs";
import { platform } from "./internal/platform";
import { isHttpUrl } from "./internal/url";
import { optionalPositiveMilliseconds, optionalWholeNumber } from "./internal/validate";
import { Account } from "./resources/account";
import { Collections } from "./resources/collections";
import { Deployments } from "./resources/deployments";
import { Files } from "./resources/files";
import { Hardware } from "./resources/hardware";
import { Models } from "./resources/models";
import type { PredictionInput } from "./resources/predictions";
import { Predictions } from "./resources/predictions";
import { Search, type SearchParams } from "./resources/search";
import { Trainings } from "./resources/trainings";
import { Webhooks } from "./resources/webhooks";
import { type RunOptions, runModel } from "./run";
import type { PredictionStream } from "./streaming/event-stream";
import { type StreamRunOptions, streamModel } from "./streaming/stream-sources";
import type { SearchResults } from "./wrappers/search";

/** The one origin where a missing token is certainly a mistake. */
const REPLICATE_ORIGIN = "https://api.replicate.com";

/** A request to an endpoint the SDK has no method for yet. */
export interface RawRequest {
  /** The HTTP method, e.g. `GET`. */
  method: HttpMethod;
  /** A path under the base URL, e.g. `/account`. */
  path: string;
  /** Query parameters; `undefined` and `null` ones are left out. */
  query?: Record<string, QueryValue> | undefined;
  /** Sent as JSON. */
  body?: unknown;
}

/**
 * The Replicate client.
 *
 * @example Seed style: one shared instance.
 * Replicate.apiKey = process.env.REPLICATE_API_TOKEN!;
 * const prediction = await Replicate.instance.predictions.create({ version, input });
 *
 * @example Instance style.
 * const replicate = new Replicate({ auth: process.env.REPLICATE_API_TOKEN });
 * const output = await replicate.run("replicate/hello-world", { input: { text: "Alice" } });
 */
export class Replicate {
  static #apiKey: string | undefined;
  static #sharedOptions: ClientOptions = {};
  static #instance: Replicate | undefined;

  /** The token used by {@link Replicate.instance}; setting it replaces the shared instance. */
  static get apiKey(): string | undefined {
    return Replicate.#apiKey;
  }

  /**
   * Sets the token of {@link Replicate.instance}; the next read of `instance` builds a new
   * client with it. `undefined` falls back to `REPLICATE_API_TOKEN`.
   * @throws {InvalidArgumentError} for an empty or non-string token.
   */
  static set apiKey(token: string | undefined) {
    if (token !== undefined && (typeof token !== "string" || token.trim() === "")) {
      throw new InvalidArgumentError("Replicate.apiKey must be a non-empty string token.");
    }
    Replicate.#apiKey = token?.trim();
    Replicate.#instance = undefined;
  }

  /** Sets the other options of {@link Replicate.instance} (base URL, retries, logging...). */
  static configure(options: ClientOptions): void {
    Replicate.#sharedOptions = { ...options };
    Replicate.#instance = undefined;
  }

  /**
   * The shared client of the seed style, built from {@link Replicate.apiKey} (or
   * `REPLICATE_API_TOKEN`) and {@link Replicate.configure}.
   * @throws {MissingApiKeyError} when no token is set anywhere.
   */
  static get instance(): Replicate {
    if (!Replicate.#instance) {
      const auth =
        Replicate.#apiKey ?? Replicate.#sharedOptions.auth ?? readEnv("REPLICATE_API_TOKEN");
      if (!auth) throw new MissingApiKeyError();
      Replicate.#instance = new Replicate({ ...Replicate.#sharedOptions, auth });
    }
    return Replicate.#instance;
  }

  /** Predictions: create, get, cancel, list, snapshots, wait. */
  readonly predictions: Predictions;
  /** Models, their versions and their predictions. */
  readonly models: Models;
  /** Deployments and their predictions. */
  readonly deployments: Deployments;
  /** Collections of models. */
  readonly collections: Collections;
  /** Trainings: create, get, cancel, list, snapshots, wait. */
  readonly trainings: Trainings;
  /** The account that owns the token. */
  readonly account: Account;
  /** The hardware models and deployments run on. */
  readonly hardware: Hardware;
  /** The webhook signing secret. */
  readonly webhooks: Webhooks;
  /** Files: upload (streamed), list, get, delete, download. */
  readonly files: Files;
  readonly #search: Search;

  readonly #http: HttpClient;
  readonly #context: ClientContext;

  constructor(options: ClientOptions = {}) {
    const settings = resolveOptions(options);
    const redact = createRedactor(settings.auth);
    const logger = createLogger(options.logger ?? console, settings.logLevel, redact);
    this.#http = new HttpClient({
      ...settings,
      logger,
      redact,
      fetch: guardedFetch(settings, options.fetch),
      // A fetch of the caller's own carries uploads too; otherwise the runtime's streaming
      // transport does, where there is one (Node), so that uploads do not sit in memory.
      streamingFetch:
        options.fetch || !platform.streamingFetch
          ? undefined
          : guardedFetch(settings, platform.streamingFetch),
    });
    this.#context = {
      http: this.#http,
      pollingInterval: settings.pollingInterval,
      ...fileSettings(options),
    };
    this.predictions = new Predictions(this.#context);
    this.models = new Models(this.#context);
    this.deployments = new Deployments(this.#context);
    this.collections = new Collections(this.#context);
    this.trainings = new Trainings(this.#context);
    this.account = new Account(this.#context);
    this.hardware = new Hardware(this.#context);
    this.webhooks = new Webhooks(this.#context);
    this.files = new Files(this.#context);
    this.#search = new Search(this.#context);
  }

  /** The API base URL this client talks to. */
  get baseUrl(): string {
    return this.#http.baseUrl;
  }

  /**
   * Runs a model and returns its output: creates a prediction (in sync mode first), waits for it
   * to finish, and rejects with `ModelError` if it failed, was canceled or aborted.
   * File values in the input are uploaded first; file URLs in the output come back as lazy
   * `FileOutput`s (unless `useFileOutput: false`).
   * @param reference `owner/name`, `owner/name:version` or a version id.
   * @example
   * const [image] = await replicate.run<FileOutput[]>("black-forest-labs/flux-schnell", {
   *   input: { prompt: "a lighthouse at dawn" },
   * });
   * await image.saveTo("./lighthouse.webp");
   */
  async run<Output = unknown, Input extends object = PredictionInput>(
    reference: string,
    options: RunOptions<Input>,
    requestOptions?: RequestOptions,
  ): Promise<Output> {
    return runModel<Output, Input>(
      this.predictions,
      this.#context,
      reference,
      options,
      requestOptions,
    );
  }

  /**
   * Runs a model that streams and yields its server-sent events as they come: `output` pieces,
   * `logs`, then `done`. A failed or canceled prediction rejects with `ModelError`; `break`
   * closes the connection; aborting `signal` also cancels the prediction.
   * @param reference `owner/name`, `owner/name:version` or a version id.
   * @example
   * for await (const text of replicate.stream("meta/meta-llama-3-8b-instruct", { input }).text()) {
   *   process.stdout.write(text);
   * }
   */
  stream<Input extends object = PredictionInput>(
    reference: string,
    options: StreamRunOptions<Input>,
    requestOptions?: RequestOptions,
  ): PredictionStream {
    return streamModel(this.predictions, this.#context, reference, options, requestOptions);
  }

  /**
   * Searches models, collections and documentation pages (the API's `GET /search`, in beta).
   * @example
   * const { models } = await replicate.search({ query: "upscale faces", limit: 5 });
   */
  async search(params: SearchParams, options?: RequestOptions): Promise<SearchResults> {
    return this.#search.query(params, options);
  }

  /**
   * Sends a request to any endpoint, with the client's auth, retries and errors; returns the
   * parsed JSON, or `undefined` for an answer without a body (a 204).
   */
  async request<Result = unknown>(request: RawRequest, options?: RequestOptions): Promise<Result> {
    if (typeof request?.path !== "string" || !request.path.startsWith("/")) {
      throw new InvalidArgumentError(
        'request() needs a path under the base URL starting with "/", e.g. "/account".',
      );
    }
    return this.#http.json<Result>({ ...request, allowEmptyBody: true, options });
  }

  /** Keeps the token out of `console.log(client)` and `JSON.stringify(client)`. */
  toJSON(): { baseUrl: string } {
    return { baseUrl: this.baseUrl };
  }
}

interface ResolvedOptions {
  auth: string | undefined;
  baseUrl: string;
  timeout: number;
  maxRetries: number;
  pollingInterval: number;
  userAgent: string;
  logLevel: NonNullable<ClientOptions["logLevel"]>;
}

function resolveOptions(options: ClientOptions): ResolvedOptions {
  if (typeof options !== "object" || options === null) {
    throw new InvalidArgumentError(
      "new Replicate() takes an options object, e.g. new Replicate({ auth: token }).",
    );
  }
  const auth = (options.auth ?? readEnv("REPLICATE_API_TOKEN"))?.trim() || undefined;
  const baseUrl = options.baseUrl ?? readEnv("REPLICATE_BASE_URL") ?? DEFAULTS.baseUrl;
  if (!isHttpUrl(baseUrl)) {
    throw new InvalidArgumentError(
      `baseUrl must be an http(s) URL such as ${DEFAULTS.baseUrl} (got ${JSON.stringify(baseUrl)}).`,
    );
  }
  const logLevel = options.logLevel ?? DEFAULTS.logLevel;
  if (!isLogLevel(logLevel)) {
    throw new InvalidArgumentError(
      `logLevel must be debug, info, warn, error or off (got ${JSON.stringify(logLevel)}).`,
    );
  }
  if (options.fetch !== undefined && typeof options.fetch !== "function") {
    throw new InvalidArgumentError(
      "fetch must be a function with the signature of the global fetch.",
    );
  }
  return {
    auth,
    baseUrl,
    timeout: optionalPositiveMilliseconds(options.timeout, "timeout") ?? DEFAULTS.timeout,
    maxRetries: optionalWholeNumber(options.maxRetries, "maxRetries") ?? DEFAULTS.maxRetries,
    pollingInterval:
      optionalPositiveMilliseconds(options.pollingInterval, "pollingInterval") ??
      DEFAULTS.pollingInterval,
    userAgent: options.userAgent ?? `replicate-ts/${VERSION}`,
    logLevel,
  };
}

function fileSettings(
  options: ClientOptions,
): Pick<ClientContext, "fileEncodingStrategy" | "useFileOutput"> {
  const { fileEncodingStrategy = "upload", useFileOutput = true } = options;
  requireFileEncodingStrategy(fileEncodingStrategy);
  if (typeof useFileOutput !== "boolean") {
    throw new InvalidArgumentError(
      `useFileOutput must be true or false (got ${JSON.stringify(useFileOutput)}).`,
    );
  }
  return { fileEncodingStrategy, useFileOutput };
}

/**
 * The fetch the core uses. Without a token, requests to api.replicate.com fail at once with
 * {@link MissingApiKeyError}; other base URLs (proxies, the emulator) may not need one.
 */
function guardedFetch(settings: ResolvedOptions, custom: FetchFunction | undefined): FetchFunction {
  const fetchImpl: FetchFunction = custom ?? ((input, init) => globalThis.fetch(input, init));
  if (settings.auth || new URL(settings.baseUrl).origin !== REPLICATE_ORIGIN) return fetchImpl;
  return (input, init) => {
    const url = new URL(input instanceof Request ? input.url : input.toString());
    if (url.origin === REPLICATE_ORIGIN) return Promise.reject(new MissingApiKeyError());
    return fetchImpl(input, init);
  };
}

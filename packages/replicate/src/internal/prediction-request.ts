import { InvalidArgumentError } from "../core/errors";
import type { ApiRequest } from "../core/http";
import type { FileEncodingStrategy, RequestOptions } from "../core/options";
import type { ClientContext } from "../core/resource";
import type { PredictionCreateParams } from "../resources/predictions";
import { Prediction, type PredictionWire } from "../wrappers/prediction";
import { throwIfAborted } from "./abort";
import { prepareFileInputs } from "./file-inputs";
import { path, requireSegment } from "./path";
import { isHttpUrl } from "./url";
import { parseModelReference, requireObject, requireParams } from "./validate";

/** Events a webhook can be sent for. */
export type WebhookEventType = "start" | "output" | "logs" | "completed";

const WEBHOOK_EVENTS: ReadonlySet<string> = new Set(["start", "output", "logs", "completed"]);

/** Options shared by every way of creating a prediction (by version, model or deployment). */
export interface PredictionCreateOptions {
  /** A URL that receives a POST with the prediction as it changes. */
  webhook?: string | undefined;
  /** Which events are sent to `webhook`. @default all of them */
  webhookEventsFilter?: WebhookEventType[] | undefined;
  /** The seed's shortcut: `webhook` with only the `completed` event. */
  webhookCompleted?: string | undefined;
  /**
   * Hold the request open until the prediction finishes: `true` for the API's longest wait
   * (60 s), or 1-60 seconds. An answer that is still running is not treated as done.
   */
  wait?: boolean | number | undefined;
  /** Cancel the prediction if it has not finished this long after creation: `"5m"`, `"1h30m"` or seconds (at least 5). */
  cancelAfter?: string | number | undefined;
  /** Ask for a server-sent-events stream URL (the API now always gives one when the model streams). */
  stream?: boolean | undefined;
  /**
   * How file values in `input` are sent for this call: uploaded (`upload`) or inlined as data
   * URIs (`data-uri`, at most 10 MB in all). @default the client's `fileEncodingStrategy`
   */
  fileEncodingStrategy?: FileEncodingStrategy | undefined;
}

/** A create request whose input may still hold files, and how to send them. */
export interface JobCreateRequest extends ApiRequest {
  body: { input: unknown } & Record<string, unknown>;
  fileEncodingStrategy?: FileEncodingStrategy | undefined;
}

/** Builds the create request shared by `/predictions`, model and deployment predictions. */
export function buildPredictionCreateRequest(
  path: string,
  target: Record<string, string>,
  input: unknown,
  params: PredictionCreateOptions,
  options: RequestOptions | undefined,
): JobCreateRequest {
  requireObject(input, "input", '{ input: { prompt: "a cat" } }');
  const webhook = webhookFields(params);
  const cancelAfter = cancelAfterHeader(params.cancelAfter);
  return {
    method: "POST",
    path,
    body: {
      ...target,
      input,
      ...webhook,
      ...(params.stream === undefined ? {} : { stream: params.stream }),
    },
    preferWait: preferWait(params.wait),
    fileEncodingStrategy: params.fileEncodingStrategy,
    headers: cancelAfter === undefined ? undefined : { "Cancel-After": cancelAfter },
    options,
  };
}

function preferWait(wait: boolean | number | undefined): true | number | undefined {
  if (wait === undefined || wait === false) return undefined;
  if (wait === true) return true;
  if (!Number.isInteger(wait) || wait < 1 || wait > 60) {
    throw new InvalidArgumentError(
      `wait must be true or a whole number of seconds from 1 to 60 (got ${String(wait)}).`,
    );
  }
  return wait;
}

/**
 * Validates the webhook options and gives the body fields for them; trainings accept the same.
 */
export function webhookFields(
  params: Pick<PredictionCreateOptions, "webhook" | "webhookCompleted" | "webhookEventsFilter">,
): Record<string, unknown> {
  const { webhook, webhookCompleted, webhookEventsFilter } = params;
  if (webhook !== undefined && webhookCompleted !== undefined && webhook !== webhookCompleted) {
    throw new InvalidArgumentError(
      "Pass either webhook or webhookCompleted, not both: webhookCompleted is webhook with only the completed event.",
    );
  }
  const url = webhook ?? webhookCompleted;
  if (url === undefined) {
    if (webhookEventsFilter !== undefined) {
      throw new InvalidArgumentError("webhookEventsFilter needs a webhook URL: pass webhook too.");
    }
    return {};
  }
  if (!isHttpUrl(url)) {
    throw new InvalidArgumentError(`webhook must be an http(s) URL (got ${JSON.stringify(url)}).`);
  }
  const events =
    webhookCompleted !== undefined && webhook === undefined ? ["completed"] : webhookEventsFilter;
  for (const event of events ?? []) {
    if (!WEBHOOK_EVENTS.has(event)) {
      throw new InvalidArgumentError(
        `Unknown webhook event ${JSON.stringify(event)}: use start, output, logs or completed.`,
      );
    }
  }
  return events === undefined ? { webhook: url } : { webhook: url, webhook_events_filter: events };
}

const DURATION = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/;

/** Validates `cancelAfter` and gives the `Cancel-After` header value. */
export function cancelAfterHeader(value: string | number | undefined): string | undefined {
  if (value === undefined) return undefined;
  const seconds = typeof value === "number" ? value : durationSeconds(value);
  if (seconds === undefined || !Number.isFinite(seconds) || seconds < 5) {
    throw new InvalidArgumentError(
      `cancelAfter must be a duration of at least 5 seconds, such as 30, "90s", "5m" or "1h30m" (got ${JSON.stringify(value)}).`,
    );
  }
  return typeof value === "number" ? `${Math.ceil(value)}s` : value;
}

function durationSeconds(text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  const match = DURATION.exec(text);
  if (!match || text === "") return undefined;
  const [, hours = "0", minutes = "0", seconds = "0"] = match;
  return Number(hours) * 3600 + Number(minutes) * 60 + Number(seconds);
}

/**
 * Sends a prediction create request and wraps the answer. Every way of creating a prediction
 * goes through here, so that what applies to all of them is done in one place: file values in
 * the input are uploaded (or inlined) first.
 */
export async function sendPredictionCreate<Output, Input extends object>(
  context: ClientContext,
  request: JobCreateRequest,
): Promise<Prediction<Output, Input>> {
  return postPrediction<Output, Input>(context, await withFileInputsSent(context, request));
}

/** Sends a create whose input is ready (its files already sent) and wraps the answer. */
export async function postPrediction<Output, Input extends object>(
  context: ClientContext,
  request: ApiRequest,
): Promise<Prediction<Output, Input>> {
  return new Prediction<Output, Input>(await context.http.json<PredictionWire>(request));
}

/**
 * Creates a prediction on a model or a deployment named by its owner and name, at
 * `/{collection}/{owner}/{name}/predictions`: the one body of `models.predictions.create()` and
 * `deployments.predictions.create()`, which differ only in the path and the parameter names.
 */
export async function sendNamedPredictionCreate<Output, Input extends object>(
  context: ClientContext,
  call: string,
  collection: "models" | "deployments",
  [ownerKey, nameKey]: readonly [string, string],
  params: object,
  options: RequestOptions | undefined,
): Promise<Prediction<Output, Input>> {
  const given = requireParams(params, call, `{ ${ownerKey}, ${nameKey}, input }`);
  const { [ownerKey]: owner, [nameKey]: name, input, ...rest } = given as Record<string, unknown>;
  const target = path`/${collection}/${requireSegment(owner, ownerKey)}/${requireSegment(name, nameKey)}/predictions`;
  return sendPredictionCreate<Output, Input>(
    context,
    buildPredictionCreateRequest(target, {}, input, rest as PredictionCreateOptions, options),
  );
}

/**
 * The request with the files of its input uploaded or inlined, as `fileEncodingStrategy` (or
 * the client's) says. Used for predictions and trainings alike.
 */
export async function withFileInputsSent(
  context: ClientContext,
  request: JobCreateRequest,
): Promise<ApiRequest> {
  const { fileEncodingStrategy, ...apiRequest } = request;
  // An aborted call sends nothing: not even the uploads of its files.
  throwIfAborted(apiRequest.options?.signal);
  const { input } = apiRequest.body;
  const prepared = await prepareFileInputs(
    context,
    input,
    fileEncodingStrategy,
    apiRequest.options?.signal,
  );
  return prepared === input
    ? apiRequest
    : { ...apiRequest, body: { ...apiRequest.body, input: prepared } };
}

/**
 * Describes a create of `predictions.create()` (and of `run()` and `stream()`), routed to
 * `/predictions`, a model's or a deployment's predictions endpoint; validates it all first.
 */
export function predictionCreateRequest(
  params: PredictionCreateParams<object>,
  options: RequestOptions | undefined,
): JobCreateRequest {
  const { version, model, deployment, input, ...rest } = params ?? ({} as PredictionCreateParams);
  const given = [version, model, deployment].filter((value) => value !== undefined);
  if (given.length !== 1) {
    throw new InvalidArgumentError(
      'Say what to run with exactly one of version ("owner/name:id" or an id), model ("owner/name") or deployment ("owner/name").',
    );
  }
  if (deployment !== undefined) {
    const { owner, name } = parseModelReference(deployment, "deployment");
    return buildPredictionCreateRequest(
      path`/deployments/${owner}/${name}/predictions`,
      {},
      input,
      rest,
      options,
    );
  }
  const reference = (version ?? model)!;
  const referenceName = version === undefined ? "model" : "version";
  if (typeof reference === "string" && !reference.includes("/")) {
    return buildPredictionCreateRequest(
      "/predictions",
      { version: requireSegment(reference, "version") },
      input,
      rest,
      options,
    );
  }
  const {
    owner,
    name,
    version: versionId,
  } = parseModelReference(reference, referenceName, { allowVersion: true });
  if (versionId !== undefined) {
    return buildPredictionCreateRequest(
      "/predictions",
      { version: versionId },
      input,
      rest,
      options,
    );
  }
  return buildPredictionCreateRequest(
    path`/models/${owner}/${name}/predictions`,
    {},
    input,
    rest,
    options,
  );
}

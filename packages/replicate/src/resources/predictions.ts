import type { QueryValue } from "../core/http";
import type { RequestOptions } from "../core/options";
import type { PagePromise } from "../core/page";
import { Resource } from "../core/resource";
import { path, requireSegment } from "../internal/path";
import {
  pollSnapshots,
  type SnapshotOptions,
  type WaitOptions,
  waitUntilTerminated,
} from "../internal/polling";
import {
  type PredictionCreateOptions,
  predictionCreateRequest,
  sendPredictionCreate,
} from "../internal/prediction-request";
import { requireParams } from "../internal/validate";
import type { PredictionStream, StreamOptions } from "../streaming/event-stream";
import { streamOfPrediction } from "../streaming/stream-sources";
import { Prediction, type PredictionWire } from "../wrappers/prediction";

/** Model input: the fields of the model's input schema. */
export type PredictionInput = Record<string, unknown>;

/** What to run: exactly one of `version`, `model` or `deployment`. */
export interface PredictionCreateParams<Input extends object = PredictionInput>
  extends PredictionCreateOptions {
  /** A version id, `owner/name:version`, or `owner/name` (the model's latest, for official models). */
  version?: string | undefined;
  /** `owner/name` of an official model, run at its current version. */
  model?: string | undefined;
  /** `owner/name` of a deployment. */
  deployment?: string | undefined;
  /** The model's input. */
  input: Input;
}

/** Filters of `predictions.list()`. */
export interface PredictionListParams {
  /** Only predictions created at or after this time. */
  createdAfter?: Date | string | undefined;
  /** Only predictions created before this time. */
  createdBefore?: Date | string | undefined;
  /** Only predictions made on the website (the API keeps 14 days of those). */
  source?: "web" | undefined;
}

/** Identifies a prediction: `{ id }`, or a `Prediction` you already have. */
export interface PredictionReference {
  /** The prediction's id, e.g. `gm3qorzdhgbfurvjtvhg6dckhu`. */
  id: string;
}

/** Predictions: create, get, cancel, list, watch and wait. */
export class Predictions extends Resource {
  /**
   * Starts a prediction.
   * @example
   * const prediction = await replicate.predictions.create({
   *   version: "replicate/hello-world:5c7d5dc6...",
   *   input: { text: "Alice" },
   *   wait: true,
   * });
   */
  async create<Output = unknown, Input extends object = PredictionInput>(
    params: PredictionCreateParams<Input>,
    options?: RequestOptions,
  ): Promise<Prediction<Output, Input>> {
    return sendPredictionCreate<Output, Input>(
      this.context,
      predictionCreateRequest(params, options),
    );
  }

  /** Gets a prediction's current state. */
  async get<Output = unknown>(
    params: PredictionReference,
    options?: RequestOptions,
  ): Promise<Prediction<Output>> {
    const wire = await this.http.json<PredictionWire>({
      method: "GET",
      path: path`/predictions/${predictionId(params, "predictions.get()")}`,
      options,
    });
    return new Prediction<Output>(wire);
  }

  /** Cancels a prediction; canceling one that already ended is harmless. */
  async cancel<Output = unknown>(
    params: PredictionReference,
    options?: RequestOptions,
  ): Promise<Prediction<Output>> {
    const wire = await this.http.json<PredictionWire>({
      method: "POST",
      path: path`/predictions/${predictionId(params, "predictions.cancel()")}/cancel`,
      // Canceling twice has the same effect as canceling once, so it is safe to retry.
      idempotent: true,
      options,
    });
    return new Prediction<Output>(wire);
  }

  /**
   * Lists predictions, newest first. Await it for the first page, or iterate every prediction:
   * `for await (const prediction of replicate.predictions.list()) { ... }`.
   */
  list(params: PredictionListParams = {}, options?: RequestOptions): PagePromise<Prediction> {
    const query: Record<string, QueryValue> = {
      created_after: params.createdAfter,
      created_before: params.createdBefore,
      source: params.source,
    };
    return this.paginate(
      "/predictions",
      query,
      (wire: PredictionWire) => new Prediction(wire),
      options,
    );
  }

  /**
   * Watches a prediction by polling: yields its first state at once, then each change of status
   * (or every poll, with `shouldTriggerOnlyStatusChanges: false`), and ends after a terminal
   * state. Leaving the loop stops the polling.
   */
  async *snapshots<Output = unknown>(
    params: PredictionReference & SnapshotOptions,
    options?: RequestOptions,
  ): AsyncGenerator<Prediction<Output>, void, undefined> {
    const id = predictionId(params, "predictions.snapshots()");
    yield* pollSnapshots(
      (signal) => this.get<Output>({ id }, { ...options, signal }),
      this.context.pollingInterval,
      params,
      options?.signal,
    );
  }

  /**
   * Streams a prediction's output as server-sent events (`output`, `logs`, `done`). An `error`
   * event, or a `done` that says the prediction failed or was canceled, rejects with
   * `ModelError`. A dropped connection resumes with `Last-Event-ID`; `break` closes it.
   * @example
   * for await (const event of replicate.predictions.stream(prediction)) {
   *   if (event.event === "output") process.stdout.write(event.data);
   * }
   */
  stream(
    prediction: PredictionReference | Prediction,
    streamOptions?: StreamOptions,
    options?: RequestOptions,
  ): PredictionStream {
    return streamOfPrediction(this, this.context, prediction, streamOptions, options);
  }

  /**
   * Resolves once the prediction succeeded, failed, was canceled or aborted, with its final
   * state. It does not throw for an unsuccessful prediction: check `isSucceeded`.
   */
  async wait<Output = unknown, Input extends object = PredictionInput>(
    prediction: PredictionReference | Prediction<Output, Input>,
    waitOptions: WaitOptions<Prediction<Output, Input>> = {},
    options?: RequestOptions,
  ): Promise<Prediction<Output, Input>> {
    const id = requireSegment(prediction?.id, "id");
    return waitUntilTerminated(
      prediction instanceof Prediction ? prediction : undefined,
      // A prediction's input does not change: the one fetched has the type of the one given.
      async (signal) =>
        (await this.get<Output>({ id }, { ...options, signal })) as Prediction<Output, Input>,
      this.context.pollingInterval,
      waitOptions,
      options?.signal,
    );
  }
}

function predictionId(params: PredictionReference, call: string): string {
  return requireSegment(requireParams(params, call, "{ id }").id, "id");
}

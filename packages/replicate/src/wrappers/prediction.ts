import type { components } from "../generated/openapi";
import { orUndefined, toDate } from "./convert";
import { type Progress, parseProgress } from "./progress";
import { JobStatusHelpers, type PredictionStatus } from "./status";

/** A prediction as the API sends it. */
export type PredictionWire = components["schemas"]["schemas_prediction_response"] & {
  metrics?: { predict_time?: number; total_time?: number } & Record<string, unknown>;
};

/** Timing figures of a finished prediction. */
export interface PredictionMetrics {
  /** Seconds the model ran: the time you are billed for. */
  predictTime: number | undefined;
  /** Seconds from creation to completion, queueing included. */
  totalTime: number | undefined;
}

/** Where to get, cancel, stream and view a prediction. */
export interface PredictionUrls {
  get: string;
  cancel: string;
  stream: string | undefined;
  web: string | undefined;
}

/**
 * A prediction: one run of a model on one input. `Output` is `unknown` unless you say what the
 * model returns, e.g. `Prediction<string[]>`.
 */
export class Prediction<
  Output = unknown,
  Input extends object = Record<string, unknown>,
> extends JobStatusHelpers {
  readonly id: string;
  /** `owner/name` of the model. */
  readonly model: string;
  /** The version id, or `"hidden"`. */
  readonly version: string;
  readonly input: Input;
  /** The output so far; complete once the prediction succeeded. */
  readonly output: Output | null;
  readonly logs: string | undefined;
  /** Why the prediction failed, if it did. */
  readonly error: string | undefined;
  readonly status: PredictionStatus;
  /** `api` or `web`. */
  readonly source: "api" | "web" | undefined;
  /** Whether the input and output were deleted (Replicate deletes API data after an hour). */
  readonly dataRemoved: boolean;
  readonly createdAt: Date | undefined;
  readonly startedAt: Date | undefined;
  readonly completedAt: Date | undefined;
  /** When the prediction will be canceled if it has not finished. */
  readonly deadline: Date | undefined;
  /** `owner/name` of the deployment that ran it, if any. */
  readonly deployment: string | undefined;
  readonly metrics: PredictionMetrics;
  readonly urls: PredictionUrls;
  /** The prediction exactly as the API sent it. */
  readonly raw: PredictionWire;

  constructor(wire: PredictionWire) {
    super();
    this.raw = wire;
    this.id = wire.id;
    this.model = wire.model;
    this.version = wire.version;
    this.input = (wire.input ?? {}) as Input;
    this.output = (wire.output ?? null) as Output | null;
    this.logs = orUndefined(wire.logs);
    this.error = errorText(wire.error);
    this.status = wire.status;
    this.source = orUndefined(wire.source);
    this.dataRemoved = wire.data_removed ?? false;
    this.createdAt = toDate(wire.created_at);
    this.startedAt = toDate(wire.started_at);
    this.completedAt = toDate(wire.completed_at);
    this.deadline = toDate(wire.deadline);
    this.deployment = orUndefined(wire.deployment);
    this.metrics = {
      predictTime: numberOrUndefined(wire.metrics?.predict_time),
      totalTime: numberOrUndefined(wire.metrics?.total_time),
    };
    this.urls = {
      get: wire.urls?.get ?? "",
      cancel: wire.urls?.cancel ?? "",
      stream: orUndefined(wire.urls?.stream),
      web: orUndefined(wire.urls?.web),
    };
  }

  /** The latest tqdm-style progress in the logs, if the model prints any. */
  get progress(): Progress | undefined {
    return parseProgress(this.logs);
  }

  /** The wire JSON, so that `JSON.stringify(prediction)` gives what the API sent. */
  toJSON(): PredictionWire {
    return this.raw;
  }
}

function errorText(error: unknown): string | undefined {
  if (error === null || error === undefined || error === "") return undefined;
  return typeof error === "string" ? error : JSON.stringify(error);
}

function numberOrUndefined(value: unknown): number | undefined {
  return typeof value === "number" ? value : undefined;
}

import type { components } from "../generated/openapi";
import { orUndefined, toDate } from "./convert";
import { JobStatusHelpers, type PredictionStatus } from "./status";

type TrainingResponse = components["schemas"]["schemas_training_response"];

/** A training as the API sends it. */
export type TrainingWire = Omit<TrainingResponse, "urls"> & {
  urls?: TrainingResponse["urls"] & { web?: string };
};

/** What a successful training made: a new version of the destination model. */
export interface TrainingOutput {
  /**
   * The version the training pushed to the destination model, as the API names it: usually
   * `owner/name:id`, which `run()` and `predictions.create({ version })` accept as it is.
   */
  version: string | undefined;
  /** Where the trained weights are. */
  weights: string | undefined;
}

/** Timing figures of a finished training. */
export interface TrainingMetrics {
  /** Seconds of CPU or GPU time the training used: the time you are billed for. */
  predictTime: number | undefined;
  /** Seconds from creation to completion, queueing included. */
  totalTime: number | undefined;
}

/** Where to get, cancel and view a training. */
export interface TrainingUrls {
  get: string;
  cancel: string;
  web: string | undefined;
}

/**
 * A training: a run of a model's `train()` that, when it succeeds, pushes a new version to the
 * destination model.
 */
export class ReplicateTraining extends JobStatusHelpers {
  readonly id: string;
  /** `owner/name` of the model being trained. */
  readonly model: string | undefined;
  /** The id of the version being trained. */
  readonly version: string | undefined;
  readonly input: Record<string, unknown>;
  /** The new version and weights, once the training succeeded. */
  readonly output: TrainingOutput | undefined;
  readonly logs: string | undefined;
  /** Why the training failed, if it did. */
  readonly error: string | undefined;
  readonly status: PredictionStatus;
  /** `api` or `web`. */
  readonly source: "api" | "web" | undefined;
  readonly createdAt: Date | undefined;
  readonly startedAt: Date | undefined;
  readonly completedAt: Date | undefined;
  readonly metrics: TrainingMetrics;
  readonly urls: TrainingUrls;
  /** The training exactly as the API sent it. */
  readonly raw: TrainingWire;

  constructor(wire: TrainingWire) {
    super();
    this.raw = wire;
    this.id = wire.id ?? "";
    this.model = orUndefined(wire.model);
    this.version = orUndefined(wire.version);
    this.input = wire.input ?? {};
    this.output = wire.output
      ? { version: orUndefined(wire.output.version), weights: orUndefined(wire.output.weights) }
      : undefined;
    this.logs = orUndefined(wire.logs);
    this.error = orUndefined(wire.error) || undefined;
    // The spec leaves status optional on trainings; one that says nothing has not finished.
    this.status = wire.status ?? "starting";
    this.source = orUndefined(wire.source);
    this.createdAt = toDate(wire.created_at);
    this.startedAt = toDate(wire.started_at);
    this.completedAt = toDate(wire.completed_at);
    this.metrics = {
      predictTime: orUndefined(wire.metrics?.predict_time),
      totalTime: orUndefined(wire.metrics?.total_time),
    };
    this.urls = {
      get: wire.urls?.get ?? "",
      cancel: wire.urls?.cancel ?? "",
      web: orUndefined(wire.urls?.web),
    };
  }

  /** The wire JSON, so that `JSON.stringify(training)` gives what the API sent. */
  toJSON(): TrainingWire {
    return this.raw;
  }
}

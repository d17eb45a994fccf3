import type { components } from "../generated/openapi";
import { orUndefined } from "./convert";
import { Job, type JobMetrics } from "./job";

/** A training as the API sends it (with the `web` URL the API adds to the spec's). */
export type TrainingWire = Omit<components["schemas"]["schemas_training_response"], "urls"> & {
  urls?: components["schemas"]["schemas_training_response"]["urls"] & { web?: string };
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

/** Timing figures of a finished training: `predictTime` is the time you are billed for. */
export type TrainingMetrics = JobMetrics;

/** Where to get, cancel and view a training. */
export interface TrainingUrls {
  /** The API URL that gets the training's current state. */
  get: string;
  /** The API URL that cancels it. */
  cancel: string;
  /** Its page on replicate.com. */
  web: string | undefined;
}

/**
 * A training: a run of a model's `train()` that, when it succeeds, pushes a new version to the
 * destination model.
 */
export class ReplicateTraining extends Job<TrainingWire> {
  /** `owner/name` of the model being trained. */
  readonly model: string | undefined;
  /** The id of the version being trained. */
  readonly version: string | undefined;
  /** The new version and weights, once the training succeeded. */
  readonly output: TrainingOutput | undefined;
  /** Where to get, cancel and view it. */
  readonly urls: TrainingUrls;

  constructor(wire: TrainingWire) {
    super(wire);
    this.model = orUndefined(wire.model);
    this.version = orUndefined(wire.version);
    this.output = wire.output
      ? { version: orUndefined(wire.output.version), weights: orUndefined(wire.output.weights) }
      : undefined;
    this.urls = {
      get: wire.urls?.get ?? "",
      cancel: wire.urls?.cancel ?? "",
      web: orUndefined(wire.urls?.web),
    };
  }
}

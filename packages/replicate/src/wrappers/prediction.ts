import type { components } from "../generated/openapi";
import { orUndefined, toDate } from "./convert";
import { Job, type JobMetrics } from "./job";
import { type Progress, parseProgress } from "./progress";

/** A prediction as the API sends it. */
export type PredictionWire = components["schemas"]["schemas_prediction_response"] & {
  metrics?: { predict_time?: number; total_time?: number } & Record<string, unknown>;
};

/** Timing figures of a finished prediction: `predictTime` is the time you are billed for. */
export type PredictionMetrics = JobMetrics;

/** Where to get, cancel, stream and view a prediction. */
export interface PredictionUrls {
  /** The API URL that gets the prediction's current state. */
  get: string;
  /** The API URL that cancels it. */
  cancel: string;
  /** Its server-sent-events stream, when the model streams output. */
  stream: string | undefined;
  /** Its page on replicate.com. */
  web: string | undefined;
}

/**
 * A prediction: one run of a model on one input. `Output` is `unknown` unless you say what the
 * model returns, e.g. `Prediction<string[]>`; `Input` is the input's type, any object type
 * (an `interface` too).
 */
export class Prediction<
  Output = unknown,
  Input extends object = Record<string, unknown>,
> extends Job<PredictionWire, Input> {
  /** `owner/name` of the model. */
  readonly model: string;
  /** The version id, or `"hidden"`. */
  readonly version: string;
  /** The output so far; complete once the prediction succeeded. */
  readonly output: Output | null;
  /** Whether the input and output were deleted (Replicate deletes API data after an hour). */
  readonly dataRemoved: boolean;
  /** When the prediction will be canceled if it has not finished. */
  readonly deadline: Date | undefined;
  /** `owner/name` of the deployment that ran it, if any. */
  readonly deployment: string | undefined;
  /** Where to get, cancel, stream and view it. */
  readonly urls: PredictionUrls;

  constructor(wire: PredictionWire) {
    super(wire);
    this.model = wire.model;
    this.version = wire.version;
    this.output = (wire.output ?? null) as Output | null;
    this.dataRemoved = wire.data_removed ?? false;
    this.deadline = toDate(wire.deadline);
    this.deployment = orUndefined(wire.deployment);
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
}

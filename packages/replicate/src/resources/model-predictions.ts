import type { RequestOptions } from "../core/options";
import { Resource } from "../core/resource";
import {
  type PredictionCreateOptions,
  sendNamedPredictionCreate,
} from "../internal/prediction-request";
import type { Prediction } from "../wrappers/prediction";
import type { PredictionInput } from "./predictions";

/** Parameters of `models.predictions.create()`. */
export interface ModelPredictionCreateParams<Input extends object = PredictionInput>
  extends PredictionCreateOptions {
  /** The user or organization that owns the model, e.g. `black-forest-labs`. */
  modelOwner: string;
  /** The model's name, e.g. `flux-schnell`. */
  modelName: string;
  /** The model's input. */
  input: Input;
}

/** Predictions of official models, run by name at the model's current version. */
export class ModelPredictions extends Resource {
  /** Starts a prediction of an official model. Takes the same options as `predictions.create()`. */
  async create<Output = unknown, Input extends object = PredictionInput>(
    params: ModelPredictionCreateParams<Input>,
    options?: RequestOptions,
  ): Promise<Prediction<Output, Input>> {
    return sendNamedPredictionCreate<Output, Input>(
      this.context,
      "models.predictions.create()",
      "models",
      ["modelOwner", "modelName"],
      params,
      options,
    );
  }
}

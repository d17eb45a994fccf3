import type { RequestOptions } from "../core/options";
import { Resource } from "../core/resource";
import { path, requireSegment } from "../internal/path";
import {
  buildPredictionCreateRequest,
  type PredictionCreateOptions,
  sendPredictionCreate,
} from "../internal/prediction-request";
import type { Prediction } from "../wrappers/prediction";
import type { PredictionInput } from "./predictions";

/** Parameters of `models.predictions.create()`. */
export interface ModelPredictionCreateParams<Input extends PredictionInput = PredictionInput>
  extends PredictionCreateOptions {
  modelOwner: string;
  modelName: string;
  input: Input;
}

/** Predictions of official models, run by name at the model's current version. */
export class ModelPredictions extends Resource {
  /** Starts a prediction of an official model. Takes the same options as `predictions.create()`. */
  async create<Output = unknown, Input extends PredictionInput = PredictionInput>(
    params: ModelPredictionCreateParams<Input>,
    options?: RequestOptions,
  ): Promise<Prediction<Output, Input>> {
    const { modelOwner, modelName, input, ...rest } = params;
    const owner = requireSegment(modelOwner, "modelOwner");
    const name = requireSegment(modelName, "modelName");
    return sendPredictionCreate<Output, Input>(
      this.context,
      buildPredictionCreateRequest(
        path`/models/${owner}/${name}/predictions`,
        {},
        input,
        rest,
        options,
      ),
    );
  }
}

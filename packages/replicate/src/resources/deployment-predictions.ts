import type { RequestOptions } from "../core/options";
import { Resource } from "../core/resource";
import {
  type PredictionCreateOptions,
  sendNamedPredictionCreate,
} from "../internal/prediction-request";
import type { Prediction } from "../wrappers/prediction";
import type { PredictionInput } from "./predictions";

/** Parameters of `deployments.predictions.create()`. */
export interface DeploymentPredictionCreateParams<Input extends object = PredictionInput>
  extends PredictionCreateOptions {
  /** The user or organization that owns the deployment. */
  deploymentOwner: string;
  /** The deployment's name. */
  deploymentName: string;
  /** The model's input. */
  input: Input;
}

/** Predictions run on a deployment, at the deployment's current release. */
export class DeploymentPredictions extends Resource {
  /** Starts a prediction on a deployment. Takes the same options as `predictions.create()`. */
  async create<Output = unknown, Input extends object = PredictionInput>(
    params: DeploymentPredictionCreateParams<Input>,
    options?: RequestOptions,
  ): Promise<Prediction<Output, Input>> {
    return sendNamedPredictionCreate<Output, Input>(
      this.context,
      "deployments.predictions.create()",
      "deployments",
      ["deploymentOwner", "deploymentName"],
      params,
      options,
    );
  }
}

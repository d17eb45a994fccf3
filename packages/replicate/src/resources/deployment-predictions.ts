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

/** Parameters of `deployments.predictions.create()`. */
export interface DeploymentPredictionCreateParams<Input extends PredictionInput = PredictionInput>
  extends PredictionCreateOptions {
  deploymentOwner: string;
  deploymentName: string;
  input: Input;
}

/** Predictions run on a deployment, at the deployment's current release. */
export class DeploymentPredictions extends Resource {
  /** Starts a prediction on a deployment. Takes the same options as `predictions.create()`. */
  async create<Output = unknown, Input extends PredictionInput = PredictionInput>(
    params: DeploymentPredictionCreateParams<Input>,
    options?: RequestOptions,
  ): Promise<Prediction<Output, Input>> {
    const { deploymentOwner, deploymentName, input, ...rest } = params;
    const owner = requireSegment(deploymentOwner, "deploymentOwner");
    const name = requireSegment(deploymentName, "deploymentName");
    return sendPredictionCreate<Output, Input>(
      this.context,
      buildPredictionCreateRequest(
        path`/deployments/${owner}/${name}/predictions`,
        {},
        input,
        rest,
        options,
      ),
    );
  }
}

import { Resource } from "../core/resource";
import { DeploymentPredictions } from "./deployment-predictions";

/** Deployments: a model version on dedicated hardware, under a fixed name. */
export class Deployments extends Resource {
  /** Predictions run on a deployment. */
  get predictions(): DeploymentPredictions {
    return new DeploymentPredictions(this.context);
  }
}

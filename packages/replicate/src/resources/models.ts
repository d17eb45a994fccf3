import { Resource } from "../core/resource";
import { ModelPredictions } from "./model-predictions";

/** Models: their versions, collections and predictions. */
export class Models extends Resource {
  /** Predictions of official models, run by name. */
  get predictions(): ModelPredictions {
    return new ModelPredictions(this.context);
  }
}

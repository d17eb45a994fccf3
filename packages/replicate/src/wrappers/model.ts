import type { components } from "../generated/openapi";
import { orUndefined } from "./convert";
import { ModelVersion, type ModelVersionWire } from "./model-version";
import { Prediction, type PredictionWire } from "./prediction";

/** A model as the API sends it. */
export type ModelWire = Omit<
  components["schemas"]["schemas_model_response"],
  "default_example" | "latest_version"
> & {
  default_example?: PredictionWire | null;
  latest_version?: ModelVersionWire | null;
};

/** Who may see and run a model. */
export type ModelVisibility = "public" | "private";

/** A model on Replicate: its metadata, its latest version and its default example. */
export class ReplicateModel {
  /** The model's page on replicate.com. */
  readonly url: string | undefined;
  /** The user or organization that owns it. */
  readonly owner: string;
  readonly name: string;
  readonly description: string | undefined;
  readonly visibility: ModelVisibility | undefined;
  readonly githubUrl: string | undefined;
  readonly paperUrl: string | undefined;
  readonly licenseUrl: string | undefined;
  readonly coverImageUrl: string | undefined;
  /** How many times the model has been run. */
  readonly runCount: number | undefined;
  /** Whether Replicate maintains it (always on, stable interface, predictable price). */
  readonly isOfficial: boolean;
  /** The prediction the author chose to show the model with. */
  readonly defaultExample: Prediction | undefined;
  readonly latestVersion: ModelVersion | undefined;
  /** The model exactly as the API sent it. */
  readonly raw: ModelWire;

  constructor(wire: ModelWire) {
    this.raw = wire;
    this.url = orUndefined(wire.url);
    this.owner = wire.owner ?? "";
    this.name = wire.name ?? "";
    this.description = orUndefined(wire.description);
    this.visibility = orUndefined(wire.visibility);
    this.githubUrl = orUndefined(wire.github_url);
    this.paperUrl = orUndefined(wire.paper_url);
    this.licenseUrl = orUndefined(wire.license_url);
    this.coverImageUrl = orUndefined(wire.cover_image_url);
    this.runCount = orUndefined(wire.run_count);
    this.isOfficial = wire.is_official ?? false;
    this.defaultExample = isObject(wire.default_example)
      ? new Prediction(wire.default_example)
      : undefined;
    this.latestVersion = isObject(wire.latest_version)
      ? new ModelVersion(wire.latest_version)
      : undefined;
  }

  /** `owner/name`, the reference `run()` and `predictions.create()` accept. */
  get fullName(): string {
    return `${this.owner}/${this.name}`;
  }

  /** The wire JSON, so that `JSON.stringify(model)` gives what the API sent. */
  toJSON(): ModelWire {
    return this.raw;
  }
}

function isObject<T>(value: T | null | undefined): value is T {
  return typeof value === "object" && value !== null;
}

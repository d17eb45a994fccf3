import type { WireComponents } from "replicate-ts";

type Schemas = WireComponents["schemas"];

/** The spec's prediction object. */
export type PredictionWire = Schemas["schemas_prediction_response"];
/** The spec's training object. */
export type TrainingWire = Schemas["schemas_training_response"];
/** The spec's version object, with the schema typed as the object it is. */
export type VersionWire = Omit<Schemas["schemas_version_response"], "openapi_schema"> & {
  openapi_schema?: Record<string, unknown> | null;
};
/** The spec's model object, with its nested objects typed. */
export type ModelWire = Omit<
  Schemas["schemas_model_response"],
  "default_example" | "latest_version"
> & {
  default_example?: PredictionWire | null;
  latest_version?: VersionWire | null;
};
/** The spec's file object, with metadata typed as the object it is. */
export type FileWire = Omit<Schemas["schemas_file_response"], "metadata" | "checksums"> & {
  metadata: Record<string, unknown>;
  checksums: { sha256: string; md5: string };
  name: string;
  etag: string;
};
export type DeploymentWire = Schemas["schemas_deployment_response"];
export type CollectionWire = Omit<Schemas["schemas_collection_response"], "models"> & {
  models: ModelWire[];
};
export type CollectionListItemWire = Schemas["schemas_collection_list_item"];

/** The account the emulator answers as (`GET /account`). */
export interface AccountWire {
  type: "user" | "organization";
  username: string;
  name: string;
  github_url?: string;
  avatar_url?: string;
}

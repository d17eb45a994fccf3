import type { components } from "../generated/openapi";
import { orUndefined, toDate } from "./convert";

/** A model version as the API sends it. */
export type ModelVersionWire = Omit<
  components["schemas"]["schemas_version_response"],
  "openapi_schema"
> & {
  openapi_schema?: Record<string, unknown> | null;
};

/** One version of a model: a fixed build of its code and weights, with its input schema. */
export class ModelVersion {
  /** The 64-character version id. */
  readonly id: string;
  readonly createdAt: Date | undefined;
  /** The version of Cog that built it. */
  readonly cogVersion: string | undefined;
  /** The OpenAPI schema of the version's input and output (`components.schemas.Input`...). */
  readonly openapiSchema: Record<string, unknown> | undefined;
  /** The version exactly as the API sent it. */
  readonly raw: ModelVersionWire;

  constructor(wire: ModelVersionWire) {
    this.raw = wire;
    this.id = wire.id ?? "";
    this.createdAt = toDate(wire.created_at);
    this.cogVersion = orUndefined(wire.cog_version);
    this.openapiSchema = orUndefined(wire.openapi_schema);
  }

  /** The wire JSON, so that `JSON.stringify(version)` gives what the API sent. */
  toJSON(): ModelVersionWire {
    return this.raw;
  }
}
